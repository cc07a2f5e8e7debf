// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { darkTheme, defineEntityTimelineElement, EntityTimelineElement, parseDataset, STATECHANGE_EVENT } from '../../src/index.js';
import type { ViewState } from '../../src/link/state.js';
import type { TimelineView } from '../../src/render/timeline/view.js';

// A registry accepts each name once per document, so every test defines its own.
let names = 0;
function defineName(): string {
  const name = `et-test-${++names}`;
  defineEntityTimelineElement(name);
  return name;
}

const DATA = {
  title: 'Kim and Putin',
  actors: [
    { id: 'kim', name: 'Kim Jong Un', kind: 'person' },
    { id: 'putin', name: 'Vladimir Putin', kind: 'person' },
    { id: 'shoigu', name: 'Sergei Shoigu', kind: 'person' },
  ],
  events: [
    { id: 'parade', title: 'Armistice parade', when: '2023-07-27', participants: ['kim', 'shoigu'] },
    { id: 'vostochny', title: 'Summit at Vostochny', when: '2023-09-13', participants: ['kim', 'putin'] },
    { id: 'pyongyang', title: 'Putin in Pyongyang', when: '2024-06-19', participants: ['putin', 'kim'] },
  ],
};

const CSV = ['date,title,actors', '2023-07-27,Armistice parade,Kim Jong Un;Sergei Shoigu', 'some day,Undated rumour,Kim Jong Un', '2023-09-13,Summit at Vostochny,Kim Jong Un;Vladimir Putin', ''].join('\n');

/** Writes the element into the page (markup is test input, so innerHTML is fine here) and waits for it. */
async function mount(name: string, attributes = '', inner = ''): Promise<EntityTimelineElement> {
  const host = document.createElement('div');
  host.innerHTML = `<${name} ${attributes}>${inner}</${name}>`;
  document.body.append(host);
  const element = host.firstElementChild as EntityTimelineElement;
  await element.ready;
  return element;
}

