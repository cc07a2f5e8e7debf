/**
 * Drawing code shared by the static storyline renderer and the interactive view: keyed D3 joins
 * of the layout's records (lines by actor id, markers by event id, labels by actor and slot,
 * ticks by slot) and the highlight classes for a view state. No arithmetic beyond placing the
 * layout's numbers.
 */
import { isCssColor } from '../../model/color.js';
import { select, type EnterElement, type Selection, type BaseType } from 'd3-selection';
import 'd3-transition';
import type { Dataset } from '../../model/types.js';
import type { ViewState } from '../../link/state.js';
import { panEventDate, type StorylineLabel, type StorylineLayout, type StorylineLine, type StorylineMarker, type StorylinePan, type StorylinePanLine, type StorylineTick } from '../../layout/storyline.js';
import type { RenderContext } from '../common/context.js';
import { categoricalColors } from '../common/palette.js';
import { chartCss } from '../common/theme.js';
import { appendTitleDesc } from '../common/a11y.js';
import { eventAriaLabel } from '../common/format.js';
import { formatDate } from '../../model/dates.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Storyline-specific rules, scoped like the shared stylesheet. */
export const STORYLINE_CSS = [
  '.et-storyline .et-line-path { fill: none; stroke-width: 2px; stroke-linecap: round; }',
  '.et-storyline .et-line-hit { fill: none; stroke: transparent; stroke-width: 10px; pointer-events: stroke; }',
  '.et-storyline .et-line.et-highlight .et-line-path { stroke-width: 3.5px; }',
  '.et-storyline .et-line.et-selected .et-line-path { stroke-width: 4px; }',
  '.et-storyline .et-line, .et-storyline .et-label, .et-storyline .et-mark { transition: opacity 200ms ease; }',
  '.et-storyline .et-mark { fill: var(--et-fg); stroke: var(--et-bg); stroke-width: 1.5px; cursor: pointer; }',
  '.et-storyline .et-line { cursor: pointer; }',
  '.et-storyline .et-label { paint-order: stroke; stroke: var(--et-bg); stroke-width: 3px; stroke-linejoin: round; font-size: var(--et-font-size); }',
  '.et-storyline .et-leader { stroke-width: 1px; stroke-opacity: 0.7; }',
  '.et-storyline .et-axis text { font-size: 10px; }',
  '@media (prefers-reduced-motion: reduce) { .et-storyline .et-line, .et-storyline .et-label, .et-storyline .et-mark { transition: none; } }',
].join('\n');

/** How to animate a redraw: 0 for none (static output, reduced motion). */
export interface DrawMotion {
  readonly duration: number;
}


/** Colour of each actor: its own `color` when it is a CSS colour, else the palette in dataset order. */
export function actorColors(dataset: Dataset, palette?: readonly string[]): Map<string, string> {
  const colors = categoricalColors(
    dataset.actors.map((a) => a.id),
    palette,
  );
  for (const actor of dataset.actors) if (actor.color && isCssColor(actor.color.trim())) colors.set(actor.id, actor.color.trim());
  return colors;
}

/** Per actor: how many of the layout's markers it is in, and the first and last of them. */
export interface ActorMarkers {
  count: number;
  first: StorylineMarker;
  last: StorylineMarker;
}

/** Indexes `layout.markers` by actor in one pass (markers are in slot order). */
export function markersByActor(layout: StorylineLayout): Map<string, ActorMarkers> {
  const out = new Map<string, ActorMarkers>();
  for (const m of layout.markers) {
    for (const id of m.actorIds) {
      const entry = out.get(id);
      if (entry) {
        entry.count++;
        entry.last = m;
      } else out.set(id, { count: 1, first: m, last: m });
    }
  }
  return out;
}

/**
 * The accessible name of an actor's line: name, number of events, first and last date. Pass
 * `index` (from {@link markersByActor}) when labelling many lines.
 */
