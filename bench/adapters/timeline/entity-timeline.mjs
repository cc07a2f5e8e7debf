// entity-timeline: the browser bundle (dist/entity-timeline.min.js, global `EntityTimeline`).
// The timed region includes parseDataset (JSON → Dataset), which every user pays; the peers'
// timed regions likewise start from their documented input arrays.
//
// PLUG-IN POINT for the timeline view: `createTimeline(container, dataset, OPTIONS)`.
// Adjust OPTIONS if the option names change; zoom is d3-zoom on the wheel, pan is a drag.
import { timelineDatasetInput } from '/bench/workloads.mjs';

export const scripts = ['/dist/entity-timeline.min.js'];
export const zoom = 'wheel';
const OPTIONS = { width: 1200, height: 800 };

export function unavailable() {
  const et = window.EntityTimeline;
  if (!et) return 'dist/entity-timeline.min.js did not define EntityTimeline';
  if (typeof et.createTimeline !== 'function') return 'createTimeline is not exported yet';
  if (typeof et.parseDataset !== 'function') return 'parseDataset is not exported yet';
  return null;
}

export function prepare(w) {
  return timelineDatasetInput(w);
}

export function create(container, input) {
  const et = window.EntityTimeline;
  const dataset = et.parseDataset(input);
  const view = et.createTimeline(container, dataset, OPTIONS);
  return { view };
}

export function visibleWindow({ view }) {
  const state = view.getState?.();
  const w = state?.window;
  if (!w) return null;
  return Array.isArray(w) ? [+w[0], +w[1]] : [+(w.from ?? w.start), +(w.to ?? w.end)];
}
