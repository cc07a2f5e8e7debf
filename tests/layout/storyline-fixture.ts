// Builds small datasets for the storyline tests from terse records, through the real
// createDataset and parseWhen, so the tests exercise the same records users get.
import { createDataset } from '../../src/model/dataset.js';
import { parseWhen } from '../../src/model/dates.js';
import type { Actor, Dataset, EntityEvent } from '../../src/model/types.js';

export interface TinyEvent {
  readonly id: string;
  readonly when: string;
  readonly actors: readonly string[];
  readonly title?: string;
  readonly sources?: readonly { url: string; publisher?: string }[];
}

export interface TinyActor {
  readonly id: string;
  readonly name?: string;
  readonly parent?: string;
  readonly color?: string;
}

export function tinyDataset(events: readonly TinyEvent[], actors: readonly TinyActor[] = []): Dataset {
  const known = new Map<string, TinyActor>();
  for (const a of actors) known.set(a.id, a);
  for (const e of events) for (const id of e.actors) if (!known.has(id)) known.set(id, { id });
  const actorRecords: Actor[] = [...known.values()].map((a) => ({
    id: a.id,
    name: a.name ?? a.id.toUpperCase(),
    kind: 'person',
    aliases: [],
    affiliations: a.parent ? [{ actor: a.parent }] : [],
    ...(a.color ? { color: a.color } : {}),
  }));
  const eventRecords: EntityEvent[] = events.map((e) => ({
    id: e.id,
    title: e.title ?? `Event ${e.id}`,
    when: parseWhen(e.when),
    participants: e.actors.map((actor) => ({ actor, role: 'participant' })),
    tags: [],
    sources: (e.sources ?? []).map((s) => ({ ...s })),
  }));
  return createDataset({ events: eventRecords, actors: actorRecords });
}

/** A day in 2024 as an EDTF string, for generated events. */
export function day(n: number): string {
  const d = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}
