/**
 * Text measurement: a deterministic estimate from Helvetica/Arial advance widths (the same idea
 * as Observable Plot's default), and an exact canvas measurer for browsers.
 */
import type { TextMeasurer } from './context.js';

// Advance widths in 1/1000 em for U+0020..U+007E, from the Adobe Helvetica AFM files. Arial is
// metric-compatible with Helvetica, and the library's default stack (system-ui, Segoe UI,
// Roboto, …) lands within a few percent of it for Latin text.
// prettier-ignore
const ASCII_REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ␠ ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];
// prettier-ignore
const ASCII_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
// U+00A0..U+00BF (symbols of Latin-1); the letters U+00C0..U+00FF mostly decompose to ASCII.
// prettier-ignore
const LATIN1_REGULAR = [
  278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
  400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
];
// prettier-ignore
const LATIN1_BOLD = [
  278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
  400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
];
// Characters with no ASCII decomposition: [regular, bold].
const SPECIAL: ReadonlyMap<number, readonly [number, number]> = new Map([
  [0xc6, [1000, 1000]], [0xd0, [722, 722]], [0xd7, [584, 584]], [0xd8, [778, 778]], [0xde, [667, 667]],
  [0xdf, [611, 611]], [0xe6, [889, 889]], [0xf0, [556, 611]], [0xf7, [584, 584]], [0xf8, [611, 611]],
  [0xfe, [556, 611]], [0xec, [278, 278]], [0xed, [278, 278]], [0xee, [278, 278]], [0xef, [278, 278]],
  [0x131, [278, 278]], [0x152, [1000, 1000]], [0x153, [944, 944]], [0x141, [556, 611]], [0x142, [222, 278]],
  [0x2013, [556, 556]], [0x2014, [1000, 1000]], [0x2018, [222, 278]], [0x2019, [222, 278]],
  [0x201a, [222, 278]], [0x201c, [333, 500]], [0x201d, [333, 500]], [0x201e, [333, 500]],
  [0x2020, [556, 556]], [0x2021, [556, 556]], [0x2022, [350, 350]], [0x2026, [1000, 1000]],
  [0x2030, [1000, 1000]], [0x2032, [191, 238]], [0x2033, [355, 474]], [0x2039, [333, 333]],
  [0x203a, [333, 333]], [0x20ac, [556, 556]], [0x2122, [1000, 1000]], [0x2212, [584, 584]],
  [0x2190, [1000, 1000]], [0x2192, [1000, 1000]], [0x2191, [500, 500]], [0x2193, [500, 500]],
  // Spaces: en, em, three-per-em … figure, punctuation, thin, hair, narrow no-break
  // (Intl date formats emit U+202F).
  [0x2002, [500, 500]], [0x2003, [1000, 1000]], [0x2004, [333, 333]], [0x2005, [250, 250]],
  [0x2006, [167, 167]], [0x2007, [556, 556]], [0x2008, [278, 278]], [0x2009, [200, 200]],
  [0x200a, [100, 100]], [0x202f, [200, 200]], [0x205f, [222, 222]], [0x3000, [1000, 1000]],
]);

/** Width of characters the table does not know: that of `e` and `n`, as Plot does. */
const DEFAULT_WIDTH = 556;
const WIDE = 1000;
const EMOJI = 1200;
const MONOSPACE = 600;

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;

/** East Asian wide and fullwidth ranges (Hangul, CJK, kana, fullwidth forms): one em each. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

// Widths of non-ASCII code points, computed once each (normalisation and property tests are
// slow). Bounded so that text with millions of distinct characters cannot grow it forever.
const CACHE_LIMIT = 20_000;
const cache: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];

function nonAsciiWidth(code: number, bold: boolean): number {
  const store = cache[bold ? 1 : 0];
  const cached = store.get(code);
  if (cached !== undefined) return cached;
  const width = computeWidth(code, bold);
  if (store.size < CACHE_LIMIT) store.set(code, width);
  return width;
}

function computeWidth(code: number, bold: boolean): number {
  const special = SPECIAL.get(code);
  if (special !== undefined) return special[bold ? 1 : 0];
  if (code >= 0xa0 && code <= 0xbf) return (bold ? LATIN1_BOLD : LATIN1_REGULAR)[code - 0xa0] ?? DEFAULT_WIDTH;
  const char = String.fromCodePoint(code);
  if (ZERO_WIDTH.test(char) || EMOJI_MODIFIER.test(char)) return 0;
  if (code >= 0x1f1e6 && code <= 0x1f1ff) return EMOJI / 2; // a flag is a pair of regional indicators
  if (isWide(code)) return WIDE;
  if (PICTOGRAPHIC.test(char)) return EMOJI;
  // Accented Latin letters (and their kin) are about as wide as the base letter.
  const base = char.normalize('NFD').codePointAt(0) ?? code;
  if (base !== code && base >= 0x20 && base <= 0x7e) return (bold ? ASCII_BOLD : ASCII_REGULAR)[base - 0x20] ?? DEFAULT_WIDTH;
  return DEFAULT_WIDTH;
}

interface FontMetrics {
  /** Font size in CSS pixels. */
  readonly size: number;
  readonly bold: boolean;
  readonly monospace: boolean;
}

