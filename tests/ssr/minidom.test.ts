import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { createStaticDocument, isStaticDocument } from '../../src/ssr/minidom.js';

const SVG = 'http://www.w3.org/2000/svg';
// One jsdom document for every comparison: trees are built detached, and a JSDOM is slow to make.
const jsdom = new JSDOM('').window.document;
const XHTML = 'http://www.w3.org/1999/xhtml';

function svgTree(): { document: Document; svg: SVGSVGElement } {
  const document = createStaticDocument();
  const svg = document.createElementNS(SVG, 'svg');
  document.body?.appendChild(svg);
  return { document, svg };
}

const names = (nodes: ArrayLike<Node>): string[] =>
  Array.from(nodes, (node) => (node instanceof Object && 'id' in node && (node as Element).id) || node.nodeName);

describe('createStaticDocument', () => {
  it('is an HTML-like document whose root is <html> in the XHTML namespace, with no window', () => {
    const document = createStaticDocument();
    expect(isStaticDocument(document)).toBe(true);
    expect(isStaticDocument(jsdom)).toBe(false);
    expect(document.nodeType).toBe(9);
    expect(document.documentElement.namespaceURI).toBe(XHTML);
    expect(document.documentElement.tagName).toBe('HTML');
    expect(document.body?.parentNode).toBe(document.documentElement);
    expect(document.defaultView).toBeNull();
  });

  it('creates namespaced and HTML elements with DOM names', () => {
    const document = createStaticDocument();
    const rect = document.createElementNS(SVG, 'linearGradient');
    expect([rect.namespaceURI, rect.localName, rect.tagName, rect.nodeName]).toEqual([SVG, 'linearGradient', 'linearGradient', 'linearGradient']);
    const div = document.createElement('DIV');
    expect([div.namespaceURI, div.localName, div.tagName]).toEqual([XHTML, 'div', 'DIV']);
    expect(rect.ownerDocument).toBe(document);
    expect(() => document.createElementNS(SVG, 'a b')).toThrow(/not a valid element name/);
  });
});

