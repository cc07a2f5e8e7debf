import type { RenderContext, TextMeasurer } from '../render/common/context.js';
import { estimateTextWidth } from '../render/common/measure.js';
import { createStaticDocument } from './minidom.js';

/** Options of {@link createStaticContext}. */
export interface StaticContextOptions {
  /** Prefix for generated ids (clip paths, markers, title/desc). Default `"et"`. */
  readonly idPrefix?: string;
  /** Text measurement. Default {@link estimateTextWidth}, so output is the same on every machine. */
  readonly measureText?: TextMeasurer;
}

/**
 * A render context for Node: a fresh static document (no jsdom) and deterministic text
 * measurement. Render into it, then serialise the root with {@link serializeSVG}.
 *
 * @example
 * ```ts
 * const context = createStaticContext({ idPrefix: 'fig1' });
 * const svg = context.document.createElementNS('http://www.w3.org/2000/svg', 'svg');
 * context.measureText('Treaty of Rome', '12px sans-serif'); // 82.692
 * ```
 */
export function createStaticContext(options: StaticContextOptions = {}): RenderContext {
  return {
    document: createStaticDocument(),
    measureText: options.measureText ?? estimateTextWidth,
    idPrefix: options.idPrefix ?? 'et',
  };
}
