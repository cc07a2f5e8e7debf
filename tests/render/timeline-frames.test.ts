import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import { EMPTY_VIEW_STATE, patchViewState } from '../../src/link/state.js';
import { createTimeline, type TimelineView, type TimelineViewOptions } from '../../src/render/timeline/view.js';
import { createCanvasLayer } from '../../src/render/timeline/canvas.js';
import { resolveTheme } from '../../src/render/common/theme.js';
import { layoutTimeline, linearTime, markGeometry, timeTicks } from '../../src/layout/timeline.js';
import type { Dataset } from '../../src/model/types.js';
import { synthetic } from '../layout/timeline.fixture.js';
import { zoomTransform } from 'd3-zoom';

/** One recorded canvas call or property set (a paint is the list from one `setTransform` to the next). */
type Op = readonly unknown[];

interface Env {
  window: Window & typeof globalThis;
  container: HTMLElement;
  /** Paints so far, per canvas, each a list of recorded calls and property sets. */
  paints: Map<HTMLCanvasElement, Op[][]>;
  /** Animation-frame callbacks waiting; `flush` runs them (as one frame). */
  frames: (() => void)[];
  flush(): void;
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** Rounds numbers so two paints at the same transform compare equal despite float noise. */
function round(v: unknown): unknown {
  return typeof v === 'number' ? Math.round(v * 1000) / 1000 : v;
}

/**
 * A jsdom window whose canvases record what is drawn on them, whose animation frames run only
 * when the test says so, and whose clock stands still.
 */
function setup(): Env {
  const dom = new JSDOM('<!doctype html><body><div id="c"></div></body>', { pretendToBeVisual: true, virtualConsole: new VirtualConsole() });
  const window = dom.window as unknown as Window & typeof globalThis;
  const paints = new Map<HTMLCanvasElement, Op[][]>();
  const frames: (() => void)[] = [];
  let nextFrame = 0;
  window.requestAnimationFrame = (fn: FrameRequestCallback): number => {
    frames.push(() => fn(0));
    return ++nextFrame;
  };
  window.cancelAnimationFrame = () => {};
  // The view repaints a bitmap that has been stretched for more than 250 ms; stop the clock so
  // what a frame does depends on the frames the test runs, not on how loaded the machine is.
  Object.defineProperty(window.performance, 'now', { value: () => 0, configurable: true });
  window.HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    const canvas = this;
    if (!paints.has(canvas)) paints.set(canvas, []);
    const record = (op: Op): void => {
      const list = paints.get(canvas)!;
      // Every paint starts by resetting the transform to the device pixel ratio.
      if (op[0] === 'setTransform' || list.length === 0) list.push([]);
      list[list.length - 1]!.push(op.map(round));
    };
    return new Proxy(
      {},
      {
        get: (_target, name) => (...args: unknown[]) => record([name, ...args]),
        set: (_target, name, value) => {
          record(['set', name, value]);
          return true;
        },
      },
    ) as unknown as CanvasRenderingContext2D;
  } as unknown as HTMLCanvasElement['getContext'];
  cleanup = () => window.close();
  const flush = (): void => {
    for (const fn of frames.splice(0)) fn();
  };
  return { window, container: window.document.getElementById('c')!, paints, frames, flush };
}

function make(env: Env, dataset: Dataset, options: TimelineViewOptions = {}): TimelineView {
  return createTimeline(env.container, dataset, { width: 900, measureText: estimateTextWidth, transitionDuration: 0, idPrefix: 't', renderer: 'canvas', dataTable: false, ...options });
}

function paintsOf(env: Env, view: TimelineView): Op[][] {
  return env.paints.get(view.node.querySelector('canvas')!) ?? [];
}

function wheel(env: Env, view: TimelineView, deltaY: number): void {
  const svg = view.node.querySelector('svg')!;
  svg.dispatchEvent(new env.window.WheelEvent('wheel', { deltaY, clientX: 500, clientY: 60, bubbles: true, cancelable: true }));
}

