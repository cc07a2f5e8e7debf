/**
 * `<entity-timeline>`: the library as one HTML element, for content systems where authors can
 * paste HTML but not scripts.
 *
 * It renders into its light DOM rather than a shadow root. The chart stylesheet is already
 * scoped under `.et-chart`, and in the light DOM the page's focus (`document.activeElement`),
 * tooltips, find-in-page and accessibility checkers see the chart's own elements instead of an
 * opaque host; the inline data `<script>` stays where the author put it.
 *
 * @packageDocumentation
 */
import type { Dataset, Problem } from '../model/types.js';
import { parseDataset } from '../model/parse.js';
import { importText } from '../io/import-text.js';
import type { ImportFormat } from '../io/import-result.js';
import { EMPTY_VIEW_STATE, patchViewState, type ViewState } from '../link/state.js';
import type { EntityView } from '../render/common/view.js';
import { createTimeline } from '../render/timeline/view.js';
import { createNetwork } from '../render/network/view.js';
import { createStoryline } from '../render/storyline/view.js';
import {
  DEFAULT_ELEMENT_HEIGHT,
  ELEMENT_ATTRIBUTES,
  attributeWindow,
  readElementConfig,
  resolveDataUrl,
  type ElementAttribute,
  type ElementConfig,
} from './attributes.js';
import { inlineDataText } from './inline.js';
import { describeFailure, describeRead, shorten, type ElementStatus, type ElementStatusKind, type ReadSummary } from './status.js';

/** The `type`s of an inline data `<script>` child, and the file name that hints its format. */
const INLINE_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'application/json': 'inline.json',
  'text/csv': 'inline.csv',
  'text/tab-separated-values': 'inline.tsv',
});

/** Attributes whose change needs the data read again, the view drawn again, or only a new state. */
const DATA_ATTRIBUTES = new Set<string>(['src', 'format']);
const STATE_ATTRIBUTES = new Set<string>(['from', 'to', 'actor']);

/** The name of the DOM event that carries a reader's state change. */
export const STATECHANGE_EVENT = 'entity-timeline:statechange';

/**
 * In Node (no DOM) the module must still import, so the class extends a stand-in there; it is
 * only ever constructed where `HTMLElement` exists.
 */
const Base: typeof HTMLElement = typeof HTMLElement === 'function' ? HTMLElement : (class {} as unknown as typeof HTMLElement);

const styled = new WeakMap<Document, Set<string>>();

/**
 * The `<entity-timeline>` element. Define it with `defineEntityTimelineElement()` (the
 * browser bundle does so on load), then write it in HTML:
 *
 * - data from `src` (an http(s) or relative address, fetched with the page's credentials for
 *   its own origin only) or from an inline `<script type="application/json">` (or
 *   `text/csv`, `text/tab-separated-values`) child, which is read as text and never run;
 *   `format` (`auto`, `json`, `csv`, `tsv`, `timelinejs`, `gdelt`, `acled`) overrides detection;
 * - `view` (`timeline`, `network`, `storyline`), `theme` (`light`, `dark`), `lanes`
 *   (`actor`, `category`, `none`), `renderer` (`auto`, `svg`, `canvas`), `height` (pixels),
 *   `title` (the chart's accessible title);
 * - `from` / `to` (dates such as `2024-03`) set the visible window and `actor` the selected
 *   actor; changing them moves the view without drawing it again.
 *
 * Records that cannot be read are left out and counted in a status area (`role="status"`)
 * with a list of reasons. Reader interactions are dispatched as `entity-timeline:statechange`
 * events whose `detail` is the state patch (they bubble and cross shadow roots).
 *
 * @example
 * ```html
 * <script src="https://unpkg.com/entity-timeline/dist/entity-timeline.min.js"></script>
 * <entity-timeline src="events.json" view="timeline" from="2024-01" to="2024-06" theme="dark"></entity-timeline>
 * <script>
 *   document.addEventListener('entity-timeline:statechange', (e) => console.log(e.detail));
 * </script>
 * ```
 */
export class EntityTimelineElement extends Base {
  /** The attributes the element follows. */
  static get observedAttributes(): string[] {
    return [...ELEMENT_ATTRIBUTES];
  }

