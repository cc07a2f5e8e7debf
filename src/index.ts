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
export { buildNetwork, pairKey, type NetworkGraph, type NetworkNode, type NetworkEdge, type BuildNetworkOptions } from './layout/network.js'; export { randomSource, shuffled } from './layout/random.js';
export { layoutForce, startForceLayout, defaultTicks, routeEdges, placeNodeLabels, groupHulls, type ForceLayout, type ForceLayoutOptions, type ForceRun, type ForceNode, type ForceEdge, type ForceLabel, type ForceHull, type ForcePoint, type NodeLabelOptions } from './layout/force.js'; export { layoutMatrix, type MatrixLayout, type MatrixLayoutOptions, type MatrixActor, type MatrixCell, type MatrixCluster } from './layout/matrix.js'; export { layoutArc, type ArcLayout, type ArcLayoutOptions, type ArcNode, type ArcEdge } from './layout/arc.js'; export { layoutEgo, type EgoLayout, type EgoLayoutOptions, type EgoNode } from './layout/ego.js';
export { renderNetworkSVG, renderEgoSVG, type NetworkSVGOptions, type EgoSVGOptions } from './render/network/svg.js'; export { renderMatrixSVG, type MatrixSVGOptions } from './render/network/matrix-svg.js'; export { renderArcSVG, type ArcSVGOptions } from './render/network/arc-svg.js'; export { nodeShapePath, KIND_SHAPES, KIND_NAMES } from './render/network/shapes.js'; export { actorAriaLabel, edgeAriaLabel, actorTooltipContent, edgeTooltipContent, relationTable, networkDescription } from './render/network/text.js'; export type { TimeBound, WindowOptions } from './render/network/options.js';
export { createNetwork, type NetworkView, type NetworkViewOptions } from './render/network/view.js'; export { drawNetworkCanvas, drawMatrixCanvas, createNetworkHitTester, type MatrixCanvasColors, type NetworkCanvas2D, type NetworkCanvasScene, type NetworkCanvasColors, type NetworkCanvasTransform, type NetworkHitTester } from './render/network/canvas.js'; export { layoutInChunks, layoutInWorker, serveForceLayout, type ChunkOptions, type LayoutProgress, type ForceLayoutRequest, type ForceLayoutResponse, type WorkerScopeLike, type WorkerLike } from './render/network/worker.js';
