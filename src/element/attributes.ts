/**
 * The attributes of `<entity-timeline>`, read once into a typed configuration. Authors who can
 * only paste HTML get no stack trace, so a value that cannot be used is not an exception: it
 * falls back to the default and is reported, by attribute name and allowed values, in the
 * element's status area.
 *
 * @packageDocumentation
 */
import type { TimeWindow } from '../link/state.js';
import type { LaneMode } from '../layout/timeline.js';
import { tryParseDate } from '../model/dates.js';
import { IMPORT_FORMATS, type ImportFormat } from '../io/import-result.js';
import { safeUrl } from '../render/common/safe-url.js';

/** The views `<entity-timeline view="…">` can show. */
export type ElementView = 'timeline' | 'network' | 'storyline';

/** Every value of the `view` attribute. */
export const ELEMENT_VIEWS: readonly ElementView[] = Object.freeze(['timeline', 'network', 'storyline']);

/** The attributes the element follows (its `observedAttributes`). */
export const ELEMENT_ATTRIBUTES = Object.freeze(['src', 'view', 'format', 'theme', 'lanes', 'from', 'to', 'height', 'title', 'renderer', 'actor'] as const);

/** One of {@link ELEMENT_ATTRIBUTES}. */
export type ElementAttribute = (typeof ELEMENT_ATTRIBUTES)[number];

/**
 * Height of each view when the `height` attribute is absent: the timeline and the storyline
 * are as tall as their lanes need (`'auto'`); a force layout has no natural height.
 */
export const DEFAULT_ELEMENT_HEIGHT: Readonly<Record<ElementView, number | 'auto'>> = Object.freeze({
  timeline: 'auto',
  network: 480,
  storyline: 'auto',
});

/** The element's attributes, normalised. */
export interface ElementConfig {
  /** The `src` attribute as written (resolved and checked when loading), or `null`. */
  readonly src: string | null;
  readonly view: ElementView;
  readonly format: 'auto' | ImportFormat;
  readonly theme: 'light' | 'dark';
  readonly lanes: LaneMode;
  /** First instant of the `from` date (epoch ms), or `null`. */
  readonly from: number | null;
  /** Last instant of the `to` date (epoch ms), or `null`. */
  readonly to: number | null;
  /** Height in pixels, or `'auto'`; the view's default when the attribute is absent. */
  readonly height: number | 'auto';
  /** The chart's accessible title, or `null` for the dataset's own. */
  readonly title: string | null;
  readonly renderer: 'auto' | 'svg' | 'canvas';
  /** The actor to show selected, or `null`. */
  readonly actor: string | null;
}

/** The configuration and a sentence for each attribute value that could not be used. */
export interface ReadConfig {
  readonly config: ElementConfig;
  readonly problems: readonly string[];
}

/**
 * Reads the element's attributes through `get` (such as `el.getAttribute.bind(el)`). Values
 * are trimmed and keywords are case-insensitive; an empty attribute counts as absent.
 *
 * @example
 * ```ts
 * const { config, problems } = readElementConfig((name) => ({ view: 'graph' })[name] ?? null);
 * config.view; // 'timeline'
 * problems;    // ['view="graph" is not one of timeline, network, storyline; showing the timeline.']
 * ```
 */
export function readElementConfig(get: (name: ElementAttribute) => string | null): ReadConfig {
  const problems: string[] = [];
  const text = (name: ElementAttribute): string | null => {
    const value = get(name)?.trim();
    return value ? value : null;
  };
  function keyword<T extends string>(name: ElementAttribute, allowed: readonly T[], fallback: T, fallbackText: string): T {
    const value = text(name);
    if (value === null) return fallback;
    const lower = value.toLowerCase();
    const found = allowed.find((a) => a === lower);
    if (found !== undefined) return found;
    problems.push(`${name}="${value}" is not one of ${allowed.join(', ')}; ${fallbackText}.`);
    return fallback;
  }
  function instant(name: 'from' | 'to'): number | null {
    const value = text(name);
    if (value === null) return null;
    const parsed = tryParseDate(value);
    if (parsed.ok) return name === 'from' ? parsed.value.earliest : parsed.value.latest;
    problems.push(`${name}="${value}" is not a date such as 2024, 2024-03 or 2024-03-15; it is ignored.`);
    return null;
  }

  const view = keyword('view', ELEMENT_VIEWS, 'timeline', 'showing the timeline');
  const format = keyword<'auto' | ImportFormat>('format', ['auto', ...IMPORT_FORMATS], 'auto', 'detecting the format');
  const theme = keyword('theme', ['light', 'dark'], 'light', 'using the light theme');
  const lanes = keyword<LaneMode>('lanes', ['actor', 'category', 'none'], 'actor', 'a lane per actor');
  const renderer = keyword('renderer', ['auto', 'svg', 'canvas'], 'auto', 'choosing by the data size');
  let from = instant('from');
  let to = instant('to');
  if (from !== null && to !== null && from > to) {
    problems.push(`from="${text('from')}" is after to="${text('to')}"; both are ignored.`);
    from = null;
    to = null;
  }

  let height: number | 'auto' = DEFAULT_ELEMENT_HEIGHT[view];
  const heightText = text('height');
  if (heightText !== null) {
    const m = /^(\d+(?:\.\d+)?)(?:px)?$/i.exec(heightText);
    const px = m ? Number(m[1]) : NaN;
    if (heightText.toLowerCase() === 'auto') height = 'auto';
    else if (px >= 1 && px <= 100_000) height = Math.round(px);
    else problems.push(`height="${heightText}" is not a height in pixels (such as 480) or auto; using the default.`);
  }

  return {
    config: { src: text('src'), view, format, theme, lanes, from, to, height, title: text('title'), renderer, actor: text('actor') },
    problems,
  };
}

/**
 * The time window the `from` and `to` attributes ask for. An open side extends to the data's
 * extent (a view cannot zoom out to the end of time); `null` when neither is set, or when the
 * only bound given lies outside the data.
 *
 * @example
 * ```ts
 * attributeWindow({ from: Date.UTC(2024, 0), to: null }, [Date.UTC(2023, 0), Date.UTC(2024, 11)]);
 * // [Date.UTC(2024, 0), Date.UTC(2024, 11)]
 * ```
 */
export function attributeWindow(config: Pick<ElementConfig, 'from' | 'to'>, extent: readonly [number, number] | undefined): TimeWindow | null {
  if (config.from === null && config.to === null) return null;
  const from = config.from ?? extent?.[0];
  const to = config.to ?? extent?.[1];
  if (from === undefined || to === undefined || !(to > from)) return null;
  return [from, to];
}

/**
 * The address a `src` attribute names, resolved against the document's base URL, or
 * `undefined` unless it is http or https (a `javascript:`, `data:` or `file:` source is never
 * fetched).
 *
 * @example
 * ```ts
 * resolveDataUrl('data/events.json', 'https://example.org/story/'); // 'https://example.org/story/data/events.json'
 * resolveDataUrl('javascript:alert(1)', 'https://example.org/');     // undefined
 * ```
 */
export function resolveDataUrl(src: string, baseURI: string): string | undefined {
  let url: URL;
  try {
    url = new URL(src, baseURI);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return safeUrl(url.href);
}
