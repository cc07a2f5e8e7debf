// Storyline layout benchmark: layout time and crossings of the optimised layout against the
// naive first-appearance order, on seeded synthetic data, in the same run.
//
//   npx rollup -c && node bench/storyline.mjs
//   ET_DIST=/path/to/index.js node bench/storyline.mjs   # another build of the library
//
// Prints a table and, per case and figure, a JSON line
// {"workload":"storyline","size":"100x1000","library":"entity-timeline"|"naive","metric":…,"value":…,"unit":…}.
//
// The synthetic data has the structure of real reporting: actors belong to communities (a
// state and its officials, an alliance) and most events bring together members of one
// community, some cross communities. Dates are days spread over a few years; a tenth of the
// events have month precision.
const lib = process.env.ET_DIST ?? '../dist/index.js';
const { createDataset, parseWhen, layoutStoryline, naiveStorylineOrder } = await import(lib);

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthetic(actorCount, eventCount, seed) {
  const random = mulberry32(seed);
  const communities = Math.max(2, Math.round(actorCount / 8));
  const actors = Array.from({ length: actorCount }, (_, i) => ({
    id: `a${i}`,
    name: `Actor ${i}`,
    kind: 'person',
    aliases: [],
    // The first actor of each community is its root (a state); the others are its officials.
    affiliations: i >= communities ? [{ actor: `a${i % communities}` }] : [],
  }));
  const members = Array.from({ length: communities }, (_, c) => actors.filter((_, i) => i % communities === c).map((a) => a.id));
  const days = Math.max(30, Math.round(eventCount * 0.6));
  const start = Date.UTC(2020, 0, 1);
  const events = [];
  for (let e = 0; e < eventCount; e++) {
    const size = 2 + Math.floor(random() * 3);
    const home = Math.floor(random() * communities);
    const ids = new Set();
    while (ids.size < size) {
      const c = random() < 0.8 ? home : Math.floor(random() * communities);
      const pool = members[c];
      ids.add(pool[Math.floor(random() * pool.length)]);
    }
    const date = new Date(start + Math.floor(random() * days) * 86_400_000).toISOString();
    const when = random() < 0.1 ? date.slice(0, 7) : date.slice(0, 10);
    events.push({
      id: `e${e}`,
      title: `Event ${e}`,
      when: parseWhen(when),
      participants: [...ids].map((actor) => ({ actor, role: 'participant' })),
      tags: [],
      sources: [],
    });
  }
  return createDataset({ events, actors });
}

function time(fn, repeat) {
  fn(); // warm up the JIT
  const times = [];
  const cpus = [];
  let result;
  for (let i = 0; i < repeat; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  // CPU time is reported beside wall time: on a shared machine it is the steadier figure.
  return { result, ms: median(times), cpu: median(cpus) };
}

const cases = [
  [20, 100, 5],
  [100, 1000, 9],
  [300, 5000, 3],
];
const rows = [];
for (const [actorCount, eventCount, repeat] of cases) {
  const dataset = synthetic(actorCount, eventCount, 42 + actorCount);
  const options = { width: 1600 };
  const best = time(() => layoutStoryline(dataset, options), repeat);
  const naive = time(() => naiveStorylineOrder(dataset, options), repeat);
  const b = best.result;
  const n = naive.result;
  rows.push({
    case: `${actorCount} actors × ${eventCount} events`,
    size: `${actorCount}x${eventCount}`,
    slots: b.slots.length,
    'layout ms (median)': Math.round(best.ms * 10) / 10,
    'naive ms': Math.round(naive.ms * 10) / 10,
    'layout cpu ms': Math.round(best.cpu * 10) / 10,
    crossings: b.crossings,
    'naive crossings': n.crossings,
    'crossings saved': n.crossings ? `${Math.round((1 - b.crossings / n.crossings) * 100)}%` : '—',
    wiggles: b.wiggles,
    'naive wiggles': n.wiggles,
    height: b.height,
    'naive height': n.height,
  });
}
console.table(rows);
// Machine-readable figures, one JSON object per line (read by bench/run.mjs).
for (const row of rows) {
  const size = row.size;
  const emit = (library, metric, value, unit) => console.log(JSON.stringify({ workload: 'storyline', size, library, metric, value, unit }));
  emit('entity-timeline', 'layout', row['layout ms (median)'], 'ms');
  emit('naive', 'layout', row['naive ms'], 'ms');
  emit('entity-timeline', 'layoutCpu', row['layout cpu ms'], 'ms');
  emit('entity-timeline', 'crossings', row.crossings, 'count');
  emit('naive', 'crossings', row['naive crossings'], 'count');
  emit('entity-timeline', 'wiggles', row.wiggles, 'count');
  emit('naive', 'wiggles', row['naive wiggles'], 'count');
  emit('entity-timeline', 'height', row.height, 'px');
  emit('naive', 'height', row['naive height'], 'px');
}
const target = rows[1];
const ok = target['layout ms (median)'] < 1000 && parseInt(target['crossings saved'], 10) >= 50;
console.log(`100 × 1,000 target (< 1 s, ≥ 50% fewer crossings): ${ok ? 'met' : 'NOT met'}`);
