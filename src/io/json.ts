import type {
  ActorInput,
  Dataset,
  DatasetInput,
  DateValue,
  EventInput,
  Source,
  SourceInput,
  When,
} from '../model/types.js';

/**
 * Writes a dataset back in the library's JSON format (the shape `schema.json` describes):
 * dates as EDTF at their own precision, only the fields that are set. Reading the result with
 * `parseDataset` gives an equal dataset, and it always validates, because a Dataset only ever
 * holds valid records.
 *
 * @example
 * ```ts
 * const { dataset } = fromCSV(csvText);
 * writeFileSync('events.json', JSON.stringify(toJSON(dataset), null, 2));
 * ```
 */
export function toJSON(dataset: Dataset): DatasetInput {
  const { meta } = dataset;
  const out: DatasetInput = {
    ...(meta.title !== undefined && { title: meta.title }),
    ...(meta.description !== undefined && { description: meta.description }),
    ...(meta.sources !== undefined && meta.sources.length > 0 && { sources: meta.sources.map(sourceInput) }),
    actors: dataset.actors.map(actorInput),
    events: dataset.events.map(eventInput),
  };
  if (dataset.declaredRelations.length > 0) {
    out.relations = dataset.declaredRelations.map((r) => ({
      id: r.id,
      source: r.source,
      target: r.target,
      type: r.type,
      directed: r.directed,
      ...(r.start !== undefined && { start: r.start.edtf }),
      ...(r.end !== undefined && { end: r.end.edtf }),
      ...(r.sources.length > 0 && { sources: r.sources.map(sourceInput) }),
    }));
  }
  return out;
}

function actorInput(a: Dataset['actors'][number]): ActorInput {
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    ...(a.aliases.length > 0 && { aliases: [...a.aliases] }),
    ...(a.affiliations.length > 0 && {
      affiliations: a.affiliations.map((f) => ({
        actor: f.actor,
        ...(f.role !== undefined && { role: f.role }),
        ...(f.start !== undefined && { start: f.start.edtf }),
        ...(f.end !== undefined && { end: f.end.edtf }),
      })),
    }),
    ...(a.color !== undefined && { color: a.color }),
    ...(a.description !== undefined && { description: a.description }),
  };
}

function eventInput(e: Dataset['events'][number]): EventInput {
  return {
    id: e.id,
    title: e.title,
    when: whenInput(e.when),
    ...(e.description !== undefined && { description: e.description }),
    ...(e.category !== undefined && { category: e.category }),
    ...(e.location !== undefined && {
      location: e.location.lat === undefined && e.location.lon === undefined ? e.location.name : { ...e.location },
    }),
    ...(e.participants.length > 0 && { participants: e.participants.map((p) => ({ actor: p.actor, role: p.role })) }),
    ...(e.tags.length > 0 && { tags: [...e.tags] }),
    ...(e.sources.length > 0 && { sources: e.sources.map(sourceInput) }),
    ...(e.reported !== undefined && { reported: e.reported.edtf }),
    ...(e.attributes !== undefined && { attributes: { ...e.attributes } }),
  };
}

function whenInput(when: When): EventInput['when'] {
  return when.end === undefined ? when.start.edtf : { start: when.start.edtf, end: (when.end as DateValue).edtf };
}

function sourceInput(s: Source): SourceInput {
  return {
    ...(s.url !== undefined && { url: s.url }),
    ...(s.publisher !== undefined && { publisher: s.publisher }),
    ...(s.title !== undefined && { title: s.title }),
    ...(s.published !== undefined && { published: s.published.edtf }),
    ...(s.confidence !== undefined && { confidence: s.confidence }),
  };
}
