/**
 * The environment a renderer draws into. Passing it in (instead of reading `window` or
 * `document`) is what lets the same renderer run in browsers, in jsdom and in Node.
 */

/** Width in pixels of `text` set in `font` (a CSS font shorthand such as `12px sans-serif`). */
export type TextMeasurer = (text: string, font: string) => number;

export interface RenderContext {
  /** The document elements are created in. */
  readonly document: Document;
  /** Text measurement: exact in browsers, estimated from a width table elsewhere. */
  readonly measureText: TextMeasurer;
  /** Prefix for generated ids (clip paths, markers, title/desc) so two charts on a page never clash. */
  readonly idPrefix: string;
}