export function lineAriaLabel(
  line: StorylineLine,
  layout: StorylineLayout,
  dataset: Dataset,
  index: Map<string, ActorMarkers> = markersByActor(layout),
): string {
  const entry = index.get(line.actorId);
  const n = entry?.count ?? 0;
  const first = entry && dataset.event(entry.first.eventId);
  const last = entry && dataset.event(entry.last.eventId);
  const count = `${n} ${n === 1 ? 'event' : 'events'}`;
  if (!first || !last) return `${line.name}, ${count}`;
  const from = formatDate(first.when.start);
  const to = formatDate((last.when.end ?? last.when.start));
  return from === to ? `${line.name}, ${count}, ${from}` : `${line.name}, ${count}, ${from} to ${to}`;
}

/** A one-sentence description of the chart for `<desc>`. */
export function storylineDescription(layout: StorylineLayout, dataset: Dataset): string {
  const events = layout.markers.length;
  const actors = layout.lines.length;
  if (events === 0) return 'Storyline with no events.';
  const first = dataset.event(layout.markers[0]!.eventId);
  const lastSlot = layout.slots[layout.slots.length - 1]!;
  const last = dataset.event(lastSlot.eventIds[lastSlot.eventIds.length - 1]!);
  const span = first && last ? ` from ${formatDate(first.when.start)} to ${formatDate(last.when.end ?? last.when.start)}` : '';
  return (
    `Storyline of ${actors} ${actors === 1 ? 'actor' : 'actors'} across ${events} ${events === 1 ? 'event' : 'events'}${span}. ` +
    'Each line is an actor; lines meet at the events the actors share.'
  );
}

type Root = Selection<SVGSVGElement, unknown, null, undefined>;

/** The dataset each chart was last drawn from, to know when markers' labels are stale. */
const drawnData = new WeakMap<SVGSVGElement, Dataset>();

/** Actor colours per dataset and palette: a redraw for a moving window reuses them. */
const colorCache = new WeakMap<Dataset, { palette: readonly string[] | undefined; colors: Map<string, string> }>();

function colorsOf(dataset: Dataset, palette: readonly string[] | undefined): Map<string, string> {
  const cached = colorCache.get(dataset);
  if (cached && cached.palette === palette) return cached.colors;
  const colors = actorColors(dataset, palette);
  colorCache.set(dataset, { palette, colors });
  return colors;
}

/**
 * Sets an attribute only when its value differs. A moving window redraws thousands of marks of
 * which many keep some of their attributes; writing an equal value still costs the browser a
 * mutation record and, for SVG presentation attributes (x, y, height, d), a style invalidation.
 */
function setAttr(element: Element, name: string, value: string | number): void {
  const text = String(value);
  if (element.getAttribute(name) !== text) element.setAttribute(name, text);
}

/**
 * The path data each line path was last given here. Path strings run to tens of kilobytes on a
 * large chart and `getAttribute` copies them, so their comparison uses this instead; an
 * animated redraw, whose transition writes the attribute later, forgets the entry.
 */
const pathData = new WeakMap<Element, string>();

function setPath(element: Element, d: string): void {
  if (pathData.get(element) === d) return;
  pathData.set(element, d);
  if (element.getAttribute('d') !== d) element.setAttribute('d', d);
}

function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function layer(root: Root, name: string, ariaHidden = false): Selection<SVGGElement, unknown, null, undefined> {
  const existing = root.select<SVGGElement>(`g.et-${name}`);
  if (!existing.empty()) return existing as unknown as Selection<SVGGElement, unknown, null, undefined>;
  const g = root.append('g').attr('class', `et-${name}`);
  if (ariaHidden) g.attr('aria-hidden', 'true');
  return g as unknown as Selection<SVGGElement, unknown, null, undefined>;
}