const json = (value: unknown) => `<script type="application/json">${JSON.stringify(value)}</script>`;
const statusText = (el: Element) => el.querySelector('[role=status]')?.textContent ?? '';
const detailLines = (el: Element) => [...el.querySelectorAll('.et-element-details li')].map((li) => li.textContent);
const eventMarks = (el: Element) => new Set([...el.querySelectorAll('[data-event-id]')].map((m) => m.getAttribute('data-event-id')));

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('<entity-timeline> data', () => {
  it('draws a timeline from an inline JSON script, with a quiet status area', async () => {
    const el = await mount(defineName(), '', json(DATA));
    expect(el.status).toBe('ready');
    expect(el.data?.events).toHaveLength(3);
    expect(eventMarks(el)).toEqual(new Set(['parade', 'vostochny', 'pyongyang']));
    expect(el.querySelector('.et-timeline-view')).not.toBeNull();
    expect(el.querySelector('[role=status]')).not.toBeNull();
    expect(statusText(el)).toBe('');
    // The inline data stays where the author put it.
    expect(el.querySelector(':scope > script[type="application/json"]')).not.toBeNull();
  });

  it('reads a text/csv script, draws the rows it can read and reports the rest in the status area', async () => {
    // Indented as authors write it inside HTML: rows are still numbered from the header.
    const el = await mount(defineName(), '', `<script type="text/csv">\n      ${CSV.split('\n').join('\n      ')}\n    </script>`);
    expect(el.data?.events.map((e) => e.title)).toEqual(['Armistice parade', 'Summit at Vostochny']);
    expect(el.status).toBe('warning');
    expect(statusText(el)).toBe('1 record could not be read; showing 2 events.');
    const lines = detailLines(el);
    expect(lines).toHaveLength(el.problems.filter((p) => p.severity === 'error').length + el.problems.filter((p) => p.severity === 'warning').length);
    expect(lines[0]).toMatch(/^line 3\b/); // the header is line 1
    expect((el.querySelector('.et-element-details') as HTMLDetailsElement).hidden).toBe(false);
  });

  it('detects a TimelineJS document in inline JSON, and the format attribute overrides detection', async () => {
    const timelinejs = { events: [{ start_date: { year: '2019', month: '4', day: '25' }, text: { headline: 'First summit' } }] };
    const detected = await mount(defineName(), '', json(timelinejs));
    expect(detected.data?.events.map((e) => e.title)).toEqual(['First summit']);
    const forced = await mount(defineName(), 'format="json"', json(timelinejs));
    expect(forced.data?.events ?? []).toHaveLength(0);
    expect(forced.status).toBe('error');
  });

  it('never treats a script of another type as data', async () => {
    const el = await mount(defineName(), '', `<script type="text/plain">${JSON.stringify(DATA)}</script>`);
    expect(el.data).toBeNull();
    expect(el.status).toBe('empty');
    expect(statusText(el)).toMatch(/^No data: give the element a src attribute/);
  });

  it('reads the data again when the inline script changes', async () => {
    const el = await mount(defineName(), '', json(DATA));
    el.querySelector('script')!.textContent = JSON.stringify({ ...DATA, events: DATA.events.slice(0, 1) });
    await vi.waitFor(() => expect(el.data?.events).toHaveLength(1));
    await el.ready;
    expect(eventMarks(el)).toEqual(new Set(['parade']));
  });

  it('draws again when page code replaces its children with new inline data', async () => {
    const el = await mount(defineName(), '', json(DATA));
    el.innerHTML = json({ ...DATA, events: DATA.events.slice(1) });
    await vi.waitFor(() => expect(el.data?.events).toHaveLength(2));
    await el.ready;
    expect(eventMarks(el)).toEqual(new Set(['vostochny', 'pyongyang']));
    expect(el.querySelectorAll(':scope > .et-element-chart, :scope > .et-element-status')).toHaveLength(2);
    expect(el.querySelector('[role=status]')).not.toBeNull();
  });

  it('fetches src relative to the document with same-origin credentials', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(DATA), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const el = await mount(defineName(), 'src="data/events.json"');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual([new URL('data/events.json', document.baseURI).href, expect.objectContaining({ credentials: 'same-origin' })]);
    expect(eventMarks(el).size).toBe(3);
    expect(el.status).toBe('ready');
  });

  it('shows that it is loading until the data arrives', async () => {
    let answer: (r: Response) => void = () => undefined;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))));
    const name = defineName();
    const host = document.createElement('div');
    host.innerHTML = `<${name} src="slow.json"></${name}>`;
    document.body.append(host);
    const el = host.firstElementChild as EntityTimelineElement;
    await vi.waitFor(() => expect(el.status).toBe('loading'));
    expect(statusText(el)).toBe('Loading the data…');
    expect(el.querySelector('.et-element-chart')?.getAttribute('aria-busy')).toBe('true');
    answer(new Response(JSON.stringify(DATA)));
    await el.ready;
    expect(el.status).toBe('ready');
    expect(el.querySelector('.et-element-chart')?.hasAttribute('aria-busy')).toBe(false);
  });

  it('detects the format of fetched data from its file name, even one with a malformed escape', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(CSV)));
    const el = await mount(defineName(), 'src="events%E0.csv"');
    expect(el.data?.events).toHaveLength(2);
    expect(statusText(el)).toBe('1 record could not be read; showing 2 events.');
  });

  it('reports a failed request by its status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('gone', { status: 404, statusText: 'Not Found' })));
    const el = await mount(defineName(), 'src="missing.json"');
    expect(el.status).toBe('error');
    expect(statusText(el)).toBe('The data at "missing.json" could not be loaded: the server answered 404 Not Found.');
    expect(el.view).toBeNull();
  });

  it('refuses a javascript: or data: src without fetching it, and says so', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    for (const src of ['javascript:alert(1)', 'data:application/json,{"events":[]}']) {
      const el = await mount(defineName(), `src='${src}'`, json(DATA));
      expect(el.status).toBe('error');
      expect(statusText(el)).toContain(`The data address "${src}" was not loaded: only http and https addresses`);
      expect(el.view).toBeNull();
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('takes data from a script through setData and the data property', async () => {
    const el = await mount(defineName());
    expect(el.status).toBe('empty');
    el.setData(parseDataset(DATA));
    await el.ready;
    expect(eventMarks(el).size).toBe(3);
    el.data = { events: [...DATA.events.slice(0, 2), { id: 'bad', title: 'No date' }], actors: DATA.actors };
    await el.ready;
    expect(eventMarks(el)).toEqual(new Set(['parade', 'vostochny']));
    expect(statusText(el)).toBe('1 record could not be read; showing 2 events.');
  });
});

