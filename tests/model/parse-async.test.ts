import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetValidationError, parseDataset, parseDatasetAsync, type LenientParseResult } from '../../src/model/parse.js';
import { createDataset } from '../../src/model/dataset.js';
import type { Dataset } from '../../src/model/types.js';

const SEED = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'data', 'korea-russia-2024.json'), 'utf8')) as unknown;

/** Everything a reader can see of a dataset, as plain data. */
function view(dataset: Dataset): unknown {
  return {
    meta: dataset.meta,
    events: dataset.events,
    actors: dataset.actors,
    declaredRelations: dataset.declaredRelations,
    relations: dataset.relations,
    extent: dataset.extent,
    window: dataset.eventsBetween(Date.UTC(2023, 0, 1), Date.UTC(2024, 0, 31)).map((e) => e.id),
  };
}

/** A big, valid input of `n` events over `actors` actors, in no particular date order. */
function bigInput(n: number, actors = 300): { actors: object[]; events: object[] } {
  return {
    actors: Array.from({ length: actors }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}`, kind: 'state', aliases: i % 9 === 0 ? [`A-${i}`] : [] })),
    events: Array.from({ length: n }, (_, i) => ({
      id: `e${i}`,
      title: `Event ${i}`,
      when: i % 7 === 0 ? `20${10 + (i % 13)}-0${1 + (i % 9)}/20${23 + (i % 3)}` : `20${10 + ((i * 7919) % 14)}-0${1 + (i % 9)}-1${i % 10}`,
      participants: [`a${(i * 31) % actors}`, { actor: `a${(i * 17 + 1) % actors}`, role: 'target' }],
    })),
  };
}

/** A pause that counts itself and yields to the event loop. */
function countingPause(): { pause: () => Promise<void>; count: () => number } {
  let n = 0;
  return {
    pause: () => {
      n++;
      return new Promise((resolve) => setImmediate(resolve));
    },
    count: () => n,
  };
}

describe('parseDatasetAsync', () => {
  it('reads the seed article into the same dataset as parseDataset', async () => {
    const dataset = await parseDatasetAsync(SEED);
    expect(view(dataset)).toEqual(view(parseDataset(SEED)));
    expect(view(await parseDatasetAsync(JSON.stringify(SEED)))).toEqual(view(parseDataset(SEED)));
  });

  it('spreads a big input over many slices and still gives exactly the synchronous result', async () => {
    const input = bigInput(6000);
    const { pause, count } = countingPause();
    const dataset = await parseDatasetAsync(input, { sliceMs: 0, pause });
    // sliceMs 0 pauses at every step: 6000 events and 300 actors make dozens of steps.
    expect(count()).toBeGreaterThan(6000 / 256);
    expect(view(dataset)).toEqual(view(parseDataset(input)));
    // The records are shared by createDataset without a copy, like parseDataset's.
    expect(createDataset({ events: dataset.events, actors: dataset.actors }).events[0]).toBe(dataset.events[0]);
  });

  it('rejects in strict mode with the same problems, and lists the same rejects in lenient mode', async () => {
    const input = bigInput(600);
    (input.events[3] as Record<string, unknown>).when = '2024-13-01';
    (input.events[400] as Record<string, unknown>).participants = ['nobody'];
    input.actors.push({ id: 'a1', name: 'Again' });
    const sync = parseDataset(input, { mode: 'lenient' });
    const lenient: LenientParseResult = await parseDatasetAsync(input, { mode: 'lenient', sliceMs: 0, pause: countingPause().pause });
    expect(lenient.problems).toEqual(sync.problems);
    expect(lenient.rejected).toEqual(sync.rejected);
    expect(view(lenient.dataset)).toEqual(view(sync.dataset));
    const error = await parseDatasetAsync(input, { sliceMs: 0, pause: countingPause().pause }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetValidationError);
    expect((error as DatasetValidationError).problems).toEqual(sync.problems);
    expect((error as DatasetValidationError).message).toContain('events[3].when: "2024-13-01"');
  });

  it('reports bad JSON text and hostile objects as problems at $, as parseDataset does', async () => {
    const bad = await parseDatasetAsync('{"events": [', { mode: 'lenient' });
    expect(bad.problems).toEqual(parseDataset('{"events": [', { mode: 'lenient' }).problems);
    expect(bad.problems[0]?.path).toBe('$');
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
      },
    );
    const result = await parseDatasetAsync(hostile, { mode: 'lenient' });
    expect(result.problems).toEqual(parseDataset(hostile, { mode: 'lenient' }).problems);
    expect(result.problems.some((p) => p.path === '$')).toBe(true);
  });

  it('stops when its signal is aborted, with the signal’s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('navigated away');
    let pauses = 0;
    const pending = parseDatasetAsync(bigInput(4000), {
      sliceMs: 0,
      signal: controller.signal,
      pause: () => {
        if (++pauses === 3) controller.abort(reason);
        return Promise.resolve();
      },
    });
    await expect(pending).rejects.toBe(reason);
    expect(pauses).toBe(3);
    const already = new AbortController();
    already.abort(reason);
    await expect(parseDatasetAsync(bigInput(10), { signal: already.signal })).rejects.toBe(reason);
  });

  it('agrees with parseDataset on random records, valid and not', async () => {
    const value = fc.oneof(fc.constantFrom('2024', '2024-01-18', '2024-13-01', '2023/2024', '2024/2023', '..', '', 'a0', 'a1', 'zz'), fc.integer(), fc.constant(null));
    const record = fc.record({ id: value, title: value, name: value, when: value, participants: fc.array(value, { maxLength: 3 }), kind: value }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 40 }), fc.array(record, { maxLength: 8 }), async (events, actors) => {
        const input = { events, actors };
        const sync = parseDataset(input, { mode: 'lenient' });
        const async = await parseDatasetAsync(input, { mode: 'lenient', sliceMs: 0, pause: () => Promise.resolve() });
        expect(async.problems).toEqual(sync.problems);
        expect(async.rejected).toEqual(sync.rejected);
        expect(view(async.dataset)).toEqual(view(sync.dataset));
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