/** Axis ticks at their screen x, keyed by slot. */
function drawTicks(root: Root, layout: Pick<StorylineLayout, 'ticks' | 'margin' | 'height'>): void {
  const axis = layer(root, 'axis', true);
  const tickTop = layout.margin.top - 6;
  const tickBottom = layout.height - layout.margin.bottom + 4;
  const tickText = layout.height - layout.margin.bottom + 16;
  axis
    .selectAll<SVGGElement, StorylineTick>('g.et-tick')
    .data(layout.ticks, (d) => String(d.slot))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'et-tick');
      g.append('line').attr('y1', tickTop).attr('y2', tickBottom).attr('stroke-dasharray', '2 3').attr('stroke-opacity', 0.5);
      g.append('text').attr('text-anchor', 'middle');
      return g;
    })
    .each(function (d) {
      setAttr(this, 'transform', `translate(${d.x},0)`);
      const line = this.firstElementChild!;
      setAttr(line, 'y1', tickTop);
      setAttr(line, 'y2', tickBottom);
      const text = line.nextElementSibling!;
      setAttr(text, 'y', tickText);
      setText(text, d.label);
    });

}

/**
 * Draws (or redraws) `layout` into `svg`: creates the layers on first use, then joins records by
 * key so that a redraw keeps the elements of unchanged actors and events, and writes only the
 * attributes whose values changed.
 */
export function drawStoryline(
  svg: SVGSVGElement,
  ctx: RenderContext,
  dataset: Dataset,
  layout: StorylineLayout,
  options: { readonly title: string; readonly description?: string; readonly palette?: readonly string[]; readonly interactive: boolean },
  motion: DrawMotion = { duration: 0 },
): void {
  const root = select(svg) as Root;
  setAttr(svg, 'class', 'et-chart et-storyline');
  setAttr(svg, 'width', layout.width);
  setAttr(svg, 'height', layout.height);
  setAttr(svg, 'viewBox', `0 0 ${layout.width} ${layout.height}`);
  if (root.select('style').empty()) {
    root.append('style').text(`${chartCss('et-chart')}\n${STORYLINE_CSS}`);
  }
  appendTitleDesc(svg, ctx, options.title, options.description ?? storylineDescription(layout, dataset));

  const colors = colorsOf(dataset, options.palette);
  const animate = motion.duration > 0;
  // A panned storyline was drawn here before (see drawStorylinePan): its layers go.
  root.select(':scope > g.et-pan').remove();

  // Axis: one tick per kept slot.
  drawTicks(root, layout);
  const byActor = markersByActor(layout);
  const lines = layer(root, 'lines');
  const lineSel = lines
    .selectAll<SVGGElement, StorylineLine>('g.et-line')
    .data(layout.lines, (d) => d.actorId)
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'et-line')
          .attr('data-actor-id', (d) => d.actorId)
          .attr('tabindex', options.interactive ? 0 : null)
          .attr('role', 'img');
        g.append('path').attr('class', 'et-line-hit');
        g.append('path')
          .attr('class', 'et-line-path')
          .attr('d', (d) => d.d);
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    )
    .each(function (d) {
      setAttr(this, 'aria-label', lineAriaLabel(d, layout, dataset, byActor));
      const hit = this.firstElementChild!;
      setPath(hit, d.d);
      setAttr(hit.nextElementSibling!, 'stroke', colors.get(d.actorId) ?? 'currentColor');
    });
  const paths = lineSel.select<SVGPathElement>('.et-line-path');
  if (animate) {
    paths.each(function () {
      pathData.delete(this);
    });
    paths.transition().duration(motion.duration).attr('d', (d) => d.d);
  } else
    paths.each(function (d) {
      setPath(this, d.d);
    });

  const w = layout.markerWidth;
  const markers = layer(root, 'markers')
    .selectAll<SVGRectElement, StorylineMarker>('rect.et-mark')
    .data(layout.markers, (d) => d.eventId)
    .join((enter) =>
      appendMarkers(enter, dataset, options.interactive)
        .attr('x', (d) => d.x - w / 2)
        .attr('y', (d) => d.y0 - w / 2)
        .attr('height', (d) => d.y1 - d.y0 + w),
    );
  if (drawnData.get(svg) !== dataset) {
    // New data: events kept by id may have new titles, dates or participants.
    drawnData.set(svg, dataset);
    markers.each(function (d) {
      const event = dataset.event(d.eventId);
      setAttr(this, 'aria-label', event ? eventAriaLabel(event, dataset) : d.eventId);
    });
  }
  if (animate) {
    markers
      .attr('width', w)
      .attr('rx', w / 2)
      .transition()
      .duration(motion.duration)
      .attr('x', (d) => d.x - w / 2)
      .attr('y', (d) => d.y0 - w / 2)
      .attr('height', (d) => d.y1 - d.y0 + w);
  } else {
    markers.each(function (d) {
      setAttr(this, 'width', w);
      setAttr(this, 'rx', w / 2);
      setAttr(this, 'x', d.x - w / 2);
      setAttr(this, 'y', d.y0 - w / 2);
      setAttr(this, 'height', d.y1 - d.y0 + w);
    });
  }

  const labelLayer = layer(root, 'labels', true);
  const labelKey = (d: StorylineLabel): string => `${d.actorId}\u0000${d.slot}`;
  labelLayer
    .selectAll<SVGLineElement, StorylineLabel>('line.et-leader')
    .data(
      layout.labels.filter((d) => d.visible && d.leader),
      labelKey,
    )
    .join((enter) =>
      enter
        .append('line')
        .attr('class', 'et-leader')
        .attr('data-actor-id', (d) => d.actorId),
    )
    .each(function (d) {
      setAttr(this, 'stroke', colors.get(d.actorId) ?? 'currentColor');
      setAttr(this, 'x1', d.leader!.x1);
      setAttr(this, 'y1', d.leader!.y1);
      setAttr(this, 'x2', d.leader!.x2);
      setAttr(this, 'y2', d.leader!.y2);
    });
  const labels = labelLayer
    .selectAll<SVGTextElement, StorylineLabel>('text.et-label')
    .data(
      layout.labels.filter((d) => d.visible),
      labelKey,
    )
    .join((enter) =>
      enter
        .append('text')
        .attr('class', 'et-label')
        .attr('data-actor-id', (d) => d.actorId)
        .attr('text-anchor', (d) => d.anchor)
        .attr('dy', '0.32em')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y),
    )
    .each(function (d) {
      setAttr(this, 'text-anchor', d.anchor);
      setText(this, d.text);
    });
  if (animate) labels.transition().duration(motion.duration).attr('x', (d) => d.x).attr('y', (d) => d.y);
  else
    labels.each(function (d) {
      setAttr(this, 'x', d.x);
      setAttr(this, 'y', d.y);
    });
}

