// timelines-chart 2 (UMD build, global `TimelinesChart`): one line per actor in one group;
// intervals as segments, points as one-day segments (it draws ranges only). Animations off.
// It has no wheel zoom (zooming is a brush), so the 30 steps go through `zoomX`.
import { nextWindow } from '../zoom-plan.mjs';

export const scripts = ['/node_modules/timelines-chart/dist/timelines-chart.min.js'];
export const zoom = 'api';
export const notes = ['zoom steps through zoomX() (no wheel zoom)'];
const DAY = 86_400_000;

export function prepare(w) {
  const lines = new Map(w.actors.map((a) => [a.id, { label: a.name, data: [] }]));
  for (const e of w.events) {
    lines.get(e.lane).data.push({
      timeRange: [new Date(e.start), new Date(e.end ?? e.start + DAY)],
      val: e.end === undefined ? 'point' : 'interval',
    });
  }
  return { data: [{ group: 'Actors', data: [...lines.values()] }], extent: w.extent };
}

export function create(container, { data, extent }) {
  const chart = new window.TimelinesChart(container)
    .width(1200)
    .maxHeight(800)
    .enableAnimations(false)
    .zQualitative(true)
    .zoomX([new Date(extent[0]), new Date(extent[1])])
    .data(data);
  return { chart, container, window: [extent[0], extent[1]] };
}

// Kapsule renders on a debounced digest: wait until segments are in the DOM.
export function drawn({ container }) {
  return new Promise((resolve) => {
    const check = () => (container.querySelector('.series-segment') ? resolve() : requestAnimationFrame(check));
    check();
  });
}

export function zoomStep(handle, i) {
  handle.window = nextWindow(i, handle.window);
  handle.chart.zoomX([new Date(handle.window[0]), new Date(handle.window[1])]);
}

export function visibleWindow({ chart }) {
  const z = chart.zoomX();
  return z ? [+z[0], +z[1]] : null;
}
