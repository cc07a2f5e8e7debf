// Shared by the matrix, arc and ego view tests: one jsdom for each file, the seed dataset and a
// small hostile dataset (an unsafe source URL, markup in names, dates of every precision).
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseDataset } from '../../src/model/parse.js';
import { parseWhen } from '../../src/model/dates.js';
import type { Dataset, EntityEvent } from '../../src/model/types.js';
import { actor, dataset } from '../layout/network-fixture.js';

export const seed = parseDataset(JSON.parse(readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8')));

export function makeDom(): { dom: JSDOM; container(): HTMLElement } {
  const dom = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true });
  return {
    dom,
    container() {
      dom.window.document.body.replaceChildren();
      const root = dom.window.document.createElement('div');
      dom.window.document.body.append(root);
      return root;
    },
  };
}

function ev(id: string, when: string, source: string, target: string, url: string): EntityEvent {
  return {
    id,
    title: `<img src=x onerror="alert('${id}')">`,
    when: parseWhen(when),
    participants: [
      { actor: source, role: 'source' },
      { actor: target, role: 'target' },
    ],
    tags: [],
    sources: [{ url, publisher: `Publisher ${id}` }],
  };
}

/** a acts on b twice (month and year precision, one unsafe link); b on c once (a day, circa). */
export function hostile(): Dataset {
  const a = { ...actor('a'), name: '<b>Alpha</b>' };
  return dataset(
    [a, actor('b', 'person'), actor('c', 'organisation')],
    [
      ev('m1', '2024-03', 'a', 'b', 'javascript:alert(1)'),
      ev('m2', '2023', 'a', 'b', 'https://example.org/m2'),
      ev('m3', '2024-06-19~', 'b', 'c', 'https://example.org/m3'),
    ],
  );
}

/** Dispatches a bubbling pointer or mouse event of `type` on `el`. */
export function fire(dom: JSDOM, el: Element, type: string, init: MouseEventInit = {}): void {
  const Ctor = type.startsWith('pointer') ? dom.window.PointerEvent ?? dom.window.MouseEvent : dom.window.MouseEvent;
  el.dispatchEvent(new Ctor(type, { bubbles: true, cancelable: true, ...init }));
}

/** Dispatches a keydown of `key` on `el`; returns whether the default was prevented. */
export function key(dom: JSDOM, el: Element, k: string): boolean {
  const event = new dom.window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event.defaultPrevented;
}
