// Test helpers: small datasets built from plain records through the real createDataset.
import { createDataset } from '../../src/model/dataset.js';
import { parseWhen } from '../../src/model/dates.js';
import type { Actor, ActorKind, Dataset, EntityEvent, Role } from '../../src/model/types.js';

export function actor(id: string, kind: ActorKind = 'state', affiliations: { actor: string; role?: string }[] = []): Actor {
  return { id, name: id.toUpperCase(), kind, aliases: [], affiliations };
}

export function event(id: string, when: string, participants: [string, Role][]): EntityEvent {
  return {
    id,
    title: `Event ${id}`,
    when: parseWhen(when),
    participants: participants.map(([a, role]) => ({ actor: a, role })),
    tags: [],
    sources: [{ url: 'https://example.org/' + id, publisher: 'Example' }],
  };
}

export function dataset(actors: Actor[], events: EntityEvent[]): Dataset {
  return createDataset({ actors, events });
}

/** A tiny world: kp arms ru; us, kr, jp condemn kp; an official of the us state department. */
export function smallWorld(): Dataset {
  return dataset(
    [
      actor('us'),
      actor('kr'),
      actor('jp'),
      actor('kp'),
      actor('ru'),
      actor('state-dept', 'organisation', [{ actor: 'us', role: 'ministry of' }]),
      actor('blinken', 'person', [{ actor: 'state-dept', role: 'secretary' }]),
    ],
    [
      event('e1', '2024-01-10', [['kp', 'source'], ['ru', 'target']]),
      event('e2', '2024-01-18', [['us', 'source'], ['kr', 'source'], ['jp', 'source'], ['kp', 'target']]),
      event('e3', '2024-06-19', [['ru', 'participant'], ['kp', 'participant']]),
      event('e4', '2024-09-01', [['kp', 'source'], ['ru', 'target']]),
      event('e5', '2024-10-02', [['blinken', 'source'], ['kp', 'target']]),
      event('e6', '2024-10-05', [['ru', 'source'], ['kp', 'target']]),
    ],
  );
}
