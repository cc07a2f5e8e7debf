// The views share option names: `state` is the state to start from (any part of a ViewState),
// `dataTable: false` leaves out the hidden table, `transitionDuration` sets transitions. The
// older names (network and relation views' `table`, the storyline's `initial` and `duration`)
// still work, so code written against them keeps running.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/parse.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import { createTimeline } from '../../src/render/timeline/view.js';
import { createNetwork, type NetworkViewOptions } from '../../src/render/network/view.js';
import { createStoryline } from '../../src/render/storyline/view.js';
import { createMatrix } from '../../src/render/network/matrix-view.js';
import type { EntityView } from '../../src/render/common/view.js';

const seed = parseDataset(JSON.parse(readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8')));
const dom = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true });
const views: EntityView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
  dom.window.document.body.replaceChildren();
});

function container(): HTMLElement {
  const div = dom.window.document.createElement('div');
  dom.window.document.body.append(div);
  return div;
}
function keep<V extends EntityView>(view: V): V {
  views.push(view);
  return view;
}
/** Lets the views' deferred work (frames, the network's settle) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => dom.window.requestAnimationFrame(() => resolve(undefined)));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const common = { width: 640, height: 400, measureText: estimateTextWidth, transitionDuration: 0 } as const;
const partial = { selectedActor: 'north-korea' } as const;

describe('shared view options', () => {
  it('start every view from a partial state given as `state`', () => {
    const made: EntityView[] = [
      keep(createTimeline(container(), seed, { ...common, renderer: 'svg', state: partial })),
      keep(createNetwork(container(), seed, { ...common, layoutBudget: Infinity, state: partial })),
      keep(createStoryline(container(), seed, { ...common, state: partial })),
      keep(createMatrix(container(), seed, { ...common, state: partial })),
    ];
    for (const view of made) {
      expect(view.getState().selectedActor).toBe('north-korea');
      expect(view.getState().window).toBeNull();
    }
  });

  it("still read the storyline's older `initial`, with `state` winning when both are given", () => {
    const old = keep(createStoryline(container(), seed, { ...common, initial: partial }));
    expect(old.getState().selectedActor).toBe('north-korea');
    const both = keep(createStoryline(container(), seed, { ...common, initial: partial, state: { selectedActor: 'russia' } }));
    expect(both.getState().selectedActor).toBe('russia');
  });

  it('leave out the hidden relations table with `dataTable: false`, and still with the older `table: false`', async () => {
    const network = (options: NetworkViewOptions) => {
      const root = container();
      keep(createNetwork(root, seed, { ...common, layoutBudget: Infinity, ...options }));
      return root;
    };
    const matrix = (options: { dataTable?: boolean; table?: boolean }) => {
      const root = container();
      keep(createMatrix(root, seed, { ...common, ...options }));
      return root;
    };
    const roots = {
      networkDefault: network({}),
      networkOff: network({ dataTable: false }),
      networkOld: network({ table: false }),
      matrixDefault: matrix({}),
      matrixOff: matrix({ dataTable: false }),
      matrixOld: matrix({ table: false }),
    };
    await settle();
    expect(roots.networkDefault.querySelector('table')).not.toBeNull();
    expect(roots.matrixDefault.querySelector('table')).not.toBeNull();
    for (const root of [roots.networkOff, roots.networkOld, roots.matrixOff, roots.matrixOld]) expect(root.querySelector('table')).toBeNull();
  });
});
