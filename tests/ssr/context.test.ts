import { describe, expect, it } from 'vitest';
import { select } from 'd3-selection';
import { createStaticContext } from '../../src/ssr/context.js';
import { serializeSVG } from '../../src/ssr/serialize.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';

describe('createStaticContext', () => {
  it('gives a fresh static document, the estimated measurer and a default id prefix', () => {
    const a = createStaticContext();
    const b = createStaticContext();
    expect(a.document).not.toBe(b.document);
    expect(a.measureText).toBe(estimateTextWidth);
    expect(a.idPrefix).toBe('et');
  });

  it('takes the id prefix and measurer it is given', () => {
    const measureText = (text: string): number => text.length;
    const context = createStaticContext({ idPrefix: 'fig1', measureText });
    expect([context.idPrefix, context.measureText('abc', '10px sans-serif')]).toEqual(['fig1', 3]);
  });

  it('renders d3 output to SVG in Node without jsdom', () => {
    const { document } = createStaticContext();
    const svg = select(document.body).append('svg').attr('width', 20);
    svg.append('circle').attr('r', 5).text('A & B');
    expect(serializeSVG(svg.node() as Element)).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="20"><circle r="5">A &amp; B</circle></svg>');
  });
});