/**
 * Applies the highlight classes of `state`: the focused actor (hovered, else selected) or event
 * stays clear and the rest is dimmed; selected marks get `et-selected`, hovered `et-highlight`.
 * With `only`, just those elements are updated (marks a redraw added under an unchanged state).
 */
export function applyStorylineState(
  svg: SVGSVGElement,
  layout: { readonly markers: readonly StorylineMarker[] },
  state: ViewState,
  only?: Iterable<Element>,
): void {
  const focusEvent = state.hoveredEvent ?? state.selectedEvent;
  const marker = focusEvent ? layout.markers.find((m) => m.eventId === focusEvent) : undefined;
  const focusActor = marker ? null : (state.hoveredActor ?? state.selectedActor);
  const actors = marker ? new Set(marker.actorIds) : focusActor ? new Set([focusActor]) : null;
  const lit = (id: string): boolean => actors === null || actors.has(id);

  const line = (element: Element, d: { actorId: string }): void => {
    toggle(element, 'et-dim', !lit(d.actorId));
    toggle(element, 'et-highlight', d.actorId === state.hoveredActor || (marker !== undefined && actors!.has(d.actorId)));
    toggle(element, 'et-selected', d.actorId === state.selectedActor);
  };
  const label = (element: Element, d: { actorId: string }): void => toggle(element, 'et-dim', !lit(d.actorId));
  const mark = (element: Element, d: StorylineMarker): void => {
    toggle(element, 'et-dim', marker ? d.eventId !== marker.eventId : focusActor ? !d.actorIds.includes(focusActor) : false);
    toggle(element, 'et-highlight', d.eventId === state.hoveredEvent);
    const selected = d.eventId === state.selectedEvent;
    toggle(element, 'et-selected', selected);
    if (selected) setAttr(element, 'aria-current', 'true');
    else if (element.hasAttribute('aria-current')) element.removeAttribute('aria-current');
  };
  if (only) {
    for (const element of only) {
      const d = select<Element, unknown>(element).datum();
      if (!d) continue;
      if (element.matches('g.et-line')) line(element, d as { actorId: string });
      else if (element.matches('rect.et-mark')) mark(element, d as StorylineMarker);
      else label(element, d as { actorId: string });
    }
    return;
  }
  const root = select(svg);
  root.selectAll<SVGGElement, { actorId: string }>('g.et-line').each(function (d) {
    line(this, d);
  });
  root.selectAll<SVGElement, { actorId: string }>('text.et-label, line.et-leader').each(function (d) {
    label(this, d);
  });
  root.selectAll<SVGRectElement, StorylineMarker>('rect.et-mark').each(function (d) {
    mark(this, d);
  });
}