describe('the node tree', () => {
  it('appends, inserts and removes children, keeping sibling links and cached lists current', () => {
    const { document, svg } = svgTree();
    const [a, b, c] = ['a', 'b', 'c'].map((id) => {
      const g = document.createElementNS(SVG, 'g');
      g.id = id;
      return g;
    }) as [SVGGElement, SVGGElement, SVGGElement];
    svg.appendChild(a);
    svg.appendChild(c);
    const before = svg.childNodes;
    svg.insertBefore(b, c);
    expect(names(before)).toEqual(['a', 'c']); // a snapshot, never changed under the caller
    expect(names(svg.childNodes)).toEqual(['a', 'b', 'c']);
    expect(names(svg.children)).toEqual(['a', 'b', 'c']);
    expect([svg.firstChild, svg.lastChild, b.previousSibling, b.nextSibling, a.previousSibling, c.nextSibling]).toEqual([a, c, a, c, null, null]);
    expect([b.parentNode, b.parentElement, svg.firstElementChild, a.nextElementSibling, c.previousElementSibling]).toEqual([svg, svg, a, b, b]);
    svg.removeChild(b);
    expect(names(svg.childNodes)).toEqual(['a', 'c']);
    expect([b.parentNode, b.previousSibling, b.nextSibling, a.nextSibling]).toEqual([null, null, null, c]);
    c.remove();
    expect(names(svg.childNodes)).toEqual(['a']);
  });

  it('moves a node that is already in the tree instead of duplicating it', () => {
    const { document, svg } = svgTree();
    const g = svg.appendChild(document.createElementNS(SVG, 'g'));
    const rect = g.appendChild(document.createElementNS(SVG, 'rect'));
    const circle = svg.appendChild(document.createElementNS(SVG, 'circle'));
    svg.insertBefore(rect, g);
    expect(names(svg.childNodes)).toEqual(['rect', 'g', 'circle']);
    expect(g.childNodes).toHaveLength(0);
    svg.appendChild(rect);
    expect(names(svg.childNodes)).toEqual(['g', 'circle', 'rect']);
    svg.insertBefore(circle, circle);
    expect(names(svg.childNodes)).toEqual(['g', 'circle', 'rect']);
  });

  it('refuses to insert a node into itself or before a node of another parent', () => {
    const { document, svg } = svgTree();
    const g = svg.appendChild(document.createElementNS(SVG, 'g'));
    expect(() => g.appendChild(svg)).toThrow(/into itself or its descendants/);
    expect(() => svg.insertBefore(document.createElementNS(SVG, 'g'), document.createElementNS(SVG, 'g'))).toThrow(/reference node/);
    expect(() => g.removeChild(svg)).toThrow(/not a child/);
  });

  it('inserts the children of a fragment and empties it', () => {
    const { document, svg } = svgTree();
    const fragment = document.createDocumentFragment();
    fragment.append(document.createElementNS(SVG, 'rect'), 'text');
    svg.append(fragment);
    expect(names(svg.childNodes)).toEqual(['rect', '#text']);
    expect(fragment.childNodes).toHaveLength(0);
  });

  it('sets textContent as one text node and reads it from all descendants', () => {
    const { document, svg } = svgTree();
    const text = svg.appendChild(document.createElementNS(SVG, 'text'));
    text.appendChild(document.createElementNS(SVG, 'tspan')).textContent = 'Hello ';
    text.appendChild(document.createTextNode('world'));
    expect(svg.textContent).toBe('Hello world');
    text.textContent = 'replaced';
    expect(names(text.childNodes)).toEqual(['#text']);
    expect(text.firstChild?.nodeValue).toBe('replaced');
    text.textContent = '';
    expect(text.childNodes).toHaveLength(0);
    const node = document.createTextNode('a');
    node.nodeValue = 'b';
    expect([node.data, node.textContent]).toEqual(['b', 'b']);
  });

  it('replaces all children with replaceChildren', () => {
    const { document, svg } = svgTree();
    svg.append(document.createElementNS(SVG, 'rect'), document.createElementNS(SVG, 'circle'));
    const line = document.createElementNS(SVG, 'line');
    svg.replaceChildren(line, 'label');
    expect(names(svg.childNodes)).toEqual(['line', '#text']);
  });

  it('clones attributes and, when deep, children, but not bound data', () => {
    const { document, svg } = svgTree();
    const g = svg.appendChild(document.createElementNS(SVG, 'g'));
    g.setAttribute('class', 'lane');
    g.style.setProperty('fill', 'red');
    g.appendChild(document.createElementNS(SVG, 'rect')).setAttribute('width', '3');
    (g as unknown as { __data__: unknown }).__data__ = { id: 1 };
    const shallow = g.cloneNode(false) as Element;
    const deep = g.cloneNode(true) as Element;
    expect([shallow.getAttribute('class'), shallow.childNodes.length, shallow.parentNode]).toEqual(['lane', 0, null]);
    expect(deep.firstElementChild?.getAttribute('width')).toBe('3');
    expect((deep as unknown as { style: CSSStyleDeclaration }).style.getPropertyValue('fill')).toBe('red');
    expect('__data__' in deep).toBe(false);
    deep.setAttribute('class', 'changed');
    expect(g.getAttribute('class')).toBe('lane');
  });

  it('knows containment and its root', () => {
    const { document, svg } = svgTree();
    const g = svg.appendChild(document.createElementNS(SVG, 'g'));
    expect([svg.contains(g), g.contains(svg), g.contains(g), g.isConnected]).toEqual([true, false, true, true]);
    expect(document.createElementNS(SVG, 'g').isConnected).toBe(false);
  });
});

