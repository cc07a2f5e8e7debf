// Budgets for static output. A static chart is built whole, in one synchronous call: a timeline
// of a million events or a force layout of 100,000 actors would run for minutes and produce
// hundreds of MB of SVG that no browser opens comfortably. Rather than hang, or silently drop
// what does not fit, renderToSVG counts what a view would draw first (cheaply, before any
// layout) and refuses with a RenderLimitError that says how many, the limit and how to proceed.
import type { Dataset } from '../model/types.js';
import type { TimeWindow } from '../link/state.js';

/** What a render budget counts: events drawn, or actors drawn. */
export type RenderLimitKind = 'events' | 'actors';

/** The budgets of one static view; `Infinity` turns a budget off. */
export interface RenderLimits {
  /** The most events the view may draw (those in the `from`/`to` window when one is given). */
  readonly maxEvents: number;
  /** The most actors the view may draw (nodes, rows, lines). */
  readonly maxActors: number;
}

/**
 * The default budgets of each static view, chosen from measurements (docs/limits.md): each lets
 * through every chart that renders in seconds and refuses only what would take minutes or
 * produce hundreds of MB of SVG. The timeline draws 100,000 events in about 10 s of CPU as
 * ~90 MB of SVG; a force layout of 10,000 actors takes about 8 s, and of 100,000 does not
 * finish in 5 minutes. Views that do not draw events (or actors) have no budget for them.
 *
 * @example
 * ```ts
 * DEFAULT_RENDER_LIMITS.network.maxActors; // 10000
 * ```
 */
export const DEFAULT_RENDER_LIMITS: Readonly<Record<RenderLimitView, RenderLimits>> = Object.freeze({
  timeline: Object.freeze({ maxEvents: 100_000, maxActors: Infinity }),
  network: Object.freeze({ maxEvents: Infinity, maxActors: 10_000 }),
  matrix: Object.freeze({ maxEvents: Infinity, maxActors: 10_000 }),
  arc: Object.freeze({ maxEvents: Infinity, maxActors: 10_000 }),
  ego: Object.freeze({ maxEvents: Infinity, maxActors: 10_000 }),
  storyline: Object.freeze({ maxEvents: 100_000, maxActors: 10_000 }),
});

/** The views that have render budgets (the same as renderToSVG's views). */
export type RenderLimitView = 'timeline' | 'network' | 'matrix' | 'arc' | 'ego' | 'storyline';

/**
 * Thrown by {@link checkRenderLimits} (and so by `renderToSVG`) when a view would draw more
 * than its budget. A RangeError, with the figures as fields so callers (the CLI) can word
 * their own advice.
 *
 * @example
 * ```ts
 * try {
 *   renderToSVG(dataset, { view: 'network' });
 * } catch (error) {
 *   if (error instanceof RenderLimitError) console.error(`${error.count} ${error.kind}, limit ${error.limit}`);
 * }
 * ```
 */
export class RenderLimitError extends RangeError {
  constructor(
    /** The view that was asked for. */
    readonly view: RenderLimitView,
    /** What went over: events or actors. */
    readonly kind: RenderLimitKind,
    /** How many the view would draw. */
    readonly count: number,
    /** The budget it went over. */
    readonly limit: number,
    /** Whether a `from`/`to` window would reduce the count (events of a timeline, storyline). */
    readonly windowHelps: boolean,
  ) {
    super(
      `renderToSVG: the ${view} view would draw ${count.toLocaleString('en')} ${kind}, over its limit of ${limit.toLocaleString('en')}. ` +
        `${remedy(view, kind, windowHelps)}, or raise the limit with { ${kind === 'events' ? 'maxEvents' : 'maxActors'}: ${count} } (rendering that much takes a long time and memory).`,
    );
    this.name = 'RenderLimitError';
  }
}

