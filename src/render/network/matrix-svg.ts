/**
 * Static SVG adjacency matrix: rows are source actors, columns target actors, ordered by
 * community so that blocks of related actors show on the diagonal. The joins here are shared
 * with the interactive matrix (matrix-view.ts).
 */
import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { RenderContext } from '../common/context.js';
import { buildNetwork } from '../../layout/network.js';
import type { NetworkGraph } from '../../layout/network.js';
import { layoutMatrix } from '../../layout/matrix.js';
import type { MatrixActor, MatrixCell, MatrixCluster, MatrixLayout } from '../../layout/matrix.js';
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

/** A `<g>` the matrix joins draw into. */
type Layer = Selection<SVGGElement, unknown, null, undefined>;

/**
 * Sizes the matrix to fit `width` × `height`: room for the longest label as the margin, then
 * the largest whole-pixel cell (at most 24) that fits every actor. Shared with the interactive
 * view, so both draw the same grid.
 *
 * @example
 * ```ts
 * const layout = matrixLayoutFor(ctx, graph, 600, 600, 11, { order: 'cluster' });
 * layout.cellSize; // e.g. 24
 * ```
 */
export function matrixLayoutFor(ctx: RenderContext, graph: NetworkGraph, width: number, height: number, fontSize: number, options: Pick<MatrixSVGOptions, 'order' | 'seed' | 'includeAffiliations'>): MatrixLayout {
  const font = `${fontSize}px system-ui, sans-serif`;
  const longest = Math.max(0, ...graph.nodes.map((n) => ctx.measureText(n.label, font)));
  // Estimated widths run short for wide system fonts, so leave a little slack.
  const margin = Math.min(Math.ceil(longest * 1.15) + 10, Math.min(width, height) * 0.4);
  const n = Math.max(1, graph.nodes.length);
  const cellSize = Math.max(1, Math.min(24, Math.floor((Math.min(width, height) - margin - 8) / n)));
  return layoutMatrix(graph, {
    cellSize,
    offset: { x: margin, y: margin },
    ...(options.order ? { order: options.order } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.includeAffiliations ? { includeAffiliations: true } : {}),
  });
}

/**
 * Draws the grid lines of an `n` × `n` matrix (one `<g>` of two lines per boundary) into a new
 * layer of `root`. Only the actor count and geometry matter, so a view draws it once.
 *
 * @example
 * ```ts
 * drawMatrixGrid(root, layout.actors.length, layout.offset.x, layout.cellSize);
 * ```
 */
export function drawMatrixGrid(root: Layer, n: number, margin: number, cellSize: number): Layer {
  const size = n * cellSize;
  const grid = root.append('g').attr('class', 'et-matrix-grid').attr('aria-hidden', 'true');
  grid
    .selectAll('line')
    .data(Array.from({ length: n + 1 }, (_, i) => i))
    .join((enter) => {
      const g = enter.append('g');
      g.append('line').attr('class', 'et-matrix-grid').attr('x1', margin).attr('x2', margin + size).attr('y1', (i) => margin + i * cellSize).attr('y2', (i) => margin + i * cellSize);
      g.append('line').attr('class', 'et-matrix-grid').attr('y1', margin).attr('y2', margin + size).attr('x1', (i) => margin + i * cellSize).attr('x2', (i) => margin + i * cellSize);
      return g;
    });
  return grid;
}

/**
 * Joins cells by `source target` into `layer`: a `rect.et-cell` per related pair, as dark as
 * its event count, carrying `data-source`, `data-target`, `data-relation`, `data-event-ids` and
 * an accessible name (`actorName` turns ids into names).
 *
 * @example
 * ```ts
 * drawMatrixCells(svg.append('g'), layout.cells, layout.cellSize, (id) => dataset.actor(id)?.name ?? id);
 * ```
 */