describe('compareDocumentPosition', () => {
  it('reports following, preceding, containing, contained and disconnected nodes', () => {
    const { document, svg } = svgTree();
    const a = svg.appendChild(document.createElementNS(SVG, 'g'));
    const a1 = a.appendChild(document.createElementNS(SVG, 'rect'));
    const b = svg.appendChild(document.createElementNS(SVG, 'g'));
    const b1 = b.appendChild(document.createElementNS(SVG, 'rect'));
    const loose = document.createElementNS(SVG, 'g');
    expect(a.compareDocumentPosition(b)).toBe(4);
    expect(b.compareDocumentPosition(a)).toBe(2);
    expect(a1.compareDocumentPosition(b1)).toBe(4);
    expect(b1.compareDocumentPosition(a)).toBe(2);
    expect(a.compareDocumentPosition(a1)).toBe(16 | 4);
    expect(a1.compareDocumentPosition(svg)).toBe(8 | 2);
    expect(a.compareDocumentPosition(a)).toBe(0);
    const forward = a.compareDocumentPosition(loose);
    const backward = loose.compareDocumentPosition(a);
    expect(forward & 1 && forward & 32 && backward & 1 && backward & 32).toBeTruthy();
    expect((forward & 6) + (backward & 6)).toBe(6); // one says following, the other preceding
  });

  it('stays correct after a hundred insertions at the same place', () => {
    const { document, svg } = svgTree();
    const last = svg.appendChild(document.createElementNS(SVG, 'g'));
    const first = svg.appendChild(document.createElementNS(SVG, 'g'));
    svg.insertBefore(first, last);
    const inserted: Element[] = [];
    for (let i = 0; i < 100; i++) inserted.push(svg.insertBefore(document.createElementNS(SVG, 'g'), last));
    const order = [first, ...inserted, last];
    expect(Array.from(svg.childNodes)).toEqual(order);
    for (let i = 1; i < order.length; i++) expect(order[i - 1]?.compareDocumentPosition(order[i] as Node)).toBe(4);
  });

  it('agrees with jsdom on trees built by random appends, inserts, moves and removals', () => {
    type Op = { kind: 'append' | 'insert' | 'remove'; node: number; parent: number; ref: number };
    const op = fc.record({
      kind: fc.constantFrom<Op['kind']>('append', 'insert', 'remove'),
      node: fc.nat(11),
      parent: fc.nat(11),
      ref: fc.nat(11),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const build = (document: Document): Element[] => {
          const root = document.createElementNS(SVG, 'svg');
          const nodes = [root, ...Array.from({ length: 11 }, () => document.createElementNS(SVG, 'g'))];
          for (const { kind, node, parent, ref } of ops) {
            const n = nodes[node] as Element;
            const p = nodes[parent] as Element;
            const r = nodes[ref] as Element;
            try {
              if (kind === 'append') p.appendChild(n);
              else if (kind === 'insert') p.insertBefore(n, r.parentNode === p ? r : null);
              else n.remove();
            } catch {
              // Both DOMs refuse the same cycles; what matters is that they end in the same state.
            }
          }
          return nodes;
        };
        const mine = build(createStaticDocument());
        const theirs = build(jsdom);
        // Disconnected order is implementation-specific; only the defined bits are compared then.
        const shape = (nodes: Element[]): unknown[] =>
          nodes.map((node) => ({
            parent: nodes.indexOf(node.parentNode as Element),
            children: Array.from(node.childNodes, (child) => nodes.indexOf(child as Element)),
            positions: nodes.map((other) => {
              const position = node.compareDocumentPosition(other);
              return position & 1 ? position & ~6 : position;
            }),
          }));
        expect(shape(mine)).toEqual(shape(theirs));
      }),
      { numRuns: 100, seed: 42 },
    );
  });
});

