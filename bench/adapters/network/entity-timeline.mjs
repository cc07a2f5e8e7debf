// entity-timeline's network view, from the browser bundle (global `EntityTimeline`). The input
// is the library's JSON: each relation is one dated event with its two actors, so the library
// derives the 3N relations itself. The timed region includes parsing (parseDatasetAsync).
//
// PLUG-IN POINT for the network view: `createNetwork(container, dataset, OPTIONS)`, and the
// settle signal, tried in this order:
//   1. `view.ready` — NetworkView's Promise that resolves when the running layout (chunked for
//      big graphs) has been drawn; `view.settled` is accepted as the same;
//   2. `view.whenSettled()` — a function returning that Promise;
//   3. `view.on('settle' | 'settled' | 'layoutend', listener)`;
//   4. otherwise: the DOM stops changing for 2 s (settled = the last change; noted in the results).
import { networkDatasetInput } from '/bench/workloads.mjs';

export const scripts = ['/dist/entity-timeline.min.js'];
const OPTIONS = { width: 1200, height: 800 };
export const notes = [];

export function unavailable() {
  const et = window.EntityTimeline;
  if (!et) return 'dist/entity-timeline.min.js did not define EntityTimeline';
  if (typeof et.createNetwork !== 'function') return 'createNetwork is not exported yet';
  if (typeof et.parseDataset !== 'function') return 'parseDataset is not exported yet';
  return null;
}

export function prepare(w) {
  return networkDatasetInput(w);
}

export async function create(container, input, { onSettled, settleOnQuiet }) {
  const et = window.EntityTimeline;
  // A page that loads tens of thousands of records parses them in slices (parseDatasetAsync),
  // so that parsing is not one long task; small inputs finish in the first slice. Older
  // bundles only have parseDataset.
  const dataset = typeof et.parseDatasetAsync === 'function' ? await et.parseDatasetAsync(input) : et.parseDataset(input);
  const view = et.createNetwork(container, dataset, OPTIONS);
  const promise = [view.ready, view.settled].find((p) => p && typeof p.then === 'function');
  if (promise) promise.then(() => onSettled());
  else if (typeof view.whenSettled === 'function') view.whenSettled().then(onSettled);
  else {
    // An unknown event type may be accepted silently, so DOM quiet (2 s) is kept as a backstop;
    // whichever comes first wins, and the note says which.
    let won = false;
    const settle = (how) => {
      if (won) return;
      won = true;
      if (how !== 'event') notes.push('settled: DOM quiet (no settle event fired)');
      onSettled();
    };
    if (typeof view.on === 'function') {
      for (const type of ['settle', 'settled', 'layoutend']) {
        try {
          view.on(type, () => settle('event'));
        } catch {
          // not an event this view knows
        }
      }
    }
    settleOnQuiet(2000, () => settle('quiet'));
  }
  return { view };
}