describe('<entity-timeline> attributes', () => {
  it('follows from, to and actor with setState, without drawing the view again', async () => {
    const el = await mount(defineName(), '', json(DATA));
    const view = el.view!;
    const setState = vi.spyOn(view, 'setState');
    el.setAttribute('from', '2023-09');
    el.setAttribute('to', '2023-12');
    el.setAttribute('actor', 'putin');
    await el.ready;
    expect(el.view).toBe(view);
    expect(setState).toHaveBeenCalledTimes(1);
    const expected: Partial<ViewState> = { window: [Date.UTC(2023, 8, 1), Date.UTC(2024, 0, 1) - 1], selectedActor: 'putin' };
    expect(view.getState()).toMatchObject(expected);
    expect(el.state).toMatchObject(expected);
  });

  it('starts with the window and selection its attributes ask for', async () => {
    const el = await mount(defineName(), 'from="2024" actor="kim"', json(DATA));
    expect(el.view!.getState()).toMatchObject({ window: [Date.UTC(2024, 0, 1), el.data!.extent![1]], selectedActor: 'kim' });
  });

  it('draws the view again when view, theme or lanes change, once for several changes', async () => {
    const el = await mount(defineName(), '', json(DATA));
    const first = el.view!;
    const destroy = vi.spyOn(first, 'destroy');
    el.setAttribute('view', 'network');
    el.setAttribute('theme', 'dark');
    el.setAttribute('height', '400');
    await el.ready;
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(el.querySelectorAll('.et-element-chart > *')).toHaveLength(1);
    expect(el.querySelectorAll('[data-actor-id]').length).toBeGreaterThan(0);
    expect((el.view!.node as HTMLElement).style.getPropertyValue('--et-bg')).toBe(darkTheme.vars['--et-bg']);
    expect(el.querySelector('.et-element-chart svg')?.getAttribute('height')).toBe('400');
    el.setAttribute('view', 'storyline');
    await el.ready;
    expect(el.querySelector('.et-storyline-view')).not.toBeNull();
    expect(el.querySelector('.et-network-chart, .et-timeline-view')).toBeNull();
  });

  it('lays the timeline out in the lanes the lanes attribute asks for', async () => {
    const el = await mount(defineName(), 'lanes="none"', json(DATA));
    expect((el.view as TimelineView).layout.lanes).toHaveLength(1);
    el.setAttribute('lanes', 'actor');
    await el.ready;
    expect((el.view as TimelineView).layout.lanes).toHaveLength(3);
  });

  it('keeps the reader’s zoom and selection when only the theme changes', async () => {
    const el = await mount(defineName(), '', json(DATA));
    el.setState({ selectedEvent: 'vostochny' });
    el.setAttribute('theme', 'dark');
    await el.ready;
    expect(el.view!.getState().selectedEvent).toBe('vostochny');
  });

  it('shows attribute values it cannot use in the status area and draws with the defaults', async () => {
    const el = await mount(defineName(), 'view="graph"', json(DATA));
    expect(el.querySelector('.et-timeline-view')).not.toBeNull();
    expect(statusText(el)).toBe('view="graph" is not one of timeline, network, storyline; showing the timeline.');
    el.setAttribute('view', 'timeline');
    await el.ready;
    expect(statusText(el)).toBe('');
  });

  it('passes the title to the chart as its accessible name', async () => {
    const el = await mount(defineName(), 'title="Summits"', json(DATA));
    expect(el.querySelector('svg > title')?.textContent).toBe('Summits');
  });
});