  #connected = false;
  #parts: { status: HTMLElement; message: HTMLElement; details: HTMLDetailsElement; list: HTMLUListElement; chart: HTMLElement } | null = null;
  #config: ElementConfig = readElementConfig(() => null).config;
  #attributeProblems: readonly string[] = [];
  #view: EntityView | null = null;
  #viewWidth = 0;
  #dataset: Dataset | null = null;
  /** What the dataset was read from (`null` when a script set it), to skip reading it twice. */
  #loadedKey: string | null = null;
  #scripted = false;
  #read: ReadSummary | null = null;
  #failure: string | null = null;
  /** Why the last drawing failed (an option the view refused), or `null`. */
  #drawError: string | null = null;
  #loading = false;
  #state: ViewState = EMPTY_VIEW_STATE;
  #generation = 0;
  #abort: AbortController | null = null;
  #pending = { data: false, view: false, state: false };
  #queued = false;
  #readyPromise: Promise<void> = Promise.resolve();
  #resolveReady: (() => void) | null = null;
  #mutations: MutationObserver | null = null;
  #resize: ResizeObserver | null = null;
  #waitForParser: (() => void) | null = null;
  #status: ElementStatusKind = 'empty';

  /**
   * The dataset shown, or `null` before any has been read. (Not `dataset`: that is every
   * element's map of `data-*` attributes, which pages and analytics scripts rely on.)
   */
  get data(): Dataset | null {
    return this.#dataset;
  }

  /** Sets the data from a script, like {@link EntityTimelineElement.setData}; `null` clears it. */
  set data(value: Dataset | object | null) {
    if (value === null) {
      this.#scripted = true;
      this.#abortLoad();
      this.#takeData(null, null, null);
      this.#schedule('view');
    } else this.setData(value);
  }

  /** The view state shown (window, hover and selection). */
  get state(): ViewState {
    return this.#state;
  }

  /** The view drawn (its `node`, `layout`…), or `null` while there is none. */
  get view(): EntityView | null {
    return this.#view;
  }

  /** Every problem found in the data shown (records left out, warnings). */
  get problems(): readonly Problem[] {
    return this.#read?.problems ?? [];
  }

  /** `empty` (no data), `loading`, `ready`, `warning` (drawn, with problems) or `error`. */
  get status(): ElementStatusKind {
    return this.#status;
  }

  /**
   * Resolves once the element has read its data and drawn it (or said why it could not).
   * It never rejects: failures are shown in the status area and in {@link status}.
   */
  get ready(): Promise<void> {
    return this.#readyPromise;
  }

  /**
   * Shows a dataset given by a script: a parsed `Dataset`, or input in the library's JSON
   * format (read leniently; records that cannot be read are counted in the status area). It
   * replaces data read from `src` or an inline script until one of those changes.
   *
   * @example
   * ```ts
   * const el = document.querySelector('entity-timeline');
   * el.setData(EntityTimeline.parseDataset(json));
   * ```
   */
  setData(data: Dataset | object): void {
    this.#scripted = true;
    this.#abortLoad();
    if (isDataset(data)) this.#takeData(data, { events: data.events.length, rejected: 0, problems: [] }, null);
    else {
      const { dataset, problems, rejected } = parseDataset(data, { mode: 'lenient' });
      this.#takeData(dataset, { events: dataset.events.length, rejected: rejected.filter((r) => r.path.startsWith('events[')).length, problems }, null);
    }
    this.#schedule('view');
  }

  /**
   * Shows a view state set by a script (for example from another linked view). Like a view's
   * own `setState`, it dispatches no `entity-timeline:statechange`.
   */
  setState(patch: Partial<ViewState>): void {
    this.#state = patchViewState(this.#state, patch);
    this.#view?.setState(this.#state);
  }

  /** Reads the data and draws it (after the document is parsed, so inline data is complete). */
  connectedCallback(): void {
    this.#connected = true;
    const doc = this.ownerDocument;
    // An element upgraded while the parser is still inside it has no children yet: its inline
    // data arrives later, so wait for the document to be parsed.
    if (doc.readyState === 'loading') {
      if (!this.#waitForParser) {
        const go = (): void => {
          this.#waitForParser = null;
          if (this.#connected) this.connectedCallback();
        };
        doc.addEventListener('DOMContentLoaded', go, { once: true });
        this.#waitForParser = () => doc.removeEventListener('DOMContentLoaded', go);
      }
      this.#busy();
      return;
    }
    this.#ensureStyle();
    this.#ensureParts();
    this.#observe();
    this.#schedule('data');
  }

  /** Stops a pending fetch and destroys the view, its listeners and observers. */
  disconnectedCallback(): void {
    this.#connected = false;
    this.#waitForParser?.();
    this.#waitForParser = null;
    this.#mutations?.disconnect();
    this.#mutations = null;
    this.#resize?.disconnect();
    this.#resize = null;
    this.#abortLoad();
    this.#destroyView();
    this.#idle();
  }

  /** Reads the data again (`src`, `format`), moves the view (`from`, `to`, `actor`) or draws it again. */
  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (previous === next) return;
    if (DATA_ATTRIBUTES.has(name)) {
      this.#scripted = false;
      this.#schedule('data');
    } else this.#schedule(STATE_ATTRIBUTES.has(name) ? 'state' : 'view');
  }

