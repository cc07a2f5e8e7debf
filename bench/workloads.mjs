// The benchmark workloads: deterministic, seeded data that every page (and Node) builds the
// same way, so each library draws exactly the same events and actors.
//
// This module has no imports and touches no DOM: the runner imports it in Node, and every
// benchmark page imports it in the browser (`/bench/workloads.mjs`).
//
// - Timeline: N events over ten years (2015-01-01 to 2024-12-31), 70% points and 30%
//   intervals (1 day to 6 months), N/50 actors, one lane per actor. Every event belongs to one
//   lane actor; 20% of events name a second actor as a target.
// - Network: N actors in √N communities with 3N distinct relations (80% inside a
//   community), no self-loops and no duplicate pairs.

/** The default seed; the harness always passes it explicitly. */
export const DEFAULT_SEED = 20240118;

const DAY = 86_400_000;
/** 2015-01-01T00:00:00Z */
export const TIMELINE_START = Date.UTC(2015, 0, 1);
/** 2024-12-31T00:00:00Z: the ten-year span the events are spread over. */
export const TIMELINE_END = Date.UTC(2024, 11, 31);
const SPAN_DAYS = Math.round((TIMELINE_END - TIMELINE_START) / DAY);

/** mulberry32: a small, fast 32-bit generator; the same seed gives the same stream everywhere. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function random() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * N timeline events. Each event: `{ id, title, start, end?, startDay, endDay?, lane, actors }`
 * where `start`/`end` are epoch ms (UTC midnight; an interval's `end` is the midnight *after*
 * its last day, so peers that take half-open ranges draw the same extent), `startDay`/`endDay`
 * the same days as EDTF (`2019-03-04`), `lane` the actor whose lane it sits in and `actors`
 * every participant (lane actor first).
 */
export function timelineWorkload(n, seed = DEFAULT_SEED) {
  const random = mulberry32(seed ^ 0x7417);
  const actorCount = Math.max(1, Math.round(n / 50));
  const actors = [];
  for (let i = 0; i < actorCount; i++) actors.push({ id: `a${i}`, name: `Actor ${i}` });
  const events = [];
  for (let i = 0; i < n; i++) {
    const lane = actors[Math.floor(random() * actorCount)].id;
    const day = Math.floor(random() * SPAN_DAYS);
    const start = TIMELINE_START + day * DAY;
    const isInterval = random() < 0.3;
    const event = { id: `e${i}`, title: `Event ${i}`, start, startDay: isoDay(start), lane, actors: [lane] };
    if (isInterval) {
      // Lengths skewed towards short intervals: 1 day to ~6 months.
      const days = Math.max(1, Math.round(Math.pow(random(), 2) * 180));
      const lastDay = Math.min(SPAN_DAYS, day + days);
      event.endDay = isoDay(TIMELINE_START + lastDay * DAY);
      event.end = TIMELINE_START + (lastDay + 1) * DAY;
    }
    if (actorCount > 1 && random() < 0.2) {
      let other = actors[Math.floor(random() * actorCount)].id;
      if (other === lane) other = actors[(Number(lane.slice(1)) + 1) % actorCount].id;
      event.actors.push(other);
    }
    events.push(event);
  }
  return { kind: 'timeline', n, seed, actors, events, extent: [TIMELINE_START, TIMELINE_END + DAY] };
}

/**
 * N actors with 3N distinct undirected relations. Each relation: `{ id, source, target, day }`
 * with `day` an EDTF day in the ten-year span (for libraries that build relations from events).
 */
export function networkWorkload(n, seed = DEFAULT_SEED) {
  const random = mulberry32(seed ^ 0x4e77);
  const communities = Math.max(1, Math.round(Math.sqrt(n)));
  const actors = [];
  for (let i = 0; i < n; i++) actors.push({ id: `a${i}`, name: `Actor ${i}`, group: i % communities });
  const members = Array.from({ length: communities }, () => []);
  for (let i = 0; i < n; i++) members[i % communities].push(i);
  const maxPairs = (n * (n - 1)) / 2;
  const target = Math.min(3 * n, maxPairs);
  const seen = new Set();
  const relations = [];
  let guard = 0;
  while (relations.length < target && guard++ < target * 50) {
    const a = Math.floor(random() * n);
    let b;
    if (random() < 0.8) {
      const group = members[a % communities];
      b = group[Math.floor(random() * group.length)];
    } else {
      b = Math.floor(random() * n);
    }
    if (a === b) continue;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * n + hi;
    if (seen.has(key)) continue;
    seen.add(key);
    const day = isoDay(TIMELINE_START + Math.floor(random() * SPAN_DAYS) * DAY);
    relations.push({ id: `r${relations.length}`, source: `a${lo}`, target: `a${hi}`, day });
  }
  return { kind: 'network', n, seed, actors, relations };
}

/**
 * The timeline workload in entity-timeline's JSON input format (`DatasetInput`): points as
 * EDTF days, intervals as `start/end`, the lane actor as `source`, a second actor as `target`.
 */
export function timelineDatasetInput(workload) {
  return {
    title: `Benchmark timeline, ${workload.n} events`,
    actors: workload.actors.map((a) => ({ id: a.id, name: a.name, kind: 'person' })),
    events: workload.events.map((e) => ({
      id: e.id,
      title: e.title,
      when: e.endDay ? `${e.startDay}/${e.endDay}` : e.startDay,
      participants:
        e.actors.length > 1
          ? [
              { actor: e.actors[0], role: 'source' },
              { actor: e.actors[1], role: 'target' },
            ]
          : [{ actor: e.actors[0], role: 'participant' }],
    })),
  };
}

/**
 * The network workload in entity-timeline's JSON input format: each relation is one dated event
 * with its two actors as participants, so the library derives exactly the 3N relations.
 */
export function networkDatasetInput(workload) {
  return {
    title: `Benchmark network, ${workload.n} actors`,
    actors: workload.actors.map((a) => ({ id: a.id, name: a.name, kind: 'organisation' })),
    events: workload.relations.map((r) => ({
      id: r.id,
      title: `Relation ${r.id}`,
      when: r.day,
      participants: [r.source, r.target],
    })),
  };
}

/** Importer workload: `rows` CSV lines (header included) in a date,title,actors layout. */
export function csvWorkload(rows, seed = DEFAULT_SEED) {
  const w = timelineWorkload(rows, seed);
  const lines = ['id,date,end,title,actors'];
  for (const e of w.events) lines.push(`${e.id},${e.startDay},${e.endDay ?? ''},"${e.title}",${e.actors.join(';')}`);
  return lines.join('\n') + '\n';
}
