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
export { layoutStoryline, naiveStorylineOrder, countCrossings, countWiggles, type StorylineOptions, type StorylineLayout, type StorylineSlot, type StorylinePoint, type StorylineSegment, type StorylineLine, type StorylineMarker, type StorylineLabel, type StorylineTick } from './layout/storyline.js';
export { createStaticDocument } from './ssr/minidom.js'; export { serializeSVG, type SerializeOptions } from './ssr/serialize.js'; export { createStaticContext, type StaticContextOptions } from './ssr/context.js'; export { estimateTextWidth, createCanvasTextMeasurer, type CanvasTextMeasurerOptions } from './render/common/measure.js';
export * from './io/index.js';
export { renderStorylineSVG, type StorylineSVGOptions } from './render/storyline/svg.js'; export { createStoryline, type StorylineView, type StorylineViewOptions } from './render/storyline/view.js'; export { linkViews, type ViewLink } from './link/linker.js'; export { createScrollytelling, stepPatch, type Scrolly, type ScrollyStep, type ScrollyOptions } from './link/scrolly.js';
