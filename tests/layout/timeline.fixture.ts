// Small hand-built datasets for timeline tests, made from parsed records so they do not depend
// on the JSON importer.
import { createDataset } from '../../src/model/dataset.js';
import { parseDate, whenFromDates } from '../../src/model/dates.js';
import type { Actor, ActorKind, Dataset, EntityEvent, Participant } from '../../src/model/types.js';

export function actor(id: string, name: string, kind: ActorKind = 'state', parent?: string): Actor {
  return { id, name, kind, aliases: [], affiliations: parent ? [{ actor: parent }] : [] };
}

export function event(
  id: string,
  when: string,
  participants: (string | [string, string])[] = [],
  extra: Partial<EntityEvent> = {},
): EntityEvent {
  const [a, b] = when.split('/');
  const parts: Participant[] = participants.map((p) =>
    typeof p === 'string' ? { actor: p, role: 'participant' } : { actor: p[0], role: p[1] },
  );
  return {
    id,
    title: `Event ${id}`,
    when: whenFromDates(parseDate(a!), b ? parseDate(b) : undefined),
    participants: parts,
    tags: [],
    sources: [],
    ...extra,
  };
}

/** Russia ⊃ Ministry of Defence ⊃ minister; North Korea ⊃ Kim; Ukraine. */
export function koreaRussia(): Dataset {
  const actors = [
    actor('russia', 'Russia'),
    actor('mod-ru', 'Russian Ministry of Defence', 'organisation', 'russia'),
    actor('belousov', 'Andrei Belousov', 'person', 'mod-ru'),
    actor('dprk', 'North Korea'),
    actor('kim', 'Kim Jong Un', 'person', 'dprk'),
    actor('ukraine', 'Ukraine'),
  ];
  const events = [
    event('summit', '2023-09-13', [['kim', 'source'], ['russia', 'target']], { title: 'Kim visits Vostochny' }),
    event('shells', '2023-10~', [['dprk', 'source'], ['russia', 'target']], { title: 'Shell deliveries begin' }),
    event('missiles', '2024-01-02', [['russia', 'source'], ['ukraine', 'target']], { title: 'Missile strike on Kharkiv' }),
    event('treaty', '2024-06-19', ['russia', 'dprk'], { title: 'Comprehensive partnership treaty' }),
    event('troops', '2024-10/2024-12?', [['dprk', 'source'], ['russia', 'target']], { title: 'Troops deployed to Kursk' }),
    event('visit', '2024-11-30', [['belousov', 'source'], ['kim', 'target']], { title: 'Belousov meets Kim' }),
    event('statement', '2024-01-18', [], { title: 'Trilateral statement' }),
  ];
  return createDataset({ events, actors, meta: { title: 'North Korea and Russia' } });
}

/** `n` events over a year among `actors` actors, deterministic. */
export function synthetic(n: number, actors = 8, seed = 1): Dataset {
  let s = seed >>> 0;
  const rand = (): number => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const as = Array.from({ length: actors }, (_, i) => actor(`a${i}`, `Actor ${i}`));
  const events: EntityEvent[] = [];
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < n; i++) {
    const t = new Date(start + Math.floor(rand() * 366) * 86_400_000);
    const day = t.toISOString().slice(0, 10);
    const long = rand() < 0.1;
    const end = long ? new Date(t.getTime() + Math.floor(rand() * 60 + 1) * 86_400_000).toISOString().slice(0, 10) : '';
    const a = Math.floor(rand() * actors);
    const b = Math.floor(rand() * actors);
    const ps: [string, string][] = a === b ? [[`a${a}`, 'participant']] : [[`a${a}`, 'source'], [`a${b}`, 'target']];
    events.push(event(`e${i}`, end ? `${day}/${end}` : day, rand() < 0.05 ? [] : ps));
  }
  return createDataset({ events, actors: as });
}