describe('createTimeline frames (canvas)', () => {
  it('asks for one frame however many wheel events arrive before it, and moves the painted bitmap in it', () => {
    const env = setup();
    const view = make(env, synthetic(400, 4));
    const canvas = view.node.querySelector('canvas')!;
    expect(paintsOf(env, view)).toHaveLength(1);
    for (let i = 0; i < 8; i++) wheel(env, view, -20);
    // Nothing is drawn while the events arrive: one frame is pending.
    expect(env.frames).toHaveLength(1);
    expect(paintsOf(env, view)).toHaveLength(1);
    env.flush();
    // The first frame of a zoom repaints once without titles (they are placed for one scale
    // and would be stretched) …
    expect(paintsOf(env, view)).toHaveLength(2);
    for (let i = 0; i < 8; i++) wheel(env, view, -20);
    expect(env.frames).toHaveLength(1);
    env.flush();
    // … and later frames move that bitmap (a CSS transform) instead of repainting.
    expect(paintsOf(env, view)).toHaveLength(2);
    expect(canvas.style.transform).toMatch(/^translate\(.+\) scale\(/);
    view.destroy();
  });

  it('repaints in the frame when the bitmap would be stretched too far', () => {
    const env = setup();
    const view = make(env, synthetic(400, 4));
    const painted = paintsOf(env, view).length;
    for (let i = 0; i < 6; i++) wheel(env, view, -200);
    env.flush();
    expect(paintsOf(env, view)).toHaveLength(painted + 1);
    expect(view.node.querySelector('canvas')!.style.transform).toBe('');
    view.destroy();
  });

  it('paints the same picture at the end of a gesture as a fresh view of the final window', async () => {
    const env = setup();
    const ds = synthetic(400, 4);
    const view = make(env, ds);
    const windows: (readonly [number, number] | null)[] = [];
    view.on('statechange', (patch) => {
      if (patch.window !== undefined) windows.push(patch.window);
    });
    for (let i = 0; i < 5; i++) wheel(env, view, -60);
    env.flush();
    // d3-zoom ends a wheel gesture after 150 ms of quiet; rows and labels follow 150 ms later.
    await vi.waitFor(() => expect(windows).toHaveLength(1), { timeout: 3000, interval: 50 });
    env.flush();
    const window = windows[0]!;
    expect(window).not.toBeNull();
    const final = paintsOf(env, view).at(-1)!;
    expect(view.node.querySelector('canvas')!.style.transform).toBe('');

    const fresh = make(env, ds, { state: patchViewState(EMPTY_VIEW_STATE, { window }) });
    env.flush();
    const reference = paintsOf(env, fresh).at(-1)!;
    expect(final.length).toBeGreaterThan(50);
    expect(final).toEqual(reference);
    view.destroy();
    fresh.destroy();
  });

  it('takes a stream of windows from setState without laying out until it stops, and lays out when read', async () => {
    const env = setup();
    const view = make(env, synthetic(400, 4));
    const full = view.layout.domain;
    const span = full[1] - full[0];
    let state = view.getState();
    for (let i = 0; i < 10; i++) {
      state = patchViewState(state, { window: [full[0] + (span * i) / 40, full[0] + (span * i) / 40 + span / 4] });
      view.setState(state);
    }
    // One frame for ten windows; the layout waits for the stream to stop (or to be read).
    expect(env.frames).toHaveLength(1);
    env.flush();
    const [d0, d1] = view.layout.domain;
    expect(d0).toBeCloseTo(state.window![0], -3);
    expect(d1).toBeCloseTo(state.window![1], -3);
    view.destroy();
  });

  it('draws filled marks as one grown fill per style, and outlines as rings, not strokes', () => {
    const env = setup();
    const view = make(env, synthetic(400, 4));
    const ops = paintsOf(env, view)[0]!;
    const strokes = ops.filter((op) => op[0] === 'stroke').length;
    const fills = ops.filter((op) => op[0] === 'fill').length;
    // Connectors are stroked (a few paths); marks are filled.
    expect(fills).toBeGreaterThan(0);
    expect(strokes).toBeLessThan(fills);
    // Hollow marks (targets) are rings: an outline grown and a hole traced the other way.
    expect(ops.some((op) => op[0] === 'arcTo')).toBe(true);
    view.destroy();
  });

  it('stamps each point mark from one bitmap per style, centred on the mark, and traces the other marks', () => {
    const env = setup();
    const ds = synthetic(400, 4);
    const layout = layoutTimeline(ds, { width: 900, density: false, maxRows: 40 });
    const layer = createCanvasLayer(env.container, resolveTheme('light'));
    const [d0, d1] = layout.domain;
    const x = linearTime([d0, d0 + (d1 - d0) / 2], layout.range);
    layer.draw(layout, x, { keep: null, selected: null, focused: null });
    const ops = env.paints.get(layer.node)![0]!;
    const stamps = ops.filter((op) => op[0] === 'drawImage');
    // The expected points: circles (as wide as they are tall) centred on the painted canvas.
    const r = layout.markRadius;
    const margin = Math.round(Math.min(400, (layout.plot.x1 - layout.plot.x0) / 4));
    const [c0, c1] = [layout.plot.x0 - margin - 50, layout.plot.x1 + margin + 50];
    const centres = layout.items
      .filter((i) => i.kind === 'point' && i.markY <= layout.plot.y1)
      .map((i) => ({ i, m: markGeometry(i.t0, i.t1, i.kind, x, r) }))
      .filter(({ m }) => m.markWidth <= 2 * r && m.markX + r >= c0 && m.markX + r <= c1)
      .map(({ i, m }) => [m.markX + r, i.markY + r] as const);
    expect(centres.length).toBeGreaterThan(20);
    const stamped = stamps.map((op) => [(op[2] as number) + (op[4] as number) / 2, (op[3] as number) + (op[5] as number) / 2] as const);
    // Per row, the stamps' centres sorted match the marks' sorted, within half a pixel (the
    // bitmaps are put on whole device pixels).
    const byRow = (list: readonly (readonly [number, number])[]): Map<number, number[]> => {
      const rows = new Map<number, number[]>();
      for (const [cx, cy] of list) {
        const key = Math.round(cy);
        rows.set(key, [...(rows.get(key) ?? []), cx].sort((a, b) => a - b));
      }
      return rows;
    };
    const want = byRow(centres);
    const got = byRow(stamped);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [row, xs] of want) {
      const ys = got.get(row)!;
      expect(ys).toHaveLength(xs.length);
      xs.forEach((cx, j) => expect(Math.abs(ys[j]! - cx)).toBeLessThanOrEqual(0.5));
    }
    // Each style's bitmap is drawn once (on its own canvas) and reused.
    expect(new Set(stamps.map((op) => op[1])).size).toBeLessThanOrEqual(16);
    layer.destroy();
  });

  it('hit-tests through a row index the same mark as a scan of every mark, zoomed in or not', () => {
    const env = setup();
    const ds = synthetic(600, 3);
    const layout = layoutTimeline(ds, { width: 900, density: false, maxRows: 40 });
    const layer = createCanvasLayer(env.container, resolveTheme('light'));
    const keep = { keep: null, selected: null, focused: null };
    for (const zoom of [1, 3.5]) {
      const [d0, d1] = layout.domain;
      const x = linearTime([d0, d0 + (d1 - d0) / zoom], layout.range);
      layer.draw(layout, x, keep);
      let found = 0;
      for (let i = 0; i < 400; i++) {
        const px = layout.plot.x0 + ((i * 37) % 97) * ((layout.plot.x1 - layout.plot.x0) / 97);
        const py = layout.plot.y0 + ((i * 53) % 89) * ((layout.plot.y1 - layout.plot.y0) / 89);
        // The brute force: the nearest mark centre among marks in the row under the pointer.
        let best: string | null = null;
        let bestDistance = Infinity;
        for (const item of layout.items) {
          if (py < item.y - layout.rowHeight / 2 || py >= item.y + layout.rowHeight / 2) continue;
          const m = markGeometry(item.t0, item.t1, item.kind, x, layout.markRadius);
          if (px < m.markX - 2 || px > m.markX + m.markWidth + 2) continue;
          const d = Math.abs(m.markX + m.markWidth / 2 - px);
          if (d < bestDistance) {
            bestDistance = d;
            best = item.key;
          }
        }
        const hit = layer.hit(px, py);
        const key = hit?.kind === 'item' ? hit.item.key : null;
        if (best === null) expect(key).toBeNull();
        else {
          found++;
          const item = layout.items.find((it) => it.key === key)!;
          const m = markGeometry(item.t0, item.t1, item.kind, x, layout.markRadius);
          // Ties between equally near marks may resolve either way.
          expect(Math.abs(m.markX + m.markWidth / 2 - px)).toBeCloseTo(bestDistance, 9);
        }
      }
      expect(found).toBeGreaterThan(10);
    }
    layer.destroy();
  });
});

