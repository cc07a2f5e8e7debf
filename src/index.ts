/**
 * entity-timeline: dated events and the actors in them as D3 timelines, actor networks and
 * storylines. Everything here is exported by name; nothing runs on import.
 *
 * @packageDocumentation
 */
export * from './model/types.js';
export * from './link/state.js';
export type { EntityView, ViewEventMap } from './render/common/view.js';
export type { RenderContext, TextMeasurer } from './render/common/context.js';
export { safeUrl } from './render/common/safe-url.js';
export { OKABE_ITO, categoricalColors } from './render/common/palette.js';
export * from './model/dates.js';
export { createDataset, type DatasetParts } from './model/dataset.js';
export { deriveRelations } from './model/relations.js';
export { parseDataset, validateDataset, DatasetValidationError, type ParseDatasetOptions, type LenientParseResult } from './model/parse.js';