describe('attributes', () => {
  it('sets, reads, lists and removes attributes in insertion order', () => {
    const { svg } = svgTree();
    svg.setAttribute('width', 10 as unknown as string);
    svg.setAttribute('viewBox', '0 0 1 1');
    svg.setAttribute('width', '20');
    expect(svg.getAttribute('width')).toBe('20');
    expect(svg.getAttribute('viewbox')).toBeNull(); // SVG attribute names are case-sensitive
    expect(Array.from(svg.attributes, (a) => `${a.name}=${a.value}`)).toEqual(['width=20', 'viewBox=0 0 1 1']);
    expect(svg.hasAttribute('viewBox')).toBe(true);
    svg.removeAttribute('viewBox');
    expect(svg.hasAttribute('viewBox')).toBe(false);
    expect(() => svg.setAttribute('"><x', '1')).toThrow(/not a valid attribute name/);
  });

  it('keeps namespaced attributes apart from no-namespace ones', () => {
    const { svg } = svgTree();
    const XLINK = 'http://www.w3.org/1999/xlink';
    svg.setAttributeNS(XLINK, 'xlink:href', '#a');
    svg.setAttribute('href', '#b');
    expect([svg.getAttributeNS(XLINK, 'href'), svg.getAttribute('href'), svg.getAttribute('xlink:href')]).toEqual(['#a', '#b', '#a']);
    const attr = svg.attributes[0];
    expect([attr?.namespaceURI, attr?.prefix, attr?.localName, attr?.name]).toEqual([XLINK, 'xlink', 'href', 'xlink:href']);
    svg.removeAttributeNS(XLINK, 'href');
    expect(svg.hasAttributeNS(XLINK, 'href')).toBe(false);
    expect(() => svg.setAttributeNS(null, 'x:y', '1')).toThrow(/does not fit namespace/);
  });

  it('reflects id and className', () => {
    const { svg } = svgTree();
    svg.id = 'chart';
    (svg as unknown as { className: string }).className = 'a b';
    expect([svg.getAttribute('id'), svg.getAttribute('class')]).toEqual(['chart', 'a b']);
  });

  it('edits the class attribute through classList', () => {
    const { svg } = svgTree();
    svg.classList.remove('absent');
    expect(svg.hasAttribute('class')).toBe(false); // as in the DOM: no empty attribute appears
    svg.classList.add('a', 'b', 'a');
    expect(svg.getAttribute('class')).toBe('a b');
    expect(svg.classList.toggle('a')).toBe(false);
    expect(svg.classList.toggle('c', true)).toBe(true);
    expect([svg.getAttribute('class'), svg.classList.contains('b'), svg.classList.contains('a')]).toEqual(['b c', true, false]);
    svg.setAttribute('class', '  x\ty  ');
    expect([...svg.classList]).toEqual(['x', 'y']);
    expect(() => svg.classList.add('two words')).toThrow(/white space/);
  });

  it('keeps the style declaration and the style attribute in step', () => {
    const { svg } = svgTree();
    svg.style.setProperty('fill', 'red');
    svg.style.setProperty('stroke-width', '2px', 'important');
    svg.style.setProperty('fill', 'blue'); // updated in place
    expect(svg.getAttribute('style')).toBe('fill: blue; stroke-width: 2px !important;');
    expect([svg.style.getPropertyValue('FILL'), svg.style.getPropertyPriority('stroke-width')]).toEqual(['blue', 'important']);
    svg.style.removeProperty('fill');
    svg.style.setProperty('stroke-width', null);
    expect(svg.getAttribute('style')).toBe('');
    svg.setAttribute('style', 'opacity:0.5; font: 12px "a;b", sans-serif ; color: red !IMPORTANT');
    expect([svg.style.getPropertyValue('opacity'), svg.style.getPropertyValue('font'), svg.style.getPropertyPriority('color')]).toEqual([
      '0.5',
      '12px "a;b", sans-serif',
      'important',
    ]);
  });

  it('ignores style values that would end the declaration, as a browser ignores invalid values', () => {
    const { svg } = svgTree();
    svg.style.setProperty('fill', 'red; background: url(x)');
    svg.style.setProperty('stroke', 'blue } * { color: red');
    expect(svg.hasAttribute('style')).toBe(false);
  });
});