describe('createTimeline frames (SVG)', () => {
  /** Where each mark is shown (its x plus its group's translation) against where the window puts it. */
  function misplaced(view: TimelineView, base: ReturnType<typeof linearTime>): string[] {
    const svg = view.node.querySelector('svg')!;
    const { k, x: tx } = zoomTransform(svg);
    const zoomed = Object.assign((t: number) => k * base(t) + tx, { invert: (px: number) => base.invert((px - tx) / k) });
    const plot = view.node.querySelector('g.et-plot')!;
    const { x0, x1 } = plotBox;
    const out: string[] = [];
    for (const el of Array.from(plot.querySelectorAll<SVGRectElement>('g.et-marks > rect'))) {
      const shift = Number(/translate\(([-\d.e]+)/.exec(el.parentElement!.getAttribute('transform') ?? '')?.[1] ?? 0);
      const shownX = Number(el.getAttribute('x')) + shift;
      const shownW = Number(el.getAttribute('width'));
      if (shownX + shownW < x0 || shownX > x1) continue; // outside the plot: clipped away
      const item = (el as unknown as { __data__: { t0: number; t1: number; kind: 'point' | 'interval'; key: string } }).__data__;
      const g = markGeometry(item.t0, item.t1, item.kind, zoomed, 5);
      if (Math.abs(g.markX - shownX) > 1e-6 || Math.abs(g.markWidth - shownW) > 1e-6) out.push(item.key);
      checked++;
    }
    return out;
  }
  let plotBox = { x0: 0, x1: 0 };
  let checked = 0;

  function key(env: Env, view: TimelineView, k: string, shiftKey = false): void {
    view.node.querySelector('svg')!.dispatchEvent(new env.window.KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true }));
  }

  it('pans by translating the plot groups, writing only marks that come into view, and shows every mark where the window puts it', () => {
    const env = setup();
    const view = make(env, synthetic(300, 3), { renderer: 'svg' });
    const start = view.layout;
    plotBox = start.plot;
    const base = linearTime(start.domain, start.range);
    // Frame by frame, so that each frame writes only the marks near its window.
    for (let i = 0; i < 8; i++) {
      wheel(env, view, -250);
      env.flush();
    }
    expect(misplaced(view, base)).toEqual([]);
    const groups = Array.from(view.node.querySelectorAll('g.et-plot > g'));
    const marks = Array.from(view.node.querySelectorAll('g.et-marks > rect'));
    const before = marks.map((m) => m.getAttribute('x'));
    key(env, view, 'ArrowLeft', true);
    env.flush();
    // A pan by a fifth of the plot: the groups carry the translation, most marks are untouched.
    expect(groups.every((g) => /^translate\(/.test(g.getAttribute('transform') ?? ''))).toBe(true);
    const rewritten = marks.filter((m, i) => m.getAttribute('x') !== before[i]).length;
    expect(rewritten).toBeLessThan(marks.length / 2);
    expect(misplaced(view, base)).toEqual([]);
    checked = 0;
    for (let i = 0; i < 8; i++) {
      key(env, view, i % 4 === 3 ? 'ArrowLeft' : 'ArrowRight', true);
      env.flush();
      expect(misplaced(view, base)).toEqual([]);
    }
    expect(checked).toBeGreaterThan(50);
    // Zooming again drops the translation and writes positions.
    wheel(env, view, -120);
    env.flush();
    expect(groups.some((g) => g.hasAttribute('transform'))).toBe(false);
    expect(misplaced(view, base)).toEqual([]);
    key(env, view, 'ArrowRight', true);
    env.flush();
    wheel(env, view, 200);
    env.flush();
    expect(misplaced(view, base)).toEqual([]);
    view.destroy();
  });

  it('pans the axis by translating its ticks while the tick set stays, and shows every tick where the window puts it', () => {
    const env = setup();
    const view = make(env, synthetic(300, 3));
    const start = view.layout;
    const base = linearTime(start.domain, start.range);
    const svg = view.node.querySelector('svg')!;
    /** Each tick's value, label and where it is shown (its x plus its translation). */
    const shown = (): { value: number; label: string; x: number; moved: boolean }[] =>
      Array.from(svg.querySelectorAll<SVGGElement>('g.et-axis > g.et-tick')).map((g) => {
        const shift = Number(/translate\(([-\d.e]+)/.exec(g.getAttribute('transform') ?? '')?.[1] ?? 0);
        const value = (g as unknown as { __data__: { value: number } }).__data__.value;
        return { value, label: g.querySelector('text')!.textContent ?? '', x: Number(g.querySelector('line')!.getAttribute('x1')) + shift, moved: shift !== 0 };
      });
    const expected = (): { value: number; label: string; x: number }[] => {
      const { k, x: tx } = zoomTransform(svg);
      const domain: [number, number] = [base.invert((start.range[0] - tx) / k), base.invert((start.range[1] - tx) / k)];
      return timeTicks(domain, start.plot.x1 - start.plot.x0, { utc: start.utc }).map((t) => ({ ...t, x: k * base(t.value) + tx }));
    };
    const check = (): void => {
      const want = expected();
      const got = shown();
      expect(got.map((t) => [t.value, t.label])).toEqual(want.map((t) => [t.value, t.label]));
      got.forEach((t, i) => expect(t.x).toBeCloseTo(want[i]!.x, 6));
    };
    const [d0, d1] = start.domain;
    const span = (d1 - d0) / 8;
    view.zoomTo([d0 + 3 * span, d0 + 4 * span]);
    env.flush();
    check();
    const elements = Array.from(svg.querySelectorAll('g.et-axis > g.et-tick'));
    let translated = 0;
    // Small pans: the ticks stay the same elements, moved by a translation, until the set changes.
    for (let i = 1; i <= 12; i++) {
      const dt = (i * span) / 400;
      view.zoomTo([d0 + 3 * span + dt, d0 + 4 * span + dt]);
      env.flush();
      check();
      if (shown().some((t) => t.moved)) translated++;
    }
    expect(translated).toBeGreaterThan(0);
    expect(Array.from(svg.querySelectorAll('g.et-axis > g.et-tick')).some((el) => elements.includes(el))).toBe(true);
    // A zoom joins the ticks afresh at their positions: no translation is left.
    view.zoomTo([d0 + 2 * span, d0 + 4 * span]);
    env.flush();
    check();
    expect(shown().some((t) => t.moved)).toBe(false);
    view.destroy();
  });
});
