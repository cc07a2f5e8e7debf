// The importers' public API, exported by name.
export { parseDSV, forEachDSVRow, formatDSV, formatDSVField } from './dsv.js';
export type { DsvRow, DsvOptions, ParseDsvOptions, DsvParseResult } from './dsv.js';
export { parseHumanDate, parseHumanWhen } from './dates-human.js';
export type { HumanDateOptions, HumanDateResult, HumanWhenResult } from './dates-human.js';
export { createActorResolver, slugify, AliasTableError } from './aliases.js';
export type { ActorResolver, ActorResolverOptions, AliasTarget, ResolveOptions } from './aliases.js';
export { ImportError, IMPORT_FORMATS } from './import-result.js';
export type { ImportResult, ImportFormat, ImportMode, ImportCounts, ImportOptionsBase, ActorMerge } from './import-result.js';
export { fromCSV, fromTSV, detectDelimiter, splitActors, CSV_DEFAULT_COLUMNS } from './csv.js';
export type { CsvField, CsvImportOptions } from './csv.js';
export { fromTimelineJS, toTimelineJS } from './timelinejs.js';
export type {
  TimelineJSDocument,
  TimelineJSSlide,
  TimelineJSEra,
  TimelineJSDate,
  TimelineJSText,
  TimelineJSMedia,
  TimelineJSEventExtension,
  TimelineJSImportOptions,
} from './timelinejs.js';
export { htmlToText, decodeEntities, escapeHtml, textToHtml } from './html-text.js';
export { fromGDELT, GDELT_COLUMNS } from './gdelt.js';
export type { GdeltImportOptions } from './gdelt.js';
export { CAMEO_ROOT_NAMES, QUAD_CLASS_NAMES, cameoRootName, cameoActorKind } from './cameo.js';
export { fromACLED } from './acled.js';
export type { AcledImportOptions } from './acled.js';
export { detectFormat } from './detect.js';
export type { DetectedFormat } from './detect.js';
export { importText, fromJSON } from './import-text.js';
export { toJSON } from './json.js';
export type { ImportTextOptions } from './import-text.js';