const ABSOLUTE_SIZES: Readonly<Record<string, number>> = {
  'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32, 'xxx-large': 48,
};
// CSS pixels per unit; relative units assume the 16px browser default.
const UNITS: Readonly<Record<string, number>> = {
  px: 1, pt: 4 / 3, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6, em: 16, rem: 16, '%': 0.16,
};
const SIZE = /^(\d+(?:\.\d*)?|\.\d+)(px|pt|pc|in|cm|mm|q|em|rem|%)(?:\/.*)?$/i;
const MONOSPACE_FAMILY = /^\s*["']?(?:monospace|ui-monospace|[^,]*\b(?:mono|courier|consolas|menlo|monaco)\b)/i;

const fonts = new Map<string, FontMetrics>();

/** Size, weight and monospace-ness of a CSS font shorthand; 10px regular sans-serif (canvas's default) when unparseable. */
function parseFont(font: string): FontMetrics {
  const cached = fonts.get(font);
  if (cached !== undefined) return cached;
  let size = 10;
  let bold = false;
  let family = '';
  const tokens = font.trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').toLowerCase();
    const lineHeight = token.indexOf('/');
    const keyword = ABSOLUTE_SIZES[lineHeight < 0 ? token : token.slice(0, lineHeight)];
    const match = SIZE.exec(token);
    if (keyword !== undefined || match !== null) {
      size = keyword ?? Number(match?.[1]) * (UNITS[(match?.[2] ?? 'px').toLowerCase()] ?? 1);
      // A bare "/ 1.2" line height may follow as separate tokens.
      let rest = i + 1;
      if (tokens[rest] === '/') rest += 2;
      else if (tokens[rest]?.startsWith('/')) rest += 1;
      family = tokens.slice(rest).join(' ');
      break;
    }
    if (token === 'bold' || token === 'bolder' || (/^\d+$/.test(token) && Number(token) >= 600)) bold = true;
  }
  const metrics: FontMetrics = { size: Number.isFinite(size) && size >= 0 ? size : 10, bold, monospace: MONOSPACE_FAMILY.test(family) };
  if (fonts.size >= 256) fonts.clear();
  fonts.set(font, metrics);
  return metrics;
}

/**
 * Estimated width in pixels of `text` set in `font` (a CSS font shorthand such as
 * `bold 12px system-ui, sans-serif`), from Helvetica/Arial advance widths: exact for ASCII in
 * those fonts, approximate for accented Latin, one em for CJK, 1.2 em for emoji, zero for
 * combining marks and format characters. Bold (`bold`, `bolder`, 600–900) has its own table;
 * monospace families use 0.6 em. No kerning. Deterministic: the same in Node and every browser,
 * which is why static SVG output uses it.
 *
 * @example
 * ```ts
 * estimateTextWidth('Hello', '10px sans-serif'); // 22.78 (= (722 + 556 + 222 + 222 + 556) / 100)
 * estimateTextWidth('Hello', 'bold 20px sans-serif'); // 48.9
 * ```
 */
export const estimateTextWidth: TextMeasurer = (text, font) => {
  const { size, bold, monospace } = parseFont(font);
  const ascii = bold ? ASCII_BOLD : ASCII_REGULAR;
  let total = 0;
  let joined = false; // after a zero-width joiner, an emoji joins the previous glyph
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) {
      total += monospace ? MONOSPACE : (ascii[code - 0x20] ?? DEFAULT_WIDTH);
      joined = false;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (code === 0x200d) {
      joined = true;
      continue;
    }
    const width = nonAsciiWidth(code, bold);
    if (!(joined && width === EMOJI)) total += monospace && width > 0 && width < WIDE ? MONOSPACE : width;
    joined = false;
  }
  return (total * size) / 1000;
};

/** Options of {@link createCanvasTextMeasurer}. */
export interface CanvasTextMeasurerOptions {
  /** How many (font, text) widths to remember; least recently used go first. Default 5,000. */
  readonly cacheSize?: number;
}

function canvasContext(document: Document): CanvasRenderingContext2D | null {
  // jsdom has <canvas> without a 2D context and reports each getContext call as an error on the
  // console; it is recognised by its user agent and never asked.
  const agent = document.defaultView?.navigator?.userAgent ?? '';
  if (/\bjsdom\b/i.test(agent)) return null;
  try {
    const canvas = document.createElement('canvas');
    if (typeof canvas.getContext !== 'function') return null;
    const context = canvas.getContext('2d');
    return context !== null && typeof context.measureText === 'function' ? context : null;
  } catch {
    return null;
  }
}

/**
 * A measurer that uses a canvas 2D context of `document` (exact, in browsers) and falls back to
 * {@link estimateTextWidth} where there is none (Node's static document, jsdom). The context is
 * created on first use; widths are cached per (font, text) in a bounded LRU cache.
 *
 * @example
 * ```ts
 * const measureText = createCanvasTextMeasurer(document);
 * measureText('Treaty of Rome', '12px system-ui, sans-serif'); // e.g. 83.6 in Chrome
 * ```
 */
export function createCanvasTextMeasurer(document: Document, options: CanvasTextMeasurerOptions = {}): TextMeasurer {
  const limit = Math.max(1, Math.floor(options.cacheSize ?? 5000));
  const widths = new Map<string, number>();
  let context: CanvasRenderingContext2D | null | undefined;
  let currentFont: string | undefined;
  return (text, font) => {
    if (context === undefined) context = canvasContext(document);
    if (context === null) return estimateTextWidth(text, font);
    const key = `${font}\u0000${text}`;
    const cached = widths.get(key);
    if (cached !== undefined) {
      // Re-insert so that Map order is least-recently-used first.
      widths.delete(key);
      widths.set(key, cached);
      return cached;
    }
    if (font !== currentFont) {
      context.font = font;
      currentFont = font;
    }
    const width = context.measureText(text).width;
    widths.set(key, width);
    if (widths.size > limit) {
      const oldest = widths.keys().next();
      if (oldest.done !== true) widths.delete(oldest.value);
    }
    return width;
  };
}