/** Adds or removes a class only when that changes it (a class write re-runs style matching). */
function toggle(element: Element, name: string, on: boolean): void {
  if (element.classList.contains(name) !== on) element.classList.toggle(name, on);
}

/** What each pan element was last drawn from, so a move writes only what changed. */
const panDrawn = new WeakMap<Element, unknown>();

/** The accessible name of a panned line, as {@link lineAriaLabel} words it. */
function panLineLabel(pan: StorylinePan, line: StorylinePanLine): string {
  const count = `${line.count} ${line.count === 1 ? 'event' : 'events'}`;
  if (line.first === null || line.last === null) return `${line.name}, ${count}`;
  const from = panEventDate(pan, line.first, false);
  const to = panEventDate(pan, line.last, true);
  return from === to ? `${line.name}, ${count}, ${from}` : `${line.name}, ${count}, ${from} to ${to}`;
}

function panDescription(pan: StorylinePan): string {
  const events = pan.markers.length;
  const actors = pan.lines.length;
  if (events === 0) return 'Storyline with no events.';
  const first = panEventDate(pan, pan.markers[0]!.eventId, false);
  let last = '';
  let lastSlot = -1;
  for (const m of pan.markers) {
    if (m.slot >= lastSlot) {
      lastSlot = m.slot;
      last = m.eventId;
    }
  }
  return (
    `Storyline of ${actors} ${actors === 1 ? 'actor' : 'actors'} across ${events} ${events === 1 ? 'event' : 'events'} from ${first} to ${panEventDate(pan, last, true)}. ` +
    'Each line is an actor; lines meet at the events the actors share.'
  );
}

/**
 * Draws a panned storyline ({@link StorylinePan}): lines, markers and labels sit in one group
 * translated by the pan's offset, lines clipped to the window's slots. A move of the window at
 * the same scale changes that translation and adds or removes only the marks at the edges;
 * pieces of lines come and go a chunk at a time. Returns the elements it created, so that the
 * caller can give only those the highlight of an unchanged state.
 */