  // ---- scheduling: several attribute changes in one task draw once ----

  #schedule(what: 'data' | 'view' | 'state'): void {
    this.#pending[what] = true;
    if (!this.#connected) return;
    this.#busy();
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#flush();
    });
  }

  #flush(): void {
    if (!this.#connected || !this.#parts) return this.#idle();
    this.#ensureParts();
    const pending = this.#pending;
    this.#pending = { data: false, view: false, state: false };
    const previous = this.#config;
    const read = readElementConfig((name: ElementAttribute) => this.getAttribute(name));
    this.#config = read.config;
    this.#attributeProblems = read.problems;
    this.#state = patchViewState(this.#state, this.#attributePatch(previous));
    if (pending.data && !this.#scripted && this.#load()) return; // drawn when the fetch ends
    if (pending.data || pending.view || !this.#view) this.#render();
    else {
      this.#view.setState(this.#state);
      this.#showStatus();
    }
    this.#idle();
  }

  #busy(): void {
    if (!this.#resolveReady) this.#readyPromise = new Promise((resolve) => (this.#resolveReady = resolve));
  }

  #idle(): void {
    const resolve = this.#resolveReady;
    this.#resolveReady = null;
    if (!resolve) return;
    // A view that draws over several tasks (the network lays out in slices) has its own
    // `ready`; the element is drawn when its view is. A destroyed view releases it.
    const drawn = (this.#view as { readonly ready?: unknown } | null)?.ready;
    if (drawn instanceof Promise) drawn.then(resolve, resolve);
    else resolve();
  }

  // ---- data ----

  /** The inline data script: the first direct child `<script>` of a data type. */
  #inlineScript(): HTMLScriptElement | null {
    for (const child of Array.from(this.children)) {
      if (child.localName === 'script' && (child.getAttribute('type') ?? '').trim().toLowerCase() in INLINE_TYPES) return child as HTMLScriptElement;
    }
    return null;
  }

  /** Reads the data when its source changed; returns true when a fetch was started. */
  #load(): boolean {
    const { src, format } = this.#config;
    if (src !== null) {
      const url = resolveDataUrl(src, this.ownerDocument.baseURI);
      const key = `src ${format} ${url ?? src}`;
      if (key === this.#loadedKey && this.#dataset) return false;
      this.#abortLoad();
      if (url === undefined) {
        this.#fail(`The data address "${shorten(src)}" was not loaded: only http and https addresses (or addresses relative to the page) can be used.`);
        return false;
      }
      this.#fetch(url, key, format);
      return true;
    }
    this.#abortLoad();
    const script = this.#inlineScript();
    if (!script) {
      this.#takeData(null, null, null);
      return false;
    }
    const type = (script.getAttribute('type') ?? '').trim().toLowerCase();
    // textContent, not innerHTML or evaluation: the script is data and is never run.
    const text = inlineDataText(script.textContent ?? '');
    const key = `inline ${format} ${type} ${text}`;
    if (key === this.#loadedKey && this.#dataset) return false;
    this.#import(text, INLINE_TYPES[type] ?? 'inline.json', format, key);
    return false;
  }

  #fetch(url: string, key: string, format: 'auto' | ImportFormat): void {
    const generation = ++this.#generation;
    const controller = new AbortController();
    this.#abort = controller;
    this.#loading = true;
    this.#failure = null;
    this.#showStatus();
    this.#parts?.chart.setAttribute('aria-busy', 'true');
    const fileName = lastSegment(url);
    const current = (): boolean => generation === this.#generation && this.#connected;
    Promise.resolve()
      .then(() => globalThis.fetch(url, { credentials: 'same-origin', signal: controller.signal }))
      .then(async (response) => {
        if (!response.ok) throw new Error(`the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
        return response.text();
      })
      .then(
        (text) => {
          if (!current()) return;
          this.#loading = false;
          this.#import(text, fileName, format, key);
          this.#render();
        },
        (error: unknown) => {
          if (!current()) return;
          this.#loading = false;
          const reason = error instanceof Error ? error.message : String(error);
          this.#fail(`The data at "${shorten(fileName || url)}" could not be loaded: ${reason}.`);
          this.#render();
        },
      )
      .finally(() => {
        if (current()) {
          this.#abort = null;
          this.#idle();
        }
      });
  }

  #import(text: string, fileName: string, format: 'auto' | ImportFormat, key: string): void {
    try {
      const result = importText(text, { format, fileName });
      this.#takeData(result.dataset, { events: result.dataset.events.length, rejected: result.counts.rejected, problems: result.problems }, key);
    } catch (error) {
      this.#fail(`The data could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #takeData(dataset: Dataset | null, read: ReadSummary | null, key: string | null): void {
    // A script may set data before the element was ever drawn: read the attributes now so the
    // state below follows them.
    const config = readElementConfig((name: ElementAttribute) => this.getAttribute(name));
    this.#config = config.config;
    this.#attributeProblems = config.problems;
    this.#dataset = dataset;
    this.#read = read;
    this.#loadedKey = key;
    this.#failure = null;
    this.#loading = false;
    // New data: what was hovered or selected may not exist in it; the attributes still hold.
    this.#state = patchViewState(EMPTY_VIEW_STATE, this.#attributeState());
  }

  #fail(message: string): void {
    this.#takeData(null, null, null);
    this.#failure = message;
  }

  #abortLoad(): void {
    this.#generation++;
    this.#abort?.abort();
    this.#abort = null;
    this.#loading = false;
    this.#parts?.chart.removeAttribute('aria-busy');
  }

  // ---- drawing ----

  #attributeState(): Partial<ViewState> {
    return { window: attributeWindow(this.#config, this.#dataset?.extent), selectedActor: this.#config.actor };
  }

  /** The state change asked for by `from`, `to` and `actor` attributes that changed. */
  #attributePatch(previous: ElementConfig): Partial<ViewState> {
    const next = this.#config;
    const patch: { -readonly [K in keyof ViewState]?: ViewState[K] } = {};
    if (previous.from !== next.from || previous.to !== next.to) patch.window = attributeWindow(next, this.#dataset?.extent);
    if (previous.actor !== next.actor) patch.selectedActor = next.actor;
    return patch;
  }

  #destroyView(): void {
    this.#view?.destroy();
    this.#view = null;
  }

  #render(): void {
    if (!this.#connected) return;
    this.#ensureParts();
    const parts = this.#parts!;
    this.#drawError = null;
    this.#destroyView();
    parts.chart.replaceChildren();
    parts.chart.removeAttribute('aria-busy');
    const dataset = this.#dataset;
    if (dataset && dataset.events.length > 0) {
      try {
        this.#view = this.#createView(parts.chart, dataset);
        this.#viewWidth = parts.chart.clientWidth;
        this.#view.on('statechange', (patch) => {
          this.#state = patchViewState(this.#state, patch);
          const Event = this.ownerDocument.defaultView?.CustomEvent ?? CustomEvent;
          this.dispatchEvent(new Event(STATECHANGE_EVENT, { detail: patch, bubbles: true, composed: true }));
        });
      } catch (error) {
        this.#destroyView();
        parts.chart.replaceChildren();
        this.#drawError = `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.#showStatus();
  }

  #createView(chart: HTMLElement, dataset: Dataset): EntityView {
    const c = this.#config;
    const title = c.title === null ? {} : { title: c.title };
    const height = c.height;
    switch (c.view) {
      case 'timeline':
        return createTimeline(chart, dataset, { ...title, theme: c.theme, lanes: c.lanes, renderer: c.renderer, height, state: this.#state });
      case 'network':
        return createNetwork(chart, dataset, {
          ...title,
          theme: c.theme,
          renderer: c.renderer,
          height: typeof height === 'number' ? height : (DEFAULT_ELEMENT_HEIGHT.network as number),
          state: this.#state,
        });
      case 'storyline':
        return createStoryline(chart, dataset, { ...title, theme: c.theme, ...(typeof height === 'number' ? { height } : {}), state: this.#state });
    }
  }

  #currentStatus(): ElementStatus {
    const attributes = this.#attributeProblems;
    if (this.#loading) return { kind: 'loading', message: 'Loading the data…', details: attributes };
    const failure = this.#failure ?? this.#drawError;
    if (failure !== null) return describeFailure(failure, attributes);
    if (this.#read) return describeRead(this.#read, attributes);
    const hint = this.#scripted ? 'No data has been given yet.' : 'No data: give the element a src attribute or a <script type="application/json"> child with the events.';
    return { kind: 'empty', message: [hint, ...attributes.slice(0, 1)].join(' '), details: attributes.length > 1 ? attributes : [] };
  }

  #showStatus(): void {
    const parts = this.#parts;
    if (!parts) return;
    const status = this.#currentStatus();
    this.#status = status.kind;
    parts.status.dataset['kind'] = status.kind;
    if (parts.message.textContent !== status.message) parts.message.textContent = status.message;
    parts.list.replaceChildren(
      ...status.details.map((line) => {
        const item = this.ownerDocument.createElement('li');
        item.textContent = line;
        return item;
      }),
    );
    parts.details.hidden = status.details.length === 0;
  }

  // ---- structure ----

  /** Adds the status area and the chart container, again if page code replaced the children. */
  #ensureParts(): void {
    if (this.#parts && this.#parts.status.parentNode === this && this.#parts.chart.parentNode === this) return;
    if (this.#parts) {
      this.#destroyView();
      this.#parts.status.remove();
      this.#parts.chart.remove();
    }
    const doc = this.ownerDocument;
    const status = doc.createElement('div');
    status.className = 'et-element-status';
    const message = doc.createElement('p');
    message.className = 'et-element-message';
    message.setAttribute('role', 'status');
    const details = doc.createElement('details');
    details.className = 'et-element-details';
    details.hidden = true;
    const summary = doc.createElement('summary');
    summary.textContent = 'Details';
    const list = doc.createElement('ul');
    details.append(summary, list);
    status.append(message, details);
    const chart = doc.createElement('div');
    chart.className = 'et-element-chart';
    // The host's `title` attribute names the chart; an empty title here keeps browsers from also
    // showing it as a native tooltip over every mark (HTML looks for the nearest title).
    status.title = '';
    chart.title = '';
    this.append(status, chart);
    this.#parts = { status, message, details, list, chart };
    this.#resize?.disconnect();
    this.#resize?.observe(chart);
  }

  /** Follows edits of the inline data, and the width for the network (which does not itself). */
  #observe(): void {
    const win = this.ownerDocument.defaultView;
    if (!this.#mutations && win?.MutationObserver) {
      this.#mutations = new win.MutationObserver((records) => {
        const script = this.#inlineScript();
        const touched = records.some((r) => r.target !== this || [...r.addedNodes, ...r.removedNodes].some((n) => n.nodeName.toLowerCase() === 'script'));
        if (touched) {
          this.#watchScript(script);
          if (this.#config.src === null) {
            this.#scripted = false;
            this.#schedule('data');
          }
        }
      });
      this.#mutations.observe(this, { childList: true });
      this.#watchScript(this.#inlineScript());
    }
    const Observer = (win as (Window & { ResizeObserver?: typeof ResizeObserver }) | null)?.ResizeObserver;
    if (!this.#resize && Observer && this.#parts) {
      this.#resize = new Observer(() => {
        const width = this.#parts?.chart.clientWidth ?? 0;
        if (this.#config.view === 'network' && this.#view && width > 0 && Math.abs(width - this.#viewWidth) >= 1) this.#schedule('view');
      });
      this.#resize.observe(this.#parts.chart);
    }
  }

  #watchScript(script: HTMLScriptElement | null): void {
    if (script) this.#mutations?.observe(script, { childList: true, characterData: true, subtree: true });
  }

  /** A zero-specificity stylesheet, once per document and element name, so pages can override it. */
  #ensureStyle(): void {
    const doc = this.ownerDocument;
    const names = styled.get(doc) ?? new Set<string>();
    styled.set(doc, names);
    const name = this.localName;
    if (names.has(name)) return;
    names.add(name);
    const tag = `:where(${name.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`)})`;
    const style = doc.createElement('style');
    style.dataset['entityTimeline'] = name;
    style.textContent = [
      `${tag} { display: block; min-width: 0; }`,
      `${tag} > .et-element-status { font-size: 0.875em; }`,
      `${tag} > .et-element-status > .et-element-message { margin: 0; }`,
      `${tag} > .et-element-status > .et-element-message:not(:empty) { margin: 0 0 0.5em; }`,
      `${tag} > .et-element-status[data-kind="error"] > .et-element-message { font-weight: 600; }`,
      `${tag} > .et-element-status > .et-element-details { margin: 0 0 0.5em; }`,
      `${tag} > .et-element-status > .et-element-details > ul { margin: 0.25em 0; padding-left: 1.5em; }`,
    ].join('\n');
    (doc.head ?? doc.documentElement).append(style);
  }
}

/** The file name an address ends in, for format detection and messages. */
function lastSegment(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // a malformed escape such as %E0: keep it as written
  }
}

function isDataset(value: object): value is Dataset {
  const v = value as Partial<Dataset>;
  return typeof v.event === 'function' && typeof v.actor === 'function' && Array.isArray(v.events);
}

declare global {
  interface HTMLElementTagNameMap {
    /** Defined by the browser bundle, or by `defineEntityTimelineElement()`. */
    'entity-timeline': EntityTimelineElement;
  }
}
