// Every gallery page, the library exports it needs, and what its chart must offer.
//
// `requires` must equal the page's own `data-requires` (a test checks it), so the two cannot
// drift. While an export is missing from dist/, the page shows "not available in this build"
// (tested), and the checks that need the chart are reported as todo with the missing names —
// never as passing. Once the export exists, those checks are required.

/** Which marks the chart must draw. */
export type Marks = 'events' | 'actors' | 'events+actors' | 'canvas' | 'static-image';

export interface PageSpec {
  /** File name under examples/ without `.html`. */
  readonly slug: string;
  /** Library exports the example needs (the page's `data-requires`). */
  readonly requires: readonly string[];
  /** Files a page needs that another engineer or a script produces, with who makes them. */
  readonly files?: readonly { readonly path: string; readonly by: string }[];
  readonly marks: Marks;
  /** Hovering the first mark of this kind shows a `[role=tooltip]`. */
  readonly tooltip?: 'event' | 'actor';
  /** Tab reaches a mark of this kind and Enter selects it. */
  readonly keyboard?: 'event' | 'actor';
  /** A wheel over the chart changes the time axis' tick labels. */
  readonly zoom?: boolean;
}

const KOREA_RUSSIA = { path: 'examples/data/korea-russia-2024.json', by: 'the model engineer' } as const;
const TIMELINE = ['parseDataset', 'createTimeline'] as const;

export const PAGES: readonly PageSpec[] = [
  { slug: 'timeline', requires: TIMELINE, files: [KOREA_RUSSIA], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'network', requires: ['parseDataset', 'createNetwork'], files: [KOREA_RUSSIA], marks: 'actors', tooltip: 'actor', keyboard: 'actor' },
  { slug: 'storyline', requires: ['parseDataset', 'createStoryline'], files: [KOREA_RUSSIA], marks: 'events+actors', tooltip: 'event', keyboard: 'event' },
  { slug: 'relations', requires: ['parseDataset', 'createMatrix', 'createArcDiagram', 'createEgoNetwork', 'linkViews'], files: [KOREA_RUSSIA], marks: 'actors', tooltip: 'actor', keyboard: 'actor' },
  {
    slug: 'dashboard',
    requires: ['parseDataset', 'createTimeline', 'createNetwork', 'createStoryline', 'linkViews'],
    files: [KOREA_RUSSIA],
    marks: 'events+actors',
    tooltip: 'event',
    keyboard: 'event',
    zoom: true,
  },
  { slug: 'script-tag', requires: TIMELINE, files: [KOREA_RUSSIA], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'custom-element', requires: ['defineEntityTimelineElement'], files: [KOREA_RUSSIA], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'esm', requires: TIMELINE, marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'dark-theme', requires: TIMELINE, files: [KOREA_RUSSIA], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'partial-dates', requires: TIMELINE, marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'deep-history', requires: TIMELINE, marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'large-canvas', requires: TIMELINE, marks: 'canvas', zoom: true },
  {
    slug: 'static-article',
    requires: [],
    files: [{ path: 'examples/static/korea-russia-timeline.svg', by: 'the CLI: node dist/cli.js render examples/data/korea-russia-2024.json --view timeline --width 880 --out examples/static/korea-russia-timeline.svg' }],
    marks: 'static-image',
  },
  { slug: 'react', requires: TIMELINE, files: [KOREA_RUSSIA], marks: 'events', tooltip: 'event', keyboard: 'event' },
  {
    slug: 'scrollytelling',
    requires: ['parseDataset', 'createTimeline', 'createNetwork', 'linkViews', 'createScrollytelling'],
    files: [KOREA_RUSSIA],
    marks: 'events+actors',
  },
  { slug: 'import-csv', requires: ['fromCSV', 'createTimeline'], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'import-timelinejs', requires: ['fromTimelineJS', 'createTimeline'], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'import-gdelt', requires: ['fromGDELT', 'createTimeline'], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
  { slug: 'import-acled', requires: ['fromACLED', 'createTimeline'], marks: 'events', tooltip: 'event', keyboard: 'event', zoom: true },
];

/** CSS selector of a kind of mark, per the SVG contract (src/render/common). */
export const MARK_SELECTOR = { event: '[data-event-id]', actor: '[data-actor-id]' } as const;
