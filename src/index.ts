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