function remedy(view: RenderLimitView, kind: RenderLimitKind, windowHelps: boolean): string {
  const alternatives: string[] = [];
  if (windowHelps) alternatives.push('draw a shorter period with from/to');
  if (view === 'network' || view === 'matrix' || view === 'arc') alternatives.push("draw one actor's neighbourhood with { view: 'ego', actor }");
  if (view === 'storyline' && kind === 'actors') alternatives.push('choose the actors to draw with { actors: [...] }');
  if (view === 'ego') alternatives.push('draw fewer steps with { maxDepth: 1 }');
  if (alternatives.length === 0) alternatives.push('filter the dataset first');
  const text = alternatives.join(', or ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** What {@link checkRenderLimits} needs to know about the chart being asked for. */
export interface RenderLimitRequest {
  readonly view: RenderLimitView;
  /** The `from`/`to` window, when one was given. */
  readonly window: TimeWindow | null;
  /** Budgets that replace the view's defaults. */
  readonly maxEvents?: number | undefined;
  readonly maxActors?: number | undefined;
  /** Whether the network views add affiliated actors (their defaults: network and ego yes; matrix and arc no). */
  readonly includeAffiliations?: boolean | undefined;
  /** The storyline's chosen actors. */
  readonly actors?: readonly string[] | undefined;
  /** The ego view's centre and depth. */
  readonly actor?: string | undefined;
  readonly maxDepth?: number | undefined;
}

/**
 * Counts what a static view would draw and throws a {@link RenderLimitError} when it goes over
 * the view's budget. Counting is linear in the events involved and runs before any layout,
 * so an oversized chart is refused in well under a second even at a million events.
 *
 * @example
 * ```ts
 * checkRenderLimits(dataset, { view: 'timeline', window: null, maxEvents: 50_000 });
 * ```
 */
export function checkRenderLimits(dataset: Dataset, request: RenderLimitRequest): void {
  const { view, window } = request;
  const defaults = DEFAULT_RENDER_LIMITS[view];
  const maxEvents = budget(request.maxEvents, defaults.maxEvents, 'maxEvents');
  const maxActors = budget(request.maxActors, defaults.maxActors, 'maxActors');
  if (Number.isFinite(maxEvents)) {
    let events = window ? dataset.eventsBetween(window[0], window[1]) : dataset.events;
    // A storyline of chosen actors leaves out the events none of them take part in.
    const chosen = view === 'storyline' && request.actors ? new Set(request.actors) : null;
    if (chosen) events = events.filter((e) => e.participants.some((p) => chosen.has(p.actor)));
    if (events.length > maxEvents) throw new RenderLimitError(view, 'events', events.length, maxEvents, true);
  }
  if (!Number.isFinite(maxActors)) return;
  let actors: number;
  switch (view) {
    case 'storyline':
      actors = request.actors ? new Set(request.actors).size : participants(window ? dataset.eventsBetween(window[0], window[1]) : dataset.events).size;
      break;
    case 'ego':
      actors = egoSize(dataset, request.actor ?? '', request.maxDepth ?? 2, window, request.includeAffiliations ?? true);
      break;
    default:
      actors = networkSize(dataset, request.includeAffiliations ?? view === 'network');
  }
  // A window narrows a storyline's actors and an ego view's relations, not a network's nodes.
  const windowHelps = (view === 'storyline' && request.actors === undefined) || view === 'ego';
  if (actors > maxActors) throw new RenderLimitError(view, 'actors', actors, maxActors, windowHelps);
}

function budget(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(`renderToSVG: ${name} must be a number of at least 0 (Infinity for no limit), not ${String(value)}`);
  }
  return value;
}

function participants(events: Dataset['events']): Set<string> {
  const ids = new Set<string>();
  for (const event of events) for (const p of event.participants) ids.add(p.actor);
  return ids;
}

/**
 * The node count of `buildNetwork` without building it: actors in any event (at any time, as
 * the network's node set does not depend on the window) or relation, plus, with affiliations,
 * every actor up their affiliation chains.
 */
export function networkSize(dataset: Dataset, includeAffiliations: boolean): number {
  const present = participants(dataset.events);
  // Derived relations join participants already counted; reading `relations` would derive
  // them all, which at a million events costs seconds, only to refuse.
  for (const r of dataset.declaredRelations) {
    present.add(r.source);
    present.add(r.target);
  }
  if (includeAffiliations) {
    const queue = [...present];
    for (let i = 0; i < queue.length; i++) {
      for (const a of dataset.actor(queue[i]!)?.affiliations ?? []) {
        if (!present.has(a.actor)) {
          present.add(a.actor);
          queue.push(a.actor);
        }
      }
    }
  }
  return present.size;
}

/**
 * Actors within `maxDepth` steps of `actor` over the relations of the window and (with them)
 * affiliations, counted breadth-first: what the ego view draws, or slightly more when an
 * affiliation is outside the window.
 */
function egoSize(dataset: Dataset, actor: string, maxDepth: number, window: TimeWindow | null, includeAffiliations: boolean): number {
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    if (a === b) return;
    let list = neighbours.get(a);
    if (!list) neighbours.set(a, (list = []));
    list.push(b);
  };
  const relations = window ? dataset.relationsIn(window[0], window[1]) : dataset.relations;
  for (const r of relations) {
    link(r.source, r.target);
    link(r.target, r.source);
  }
  if (includeAffiliations) {
    for (const a of dataset.actors) {
      for (const parent of a.affiliations) {
        link(a.id, parent.actor);
        link(parent.actor, a.id);
      }
    }
  }
  const seen = new Set([actor]);
  let frontier = [actor];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of neighbours.get(id) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return seen.size;
}
