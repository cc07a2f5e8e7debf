import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { select, type Selection } from 'd3-selection';
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { createStaticDocument } from '../../src/ssr/minidom.js';
import { serializeSVG } from '../../src/ssr/serialize.js';

type Lane = { readonly key: string; readonly label: string; readonly value: number };

function lanes(keys: string): Lane[] {
  return [...keys].map((key, i) => ({ key, label: `Lane ${key.toUpperCase()}`, value: (i + 1) * 10 }));
}

function drawLanes(svg: Selection<SVGSVGElement, unknown, null, undefined>, data: Lane[]): void {
  svg
    .selectAll<SVGGElement, Lane>(':scope > g.lane')
    .data(data, (d) => d.key)
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', 'lane').attr('data-key', (d) => d.key);
        g.append('rect').attr('height', 18);
        g.append('text').attr('dy', '0.32em');
        return g;
      },
      (update) => update.classed('updated', true),
      (exit) => exit.remove(),
    )
    .attr('transform', (_d, i) => `translate(0,${i * 20})`)
    .classed('even', (_d, i) => i % 2 === 0)
    .order()
    .call((g) => g.select('rect').attr('width', (d) => d.value).style('fill', 'steelblue').style('stroke-width', '2px'))
    .call((g) => g.select('text').text((d) => d.label));
}

/** Everything our renderers do with d3, run against any document. */
function scenario(document: Document): string {
  const svg = select(document.body)
    .append('svg')
    .attr('width', 640)
    .attr('height', 240)
    .attr('viewBox', [0, 0, 640, 240].join(' '));
  svg.append('title').attr('id', 'chart-title').text('Lanes & <events>');

  drawLanes(svg, lanes('abcd'));
  drawLanes(svg, lanes('dbea')); // update b, d, a; enter e; exit c; reorder

  svg.selectAll<SVGGElement, Lane>(':scope > g.lane').filter('.updated').select('text').attr('font-weight', 'bold');
  svg.selectAll<SVGGElement, Lane>('g.lane').sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  svg.insert('rect', ':scope > g.lane').attr('class', 'background').attr('width', 640).attr('height', 240);
  svg.select<SVGGElement>('g.lane').raise();
  svg.selectAll<SVGGElement, Lane>('g.lane').filter((d) => d.key === 'e').lower();
  svg.selectAll('g.lane rect').style('stroke', 'black').style('stroke-width', null);
  svg.append('g').attr('class', 'removed').remove();
  svg.selectChildren<SVGGElement, Lane>('.lane').attr('data-child', (d) => d.key);
  svg.selectAll('g.lane').each(function (d, i) {
    select(this).attr('aria-label', `${(d as Lane).label}, position ${i + 1}`);
  });
  svg.append('g').datum({ note: 'kept' }).attr('class', 'note').text((d) => d.note);
  svg.append('use').attr('xlink:href', '#chart-title').attr('href', '#chart-title');
  svg.append('g').attr('class', 'cloned').append('circle').attr('r', 3);
  svg.select('g.cloned').clone(true).attr('class', 'clone');

  const x = scaleUtc().domain([Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1)]).range([0, 600]);
  const axis = svg.append('g').attr('class', 'x-axis').attr('transform', 'translate(20,200)');
  axis.call(axisBottom(x));
  x.domain([Date.UTC(2020, 3, 1), Date.UTC(2020, 5, 1)]);
  axis.call(axisBottom(x)); // update: ticks enter, update and exit
  svg.append('g').attr('class', 'y-axis').call(axisLeft(scaleLinear().domain([0, 1]).range([180, 0])).ticks(4));

  const node = svg.node();
  if (node === null) throw new Error('no svg');
  return serializeSVG(node);
}

describe('the static document under d3', () => {
  it('serialises a d3 scenario (joins, order, sort, classed, style, text, axes) exactly as jsdom does', () => {
    const expected = scenario(new JSDOM('').window.document);
    const actual = scenario(createStaticDocument());
    expect(actual).toBe(expected);
    // The scenario really exercised what it claims to.
    expect(actual).toContain('class="tick"');
    expect(actual).toContain('data-key="e"');
    expect(actual).not.toContain('data-key="c"');
    expect(actual).toContain('class="lane updated');
    expect(actual).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
    expect(actual).toContain('data-child="e"');
  });

  it('reads inline styles, attributes, text and data back through d3', () => {
    const document = createStaticDocument();
    const rect = select(document.body).append('svg').append('rect').datum({ id: 7 });
    rect.style('fill', 'steelblue').attr('width', 3).text('label').property('custom', 1);
    expect([rect.style('fill'), rect.attr('width'), rect.text(), rect.datum(), rect.property('custom')]).toEqual([
      'steelblue',
      '3',
      'label',
      { id: 7 },
      1,
    ]);
    expect(rect.classed('a')).toBe(false);
    expect(rect.classed('a b', true).classed('b')).toBe(true);
  });

  it('keeps keyed elements on update and puts them in data order', () => {
    const document = createStaticDocument();
    const svg = select(document.body).append('svg');
    const draw = (keys: string): SVGGElement[] =>
      svg
        .selectAll<SVGGElement, string>('g')
        .data([...keys], (d) => d)
        .join('g')
        .attr('id', (d) => d)
        .nodes();
    const first = draw('abcdef');
    const second = draw('fedcba');
    expect(second).toEqual([...first].reverse());
    expect(Array.from(svg.node()?.children ?? [], (child) => child.id).join('')).toBe('fedcba');
  });

  it('joins and reorders 10,000 keyed elements in linear time', () => {
    const document = createStaticDocument();
    const svg = select(document.body).append('svg');
    const keys = Array.from({ length: 10_000 }, (_, i) => i);
    const draw = (data: number[]): void => {
      svg.selectAll<SVGRectElement, number>('rect').data(data, (d) => d).join('rect').attr('x', (d) => d).order();
    };
    const start = performance.now();
    draw(keys);
    draw([...keys].reverse());
    draw(keys.filter((k) => k % 3 !== 0));
    const elapsed = performance.now() - start;
    const children = svg.node()?.children ?? [];
    expect(children.length).toBe(keys.length - Math.ceil(keys.length / 3));
    expect(Array.from(children, (c) => Number(c.getAttribute('x'))).every((x, i, all) => i === 0 || x > (all[i - 1] ?? 0))).toBe(true);
    // Quadratic behaviour (~10^8 steps) takes tens of seconds; linear is a few hundred ms even on a busy machine.
    expect(elapsed).toBeLessThan(5000);
  });
});