describe('<entity-timeline> events and lifecycle', () => {
  it('dispatches the reader’s state changes as bubbling, composed DOM events', async () => {
    const el = await mount(defineName(), '', json(DATA));
    const seen: CustomEvent<Partial<ViewState>>[] = [];
    document.addEventListener(STATECHANGE_EVENT, (e) => seen.push(e as CustomEvent<Partial<ViewState>>), { once: true });
    el.querySelector('g.et-marks > rect[data-event-id="vostochny"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.detail).toEqual({ selectedEvent: 'vostochny' });
    expect(seen[0]!.bubbles && seen[0]!.composed).toBe(true);
    expect(seen[0]!.target).toBe(el);
    expect(el.state.selectedEvent).toBe('vostochny');
  });

  it('destroys its view when removed, and draws it again from the same data when put back', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(DATA)));
    vi.stubGlobal('fetch', fetch);
    const el = await mount(defineName(), 'src="events.json"');
    const view = el.view!;
    const destroy = vi.spyOn(view, 'destroy');
    const parent = el.parentElement!;
    el.remove();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(el.view).toBeNull();
    expect(el.querySelector('.et-element-chart')!.childElementCount).toBe(0);
    expect(el.querySelector('svg, [role=tooltip]')).toBeNull();
    parent.append(el);
    await el.ready;
    expect(eventMarks(el).size).toBe(3);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('ignores a response that arrives after the element was removed', async () => {
    let answer: (r: Response) => void = () => undefined;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))));
    const name = defineName();
    const host = document.createElement('div');
    host.innerHTML = `<${name} src="late.json"></${name}>`;
    document.body.append(host);
    const el = host.firstElementChild as EntityTimelineElement;
    await vi.waitFor(() => expect(el.status).toBe('loading'));
    el.remove();
    await el.ready; // removal settles it
    answer(new Response(JSON.stringify(DATA)));
    await new Promise((r) => setTimeout(r, 0));
    expect(el.view).toBeNull();
    expect(el.querySelector('svg')).toBeNull();
  });

  it('writes user text only as text: no markup from the data becomes elements, and no HTML parser is used', async () => {
    const hostile = '<img src=x onerror=globalThis.pwned=1>';
    const data = {
      actors: [{ id: 'a', name: hostile }],
      events: [
        { id: 'e1', title: hostile, when: '2024-01-01', participants: ['a'] },
        { id: 'e2', title: 'Bad date', when: hostile },
      ],
    };
    const spies = [
      vi.spyOn(Element.prototype, 'innerHTML', 'set'),
      vi.spyOn(Element.prototype, 'outerHTML', 'set'),
      vi.spyOn(Element.prototype, 'insertAdjacentHTML'),
    ];
    const name = defineName();
    const el = document.createElement(name) as EntityTimelineElement;
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(data);
    el.append(script);
    document.body.append(el);
    await el.ready;
    expect(eventMarks(el)).toEqual(new Set(['e1']));
    expect(el.querySelector('img')).toBeNull();
    expect(detailLines(el).join('\n')).toContain(hostile);
    expect(el.querySelector('.et-element-chart')!.textContent).toContain(hostile);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('defining the element', () => {
  it('does not define anything when the library is imported', () => {
    expect(customElements.get('entity-timeline')).toBeUndefined();
  });

  it('returns the same class for a name it defined, and refuses a name another element has', () => {
    const name = defineName();
    expect(defineEntityTimelineElement(name)).toBe(customElements.get(name));
    customElements.define('et-other', class extends HTMLElement {});
    expect(() => defineEntityTimelineElement('et-other')).toThrow('<et-other> is already defined by another element');
    expect(document.createElement(name)).toBeInstanceOf(EntityTimelineElement);
  });

  it('is defined on load by the browser bundle’s entry', async () => {
    await import('../../src/browser.js');
    expect(customElements.get('entity-timeline')?.prototype).toBeInstanceOf(EntityTimelineElement);
  });
});