export function drawMatrixCells(layer: Layer, cells: readonly MatrixCell[], cellSize: number, actorName: (id: string) => string): Selection<SVGRectElement, MatrixCell, SVGGElement, unknown> {
  return layer
    .selectAll<SVGRectElement, MatrixCell>('rect.et-cell')
    .data(cells, (d) => `${d.source} ${d.target}`)
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
    .attr('aria-label', (d) => `${actorName(d.source)} to ${actorName(d.target)}: ${d.weight} ${d.weight === 1 ? 'event' : 'events'}`);
}

/**
 * Outlines each community of more than one actor (a block on the diagonal) in a new layer of `root`.
 *
 * @example
 * ```ts
 * drawMatrixClusters(root, layout.clusters, layout.offset.x, layout.cellSize);
 * ```
 */
export function drawMatrixClusters(root: Layer, clusters: readonly MatrixCluster[], margin: number, cellSize: number): Layer {
  const layer = root.append('g').attr('class', 'et-clusters').attr('aria-hidden', 'true');
  layer
    .selectAll<SVGRectElement, MatrixCluster>('rect')
    .data(clusters.filter((c) => c.end > c.start))
    .join('rect')
    .attr('class', 'et-cluster')
    .attr('x', (d) => margin + d.start * cellSize)
    .attr('y', (d) => margin + d.start * cellSize)
    .attr('width', (d) => (d.end - d.start + 1) * cellSize)
    .attr('height', (d) => (d.end - d.start + 1) * cellSize);
  return layer;
}

/**
 * Joins row labels (right-aligned, left of the grid) and column labels (rotated, above it) by actor id.
 *
 * @example
 * ```ts
 * drawMatrixLabels(root.append('g'), layout.actors, layout.offset.x, layout.cellSize, 11);
 * ```
 */
export function drawMatrixLabels(layer: Layer, actors: readonly MatrixActor[], margin: number, cellSize: number, fontSize: number): void {
  layer
    .selectAll<SVGTextElement, MatrixActor>('text.et-row-label')
    .data(actors, (d) => d.id)
    .join('text')
    .attr('class', 'et-row-label')
    .attr('x', margin - 5)
    .attr('y', (d) => margin + d.position + cellSize / 2)
    .attr('dy', '0.32em')
    .attr('text-anchor', 'end')
    .attr('font-size', fontSize)
    .attr('data-actor-id', (d) => d.id)
    .text((d) => d.label);
  layer
    .selectAll<SVGTextElement, MatrixActor>('text.et-col-label')
    .data(actors, (d) => d.id)
    .join('text')
    .attr('class', 'et-col-label')
    .attr('transform', (d) => `translate(${margin + d.position + cellSize / 2},${margin - 5}) rotate(-90)`)
    .attr('dy', '0.32em')
    .attr('font-size', fontSize)
    .attr('data-actor-id', (d) => d.id)
    .text((d) => d.label);
}

/**
 * Whether cells are tall enough for a label beside each row.
 *
 * @example
 * ```ts
 * if (matrixShowsLabels(layout.cellSize, 11)) drawMatrixLabels(labels, layout.actors, margin, layout.cellSize, 11);
 * ```
 */
export function matrixShowsLabels(cellSize: number, fontSize: number): boolean {
  return cellSize >= fontSize * 0.8;
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
  const graph = buildNetwork(dataset, { window: windowFromOptions(options, name), includeAffiliations: options.includeAffiliations ?? false });
  const layout = matrixLayoutFor(ctx, graph, width, height, fontSize, options);
  const { cellSize } = layout;
  const margin = layout.offset.x;
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
  const name_ = (id: string): string => dataset.actor(id)?.name ?? id;

  drawMatrixGrid(root, layout.actors.length, margin, cellSize);
  drawMatrixCells(root.append('g').attr('class', 'et-cells'), layout.cells, cellSize, name_);
  drawMatrixClusters(root, layout.clusters, margin, cellSize);
  const labels = root.append('g').attr('class', 'et-matrix-labels');
  if (matrixShowsLabels(cellSize, fontSize)) drawMatrixLabels(labels, layout.actors, margin, cellSize, fontSize);
  return svg;
}
