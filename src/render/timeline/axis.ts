import type { Selection } from 'd3-selection';
import type { TickRecord, TimelineLayout } from '../../layout/timeline.js';

/**
 * Draws the time axis at the top of the plot: a baseline, a grid line and a label per tick,
 * joined by tick value so ticks that stay on screen during a zoom keep their elements.
 *
 * @example
 * ```ts
 * drawAxis(select(axisGroup), layout.ticks, layout);
 * ```
 */
export function drawAxis(
  g: Selection<SVGGElement, unknown, null, undefined>,
  ticks: readonly TickRecord[],
  layout: Pick<TimelineLayout, 'plot' | 'axisY'>,
): void {
  g.attr('aria-hidden', 'true');
  g.selectAll<SVGLineElement, TimelineLayout['plot']>('line.et-axis-base')
    .data([layout.plot])
    .join('line')
    .attr('class', 'et-axis-base')
    .attr('x1', (p) => p.x0)
    .attr('x2', (p) => p.x1)
    .attr('y1', layout.axisY)
    .attr('y2', layout.axisY);
  const tick = g
    .selectAll<SVGGElement, TickRecord>('g.et-tick')
    .data(ticks, (d) => String(d.value))
    .join((enter) => {
      const t = enter.append('g').attr('class', 'et-tick');
      t.append('line').attr('class', 'et-grid-line');
      t.append('text').attr('text-anchor', 'middle');
      return t;
    });
  tick
    .select('line')
    .attr('x1', (d) => d.x)
    .attr('x2', (d) => d.x)
    .attr('y1', layout.plot.y0)
    .attr('y2', layout.plot.y1);
  tick
    .select('text')
    .attr('x', (d) => d.x)
    .attr('y', layout.axisY)
    .attr('dy', '-0.5em')
    .text((d) => d.label);
}
