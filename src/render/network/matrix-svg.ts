/**
 * Static SVG adjacency matrix: rows are source actors, columns target actors, ordered by
 * community so that blocks of related actors show on the diagonal.
 */
import { select } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { RenderContext } from '../common/context.js';
import { buildNetwork } from '../../layout/network.js';
import { layoutMatrix } from '../../layout/matrix.js';
import type { MatrixActor, MatrixCell, MatrixCluster } from '../../layout/matrix.js';
import { createChartRoot } from './draw.js';
import type { NetworkChartBase } from './draw.js';
import { networkDescription } from './text.js';
import { positive, windowFromOptions } from './options.js';
import type { WindowOptions } from './options.js';

/** Options of {@link renderMatrixSVG}. */
export interface MatrixSVGOptions extends NetworkChartBase, WindowOptions {
  /** Row order. Default `cluster`. */
  readonly order?: 'cluster' | 'name' | 'input';
  /** Seed of the community detection. Default 1. */
  readonly seed?: number;
  /** Show affiliations as cells too. Default false. */
  readonly includeAffiliations?: boolean;
  readonly fontSize?: number;
}

/**
 * Renders the network as an adjacency matrix. Cells carry `data-source` (row actor) and
 * `data-target` (column actor); darker cells have more events.
 *
 * @example
 * ```ts
 * const svg = renderMatrixSVG(createStaticContext(), dataset, { width: 600, height: 600 });
 * ```
 */
export function renderMatrixSVG(ctx: RenderContext, dataset: Dataset, options: MatrixSVGOptions = {}): SVGSVGElement {
  const name = 'renderMatrixSVG';
  const width = positive(options.width, 600, name, 'width');
  const height = positive(options.height, 600, name, 'height');
  const fontSize = options.fontSize ?? 11;
  const font = `${fontSize}px system-ui, sans-serif`;
  const graph = buildNetwork(dataset, { window: windowFromOptions(options, name), includeAffiliations: options.includeAffiliations ?? false });
  const longest = Math.max(0, ...graph.nodes.map((n) => ctx.measureText(n.label, font)));
  // Estimated widths run short for wide system fonts, so leave a little slack.
  const margin = Math.min(Math.ceil(longest * 1.15) + 10, Math.min(width, height) * 0.4);
  const n = Math.max(1, graph.nodes.length);
  const cellSize = Math.max(1, Math.min(24, Math.floor((Math.min(width, height) - margin - 8) / n)));
  const layout = layoutMatrix(graph, {
    cellSize,
    offset: { x: margin, y: margin },
    ...(options.order ? { order: options.order } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.includeAffiliations ? { includeAffiliations: true } : {}),
  });
  const svg = createChartRoot(
    ctx,
    'matrix',
    width,
    height,
    options.theme,
    options.title ?? dataset.meta.title ?? 'Actor relations matrix',
    options.description ?? `Adjacency matrix. Rows act on columns; darker cells have more events. ${networkDescription(graph)}`,
  );
  const root = select(svg).append('g').attr('class', 'et-viewport');
  const size = layout.actors.length * cellSize;
  const name_ = (id: string): string => dataset.actor(id)?.name ?? id;

  const grid = root.append('g').attr('class', 'et-matrix-grid').attr('aria-hidden', 'true');
  grid
    .selectAll('line')
    .data(Array.from({ length: layout.actors.length + 1 }, (_, i) => i))
    .join((enter) => {
      const g = enter.append('g');
      g.append('line').attr('class', 'et-matrix-grid').attr('x1', margin).attr('x2', margin + size).attr('y1', (i) => margin + i * cellSize).attr('y2', (i) => margin + i * cellSize);
      g.append('line').attr('class', 'et-matrix-grid').attr('y1', margin).attr('y2', margin + size).attr('x1', (i) => margin + i * cellSize).attr('x2', (i) => margin + i * cellSize);
      return g;
    });

  root
    .append('g')
    .attr('class', 'et-cells')
    .selectAll<SVGRectElement, MatrixCell>('rect.et-cell')
    .data(layout.cells, (d) => `${d.source} ${d.target}`)
    .join('rect')
    .attr('class', 'et-cell')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('width', cellSize)
    .attr('height', cellSize)
    .attr('fill', 'var(--et-accent)')
    .attr('fill-opacity', (d) => d.opacity)
    .attr('data-source', (d) => d.source)
    .attr('data-target', (d) => d.target)
    .attr('data-relation', (d) => d.relations.join(' '))
    .attr('data-event-ids', (d) => d.events.join(' '))
    .attr('role', 'img')
    .attr('aria-label', (d) => `${name_(d.source)} to ${name_(d.target)}: ${d.weight} ${d.weight === 1 ? 'event' : 'events'}`);

  root
    .append('g')
    .attr('class', 'et-clusters')
    .attr('aria-hidden', 'true')
    .selectAll<SVGRectElement, MatrixCluster>('rect')
    .data(layout.clusters.filter((c) => c.end > c.start))
    .join('rect')
    .attr('class', 'et-cluster')
    .attr('x', (d) => margin + d.start * cellSize)
    .attr('y', (d) => margin + d.start * cellSize)
    .attr('width', (d) => (d.end - d.start + 1) * cellSize)
    .attr('height', (d) => (d.end - d.start + 1) * cellSize);

  const showLabels = cellSize >= fontSize * 0.8;
  const labels = root.append('g').attr('class', 'et-matrix-labels');
  if (showLabels) {
    labels
      .selectAll<SVGTextElement, MatrixActor>('text.et-row-label')
      .data(layout.actors, (d) => d.id)
      .join('text')
      .attr('class', 'et-row-label')
      .attr('x', margin - 5)
      .attr('y', (d) => margin + d.position + cellSize / 2)
      .attr('dy', '0.32em')
      .attr('text-anchor', 'end')
      .attr('font-size', fontSize)
      .attr('data-actor-id', (d) => d.id)
      .text((d) => d.label);
    labels
      .selectAll<SVGTextElement, MatrixActor>('text.et-col-label')
      .data(layout.actors, (d) => d.id)
      .join('text')
      .attr('class', 'et-col-label')
      .attr('transform', (d) => `translate(${margin + d.position + cellSize / 2},${margin - 5}) rotate(-90)`)
      .attr('dy', '0.32em')
      .attr('font-size', fontSize)
      .attr('data-actor-id', (d) => d.id)
      .text((d) => d.label);
  }
  return svg;
}