describe('selectors', () => {
  function tree(document: Document): Element {
    const svg = document.createElementNS(SVG, 'svg');
    const add = (parent: Element, name: string, attrs: Record<string, string> = {}): Element => {
      const element = parent.appendChild(document.createElementNS(SVG, name));
      for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
      return element;
    };
    const lanes = add(svg, 'g', { class: 'lanes' });
    for (const i of [0, 1, 2]) {
      const lane = add(lanes, 'g', { class: i === 1 ? 'lane selected' : 'lane', 'data-key': `k${i}`, id: `lane${i}` });
      add(lane, 'rect', { class: 'bar' });
      add(add(lane, 'g', { class: 'inner lane' }), 'text', { 'text-anchor': 'end' });
    }
    add(svg, 'g', { class: 'x-axis a:b', 'data-key': 'q"x\\y' });
    add(svg, 'foreignObject');
    return svg;
  }
  const selectors = [
    'g', '*', '.lane', 'g.lane.selected', '#lane2', '[data-key]', '[data-key=k1]', '[data-key="k2"]', "[text-anchor='end']",
    'g.lanes > g.lane', '.lanes .bar', 'svg > g', 'g g text', 'g > text', '.x-axis, .bar, .lanes', 'foreignObject', 'rect, rect',
    ':scope > g', ':scope > g.lanes > .lane', ':scope .inner > text',
    ':not(.lane)', 'g:not(.selected):not([data-key=k0])', 'g.lane:not(.inner, .selected) > rect', '.a\\:b', '#lane\\31',
    '[data-key="q\\"x\\\\y"]', "[data-key='q\"x\\\\y']", '.\\78-axis',
  ];

  it.each(selectors)('selects %j as jsdom does', (selector) => {
    const ids = (root: Element, found: ArrayLike<Element>): string[] => {
      const all = Array.from(root.querySelectorAll('*'));
      return Array.from(found, (element) => String(all.indexOf(element)));
    };
    const mine = tree(createStaticDocument());
    const theirs = tree(jsdom);
    expect(theirs.querySelectorAll(selector).length).toBeGreaterThan(0); // every case selects something
    expect(ids(mine, mine.querySelectorAll(selector))).toEqual(ids(theirs, theirs.querySelectorAll(selector)));
    expect(ids(mine, [mine.querySelector(selector)].filter((e) => e !== null))).toEqual(
      ids(theirs, [theirs.querySelector(selector)].filter((e) => e !== null)),
    );
  });

  it('matches and finds the closest ancestor', () => {
    const svg = tree(createStaticDocument());
    const text = svg.querySelector('text');
    expect(text?.matches('g.inner > text')).toBe(true);
    expect(text?.matches('svg > text')).toBe(false);
    expect(text?.closest('.lane')?.getAttribute('class')).toBe('inner lane');
    expect(text?.closest('g.lane[data-key]')?.id).toBe('lane0');
    expect(text?.closest('circle')).toBeNull();
    expect(svg.querySelector(':scope > g')?.matches(':scope')).toBe(true);
  });

  it.each(['a + b', 'a ~ b', ':hover', 'g:first-child', '::before', '[a^=b]', '[a|b]', ':not(g rect)', ':not(g > rect)', '', 'g >', 'g,', '[a="b]'])(
    'throws a clear error for the unsupported selector %j',
    (selector) => {
      const svg = tree(createStaticDocument());
      expect(() => svg.querySelectorAll(selector)).toThrow(`unsupported selector ${JSON.stringify(selector)}`);
    },
  );
});

describe('what a static document does without a browser', () => {
  it('stores listeners and calls them only when an event is dispatched', () => {
    const { svg } = svgTree();
    const listener = vi.fn();
    const once = vi.fn();
    svg.addEventListener('click', listener);
    svg.addEventListener('click', listener); // duplicates are ignored
    svg.addEventListener('click', once, { once: true });
    expect(listener).not.toHaveBeenCalled();
    const event = { type: 'click', defaultPrevented: false } as Event;
    expect(svg.dispatchEvent(event)).toBe(true);
    svg.dispatchEvent(event);
    expect([listener.mock.calls.length, once.mock.calls.length]).toEqual([2, 1]);
    svg.removeEventListener('click', listener);
    svg.dispatchEvent(event);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('has no layout and no HTML parser', () => {
    const { svg } = svgTree();
    expect(svg.getBoundingClientRect()).toMatchObject({ x: 0, y: 0, width: 0, height: 0 });
    expect(() => {
      svg.innerHTML = '<script>alert(1)</script>';
    }).toThrow(/innerHTML is not supported/);
  });
});