export function drawStorylinePan(
  svg: SVGSVGElement,
  ctx: RenderContext,
  dataset: Dataset,
  pan: StorylinePan,
  options: { readonly title: string; readonly description?: string; readonly palette?: readonly string[]; readonly interactive: boolean },
): Element[] {
  const root = select(svg) as Root;
  setAttr(svg, 'class', 'et-chart et-storyline');
  setAttr(svg, 'width', pan.width);
  setAttr(svg, 'height', pan.height);
  setAttr(svg, 'viewBox', `0 0 ${pan.width} ${pan.height}`);
  if (root.select('style').empty()) root.append('style').text(`${chartCss('et-chart')}\n${STORYLINE_CSS}`);
  appendTitleDesc(svg, ctx, options.title, options.description ?? panDescription(pan));
  // A storyline laid out for its window was drawn here before: its layers go.
  root.selectAll(':scope > g.et-lines, :scope > g.et-markers, :scope > g.et-labels').remove();
  drawTicks(root, pan);
  const colors = colorsOf(dataset, options.palette);
  const created: Element[] = [];

  let group = root.select<SVGGElement>(':scope > g.et-pan');
  if (group.empty()) {
    group = root.append('g').attr('class', 'et-pan');
    const clipId = `${ctx.idPrefix}-pan-clip`;
    group.append('clipPath').attr('id', clipId).append('rect').attr('y', 0);
    // Lines and markers, clipped to the plot; labels (those at the left edge sit in the margin)
    // move with them. Each moving group is its own compositing layer (a CSS transform with
    // will-change): a move at the same scale then repaints none of their marks.
    const body = group.append('g').attr('clip-path', `url(#${clipId})`).append('g').attr('class', 'et-pan-body').style('will-change', 'transform');
    body.append('g').attr('class', 'et-pan-lines');
    body.append('g').attr('class', 'et-pan-markers');
    group.append('g').attr('class', 'et-pan-labels').attr('aria-hidden', 'true').style('will-change', 'transform');
    // The names at the window's left edge stay where they are on screen as the window moves:
    // outside the moving groups, a move rewrites only those whose line changed height or text.
    group.append('g').attr('class', 'et-pan-edge').attr('aria-hidden', 'true');
  }
  const g = group.node()!;
  const clip = g.querySelector('clipPath > rect')!;
  setAttr(clip, 'x', pan.clip[0]);
  setAttr(clip, 'width', Math.max(0, pan.clip[1] - pan.clip[0]));
  setAttr(clip, 'height', pan.height);
  const transform = `translate(${pan.offset}px, 0px)`;
  for (const moving of g.querySelectorAll<SVGGElement>('g.et-pan-body, g.et-pan-labels')) {
    if (moving.style.transform !== transform) moving.style.transform = transform;
  }

  const chunkKey = `${pan.scale}:${pan.chunks[0]}:${pan.chunks[1]}`;
  group
    .select('g.et-pan-lines')
    .selectAll<SVGGElement, StorylinePanLine>('g.et-line')
    .data(pan.lines, (d) => d.actorId)
    .join((enter) =>
      enter
        .append('g')
        .attr('class', 'et-line')
        .attr('data-actor-id', (d) => d.actorId)
        .attr('tabindex', options.interactive ? 0 : null)
        .attr('role', 'img')
        .each(function () {
          created.push(this);
        }),
    )
    .each(function (d) {
      setAttr(this, 'aria-label', panLineLabel(pan, d));
      setAttr(this, 'stroke', colors.get(d.actorId) ?? 'currentColor');
      // Pieces change only when the chunks in view or the scale do.
      if (panDrawn.get(this) === chunkKey) return;
      panDrawn.set(this, chunkKey);
      const line = select(this);
      for (const name of ['et-line-hit', 'et-line-path']) {
        line
          .selectAll<SVGPathElement, { chunk: number; d: string }>(`path.${name}`)
          .data(d.slices, (s) => String(s.chunk))
          .join((enter) => enter.append('path').attr('class', name))
          .each(function (s) {
            setPath(this, s.d);
          });
      }
    });

  const w = pan.half * 2;
  group
    .select('g.et-pan-markers')
    .selectAll<SVGRectElement, StorylineMarker>('rect.et-mark')
    .data(pan.markers, (d) => d.eventId)
    .join((enter) =>
      appendMarkers(enter, dataset, options.interactive)
        .each(function () {
          created.push(this);
        }),
    )
    .each(function (d) {
      // Records are reused while the scale holds: an unchanged one needs no writes.
      if (panDrawn.get(this) === d) return;
      panDrawn.set(this, d);
      setAttr(this, 'x', d.x - w / 2);
      setAttr(this, 'y', d.y0 - w / 2);
      setAttr(this, 'width', w);
      setAttr(this, 'height', d.y1 - d.y0 + w);
      setAttr(this, 'rx', w / 2);
    });
  if (drawnData.get(svg) !== dataset) {
    drawnData.set(svg, dataset);
    group.selectAll<SVGRectElement, StorylineMarker>('rect.et-mark').each(function (d) {
      const event = dataset.event(d.eventId);
      setAttr(this, 'aria-label', event ? eventAriaLabel(event, dataset) : d.eventId);
    });
  }

  const labelLayer = group.select<SVGGElement>('g.et-pan-labels');
  // Labels at the window's left edge keep their element as the window moves.
  const labelKey = (d: StorylineLabel): string => (d.slot === pan.first ? `${d.actorId}\u0000edge` : `${d.actorId}\u0000${d.slot}`);
  labelLayer
    .selectAll<SVGLineElement, StorylineLabel>('line.et-leader')
    .data(
      pan.labels.filter((d) => d.leader),
      labelKey,
    )
    .join((enter) =>
      enter
        .append('line')
        .attr('class', 'et-leader')
        .attr('data-actor-id', (d) => d.actorId)
        .each(function () {
          created.push(this);
        }),
    )
    .each(function (d) {
      if (panDrawn.get(this) === d) return;
      panDrawn.set(this, d);
      setAttr(this, 'stroke', colors.get(d.actorId) ?? 'currentColor');
      setAttr(this, 'x1', d.leader!.x1);
      setAttr(this, 'y1', d.leader!.y1);
      setAttr(this, 'x2', d.leader!.x2);
      setAttr(this, 'y2', d.leader!.y2);
    });
  // Edge labels are the only ones at the window's first slot (the plan's labels shown start
  // after it); they are drawn in screen pixels, in the layer that does not move.
  const edge: StorylineLabel[] = [];
  const inside: StorylineLabel[] = [];
  for (const d of pan.labels) (d.slot === pan.first ? edge : inside).push(d);
  const drawLabels = (layer: Selection<SVGGElement, unknown, null, undefined>, labels: StorylineLabel[], key: (d: StorylineLabel) => string, x: (d: StorylineLabel) => number): void => {
    layer
      .selectAll<SVGTextElement, StorylineLabel>('text.et-label')
      .data(labels, key)
      .join((enter) =>
        enter
          .append('text')
          .attr('class', 'et-label')
          .attr('data-actor-id', (d) => d.actorId)
          .attr('dy', '0.32em')
          .each(function () {
            created.push(this);
          }),
      )
      .each(function (d) {
        if (panDrawn.get(this) === d) return;
        panDrawn.set(this, d);
        setAttr(this, 'text-anchor', d.anchor);
        setAttr(this, 'x', x(d));
        setAttr(this, 'y', d.y);
        setText(this, d.text);
      });
  };
  drawLabels(group.select<SVGGElement>('g.et-pan-edge'), edge, (d) => d.actorId, (d) => round2(d.x + pan.offset));
  drawLabels(labelLayer, inside, labelKey, (d) => d.x);
  return created;
}

/** Rounds to hundredths, so that plan and offset sums do not differ by float noise from move to move. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * New event markers, with what depends only on the event, set once when a marker enters: a
 * moving window redraws thousands of markers, and most of them only move. Interactive views
 * give one marker at a time the tab stop (a roving tabindex, set by the view), so thousands of
 * markers are one Tab away from the rest of the page.
 */
function appendMarkers<P extends BaseType>(
  enter: Selection<EnterElement, StorylineMarker, P, unknown>,
  dataset: Dataset,
  interactive: boolean | undefined,
): Selection<SVGRectElement, StorylineMarker, P, unknown> {
  return enter
    .append('rect')
    .attr('class', 'et-mark')
    .attr('data-event-id', (d) => d.eventId)
    .attr('tabindex', interactive ? -1 : null)
    .attr('role', 'img')
    .attr('aria-label', (d) => {
      const event = dataset.event(d.eventId);
      return event ? eventAriaLabel(event, dataset) : d.eventId;
    });
}
