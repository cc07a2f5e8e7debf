import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { createStaticDocument } from '../../src/ssr/minidom.js';
import { serializeSVG } from '../../src/ssr/serialize.js';
import { stripInvalidXmlChars } from '../../src/ssr/xml.js';

const SVG = 'http://www.w3.org/2000/svg';
const XLINK = 'http://www.w3.org/1999/xlink';

const jsdomWindow = new JSDOM('').window;
// One DOMParser is far cheaper than a JSDOM per parse; it reports errors with <parsererror>.
const parser = new jsdomWindow.DOMParser();

/** Parses XML strictly: throws on ill-formed (or namespace-ill-formed) documents. */
function parseXml(xml: string): Document {
  const document = parser.parseFromString(xml, 'image/svg+xml');
  if (document.getElementsByTagName('parsererror').length > 0) throw new Error(`ill-formed XML: ${xml}`);
  return document;
}

const documents: [string, () => Document][] = [
  ['the static document', createStaticDocument],
  ['jsdom', () => jsdomWindow.document],
];

describe.each(documents)('serializeSVG on %s', (_name, makeDocument) => {
  const make = (): { document: Document; svg: SVGSVGElement } => {
    const document = makeDocument();
    return { document, svg: document.createElementNS(SVG, 'svg') };
  };

  it('writes the SVG namespace on the root and self-closes empty elements', () => {
    const { document, svg } = make();
    svg.setAttribute('width', '10');
    svg.appendChild(document.createElementNS(SVG, 'g')).appendChild(document.createElementNS(SVG, 'rect'));
    expect(serializeSVG(svg)).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="10"><g><rect/></g></svg>');
  });

  it('starts with an XML declaration only when asked', () => {
    const { svg } = make();
    expect(serializeSVG(svg, { xmlDeclaration: true })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
  });

  it('escapes markup in text and attributes so that hostile strings stay data', () => {
    const { document, svg } = make();
    const hostile = '"><svg onload=alert(1)><script>alert(2)</script>&amp;';
    const text = svg.appendChild(document.createElementNS(SVG, 'text'));
    text.textContent = hostile;
    text.setAttribute('aria-label', hostile);
    const xml = serializeSVG(svg);
    expect(xml).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><text aria-label="&quot;&gt;&lt;svg onload=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;amp;">' +
        '&quot;&gt;'.replace('&quot;', '"') +
        '&lt;svg onload=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;amp;</text></svg>',
    );
    expect(() => new JSDOM(xml, { contentType: 'image/svg+xml' })).not.toThrow();
    const parsed = parseXml(xml);
    expect(parsed.querySelectorAll('script')).toHaveLength(0);
    expect(parsed.documentElement.getAttribute('onload')).toBeNull();
    expect(parsed.querySelector('text')?.textContent).toBe(hostile);
    expect(parsed.querySelector('text')?.getAttribute('aria-label')).toBe(hostile);
  });

  it('strips characters XML 1.0 forbids (NUL, other C0 controls, lone surrogates, U+FFFF)', () => {
    const { document, svg } = make();
    const text = svg.appendChild(document.createElementNS(SVG, 'text'));
    text.textContent = 'a\u0000b\u0008c\uD800d\uDC00e\uFFFFf\uD83D\uDE00g\th\ni';
    text.setAttribute('data-x', '\u0001x\uDBFF');
    const xml = serializeSVG(svg);
    expect(xml).toBe('<svg xmlns="http://www.w3.org/2000/svg"><text data-x="x">abcdef\uD83D\uDE00g\th\ni</text></svg>');
    expect(() => parseXml(xml)).not.toThrow();
  });

  it('keeps tab, line feed and carriage return in attribute values through a parse', () => {
    const { svg } = make();
    svg.setAttribute('data-x', 'a\tb\nc\rd');
    const xml = serializeSVG(svg);
    expect(xml).toContain('data-x="a&#9;b&#10;c&#13;d"');
    expect(parseXml(xml).documentElement.getAttribute('data-x')).toBe('a\tb\nc\rd');
  });

  it('never writes event-handler attributes, whatever their case or namespace', () => {
    const { document, svg } = make();
    svg.setAttribute('onload', 'alert(1)');
    svg.setAttribute('ONCLICK', 'alert(2)');
    svg.setAttributeNS('urn:x', 'x:onmouseover', 'alert(3)');
    svg.setAttribute('opacity', '0.5');
    svg.appendChild(document.createElementNS(SVG, 'rect')).setAttribute('onfocus', 'alert(4)');
    const xml = serializeSVG(svg);
    expect(xml).toBe('<svg xmlns="http://www.w3.org/2000/svg" opacity="0.5"><rect/></svg>');
  });

  it('never writes script, foreignObject or SMIL elements, nor their contents', () => {
    const { document, svg } = make();
    svg.appendChild(document.createElementNS(SVG, 'script')).textContent = 'alert(1)';
    const foreign = svg.appendChild(document.createElementNS(SVG, 'foreignObject'));
    foreign.appendChild(document.createElementNS('http://www.w3.org/1999/xhtml', 'iframe'));
    const a = svg.appendChild(document.createElementNS(SVG, 'a'));
    a.appendChild(document.createElementNS(SVG, 'set')).setAttribute('attributeName', 'href');
    svg.appendChild(document.createElementNS(SVG, 'circle'));
    expect(serializeSVG(svg)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><a/><circle/></svg>');
    expect(() => serializeSVG(document.createElementNS(SVG, 'script') as unknown as Element)).toThrow(/never serialised/);
  });

  it('keeps safe links and drops script URLs', () => {
    const { document, svg } = make();
    const links = ['https://example.org/?a=1&b=2', '#local', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>'];
    for (const href of links) svg.appendChild(document.createElementNS(SVG, 'a')).setAttribute('href', href);
    svg.appendChild(document.createElementNS(SVG, 'use')).setAttributeNS(XLINK, 'xlink:href', 'javascript:alert(2)');
    svg.appendChild(document.createElementNS(SVG, 'a')).setAttribute('HREF', 'javascript:alert(3)');
    expect(serializeSVG(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.org/?a=1&amp;b=2"/><a href="#local"/><a/><a/><a/><use/><a/></svg>',
    );
  });

  it('declares xlink on the root when an xlink attribute appears anywhere', () => {
    const { document, svg } = make();
    const g = svg.appendChild(document.createElementNS(SVG, 'g'));
    g.appendChild(document.createElementNS(SVG, 'use')).setAttributeNS(XLINK, 'xlink:href', '#a');
    g.appendChild(document.createElementNS(SVG, 'use')).setAttribute('xlink:href', '#b');
    const xml = serializeSVG(svg);
    expect(xml).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g><use xlink:href="#a"/><use xlink:href="#b"/></g></svg>',
    );
    expect(parseXml(xml).querySelector('use')?.getAttributeNS(XLINK, 'href')).toBe('#a');
  });

  it('ignores xmlns attributes in the tree and never writes one attribute twice', () => {
    const { svg } = make();
    svg.setAttribute('xmlns', 'urn:evil');
    svg.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:xlink', 'urn:evil');
    svg.setAttribute('xlink:title', 'a'); // no namespace, a colon in its name
    svg.setAttributeNS(XLINK, 'xlink:title', 'b'); // a second attribute with the same qualified name
    const xml = serializeSVG(svg);
    expect(xml).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xlink:title="a"/>');
    expect(parseXml(xml).documentElement.getAttributeNS(XLINK, 'title')).toBe('a');
    expect(() => parseXml(xml)).not.toThrow();
  });

  it('declares the namespace of an element from another vocabulary where it starts', () => {
    const { document, svg } = make();
    svg.appendChild(document.createElementNS('urn:example', 'meta-data')).appendChild(document.createElementNS('urn:example', 'item'));
    svg.appendChild(document.createElementNS(SVG, 'g'));
    const xml = serializeSVG(svg);
    expect(xml).toBe('<svg xmlns="http://www.w3.org/2000/svg"><meta-data xmlns="urn:example"><item/></meta-data><g/></svg>');
    expect(parseXml(xml).documentElement.firstElementChild?.namespaceURI).toBe('urn:example');
  });

  it('writes the document order of attributes and children exactly, every time', () => {
    const { document, svg } = make();
    svg.setAttribute('b', '1');
    svg.setAttribute('a', '2');
    svg.append(document.createTextNode('x'), document.createComment('dropped'), document.createTextNode('y'));
    expect(serializeSVG(svg)).toBe('<svg xmlns="http://www.w3.org/2000/svg" b="1" a="2">xy</svg>');
    expect(serializeSVG(svg)).toBe(serializeSVG(svg));
  });
});

describe('serializeSVG on arbitrary strings', () => {
  it('always produces well-formed XML that parses back to the strings minus forbidden characters', () => {
    const document = createStaticDocument();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (text, value) => {
        const svg = document.createElementNS(SVG, 'svg');
        const node = svg.appendChild(document.createElementNS(SVG, 'text'));
        node.textContent = text;
        node.setAttribute('aria-label', value);
        const parsed = parseXml(serializeSVG(svg)).documentElement.firstElementChild;
        expect(parsed?.textContent ?? '').toBe(stripInvalidXmlChars(text));
        expect(parsed?.getAttribute('aria-label')).toBe(stripInvalidXmlChars(value));
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });
});
