/**
 * The interactive adjacency matrix: the actor network as rows and columns ordered by community,
 * which stays readable for dense graphs. Hovering a cell or a label lights the actor's row and
 * column and shows the events behind the cell; click or Enter selects; arrow keys move between
 * cells. It follows a shared {@link ViewState}: a time window keeps the rows where they are
 * and only changes the cells. Above `canvasThreshold` actors it draws on a canvas with hit
 * testing by arithmetic (cells are a grid, so no index is needed).
 */
import { select, pointer } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { ViewState } from '../../link/state.js';
import type { EntityView } from '../common/view.js';
import { buildNetwork } from '../../layout/network.js';
import type { NetworkEdge, NetworkGraph } from '../../layout/network.js';
import { layoutMatrix } from '../../layout/matrix.js';
import type { MatrixActor, MatrixCell, MatrixLayout } from '../../layout/matrix.js';
import type { TooltipContent } from '../common/tooltip.js';
import { fitText } from '../../layout/timeline.js';
import { createChartRoot } from './draw.js';
import { drawMatrixCanvas } from './canvas.js';
import { actorTooltipContent, edgeTooltipContent, networkDescription } from './text.js';
import { drawMatrixCells, drawMatrixClusters, drawMatrixGrid, drawMatrixLabels, matrixLayoutFor, matrixShowsLabels } from './matrix-svg.js';
import { createRelationCore, emphasisedActors, eventActors, markOf, relationCss, sameMark } from './relation-view-common.js';
import type { RelationViewOptions } from './relation-view-common.js';

/** Options of {@link createMatrix}. */
export interface MatrixViewOptions extends RelationViewOptions {
  /** Row order: communities (default), actor name, or dataset order. */
  readonly order?: 'cluster' | 'name' | 'input';
  /** Seed of the community detection. Default 1. */
  readonly seed?: number;
  /** Show affiliations as cells too. Default false. */
  readonly includeAffiliations?: boolean;
  /** `svg`, `canvas`, or `auto` (default): canvas above `canvasThreshold` actors. */
  readonly renderer?: 'svg' | 'canvas' | 'auto';
  /**
   * Actor count above which `auto` draws on a canvas. Default 120: past that a matrix can hold
   * over 14,000 cells, and one SVG element each makes hover emphasis visibly slow.
   */
  readonly canvasThreshold?: number;
}

/** The interactive matrix view. */
export interface MatrixView extends EntityView {
  /** The layout shown (cells of the current window, rows in the order of the whole period). */
  readonly layout: MatrixLayout;
  /** The graph of the current window. */
  readonly graph: NetworkGraph;
  /** `svg` or `canvas`. */
  readonly renderer: 'svg' | 'canvas';
}

const RENDERERS = ['svg', 'canvas', 'auto'] as const;

/**
 * Creates an interactive adjacency matrix inside `container`: rows act on columns, darker cells
 * have more events, outlined blocks on the diagonal are communities.
 *
 * Keyboard: Tab enters the grid on one cell; arrow keys move to the next cell with relations
 * along the row or column (continuing on the next row or column when one runs out); Home and
 * End jump to the ends of the row; Enter or Space selects the row's actor; Escape clears.
 *
 * @example
 * ```ts
 * const matrix = createMatrix(document.querySelector('#matrix')!, dataset, { width: 560, height: 560 });
 * linkViews([matrix, timeline]); // hovering a row lights that actor's events in the timeline
 * ```
 */
export function createMatrix(container: HTMLElement, dataset: Dataset, options: MatrixViewOptions = {}): MatrixView {
  if (options.renderer !== undefined && !RENDERERS.includes(options.renderer)) {
    throw new RangeError(`createMatrix: unknown renderer ${JSON.stringify(options.renderer)}; expected one of ${RENDERERS.join(', ')}`);
  }
  const includeAffiliations = options.includeAffiliations ?? false;
  let data = dataset;
  let full!: NetworkGraph;
  let base!: MatrixLayout;
  let graph!: NetworkGraph;
  let layout!: MatrixLayout;
  let edgesById = new Map<string, NetworkEdge>();
  let cellIndex: CellIndex = indexCells([]);
  // The cell under the pointer or keyboard focus: it lights its own row and column.
  let hoverCell: MatrixCell | null = null;
  let focusKey: string | null = null;
  let shownEmphasis = '';

  const core = createRelationCore(container, options, 'matrix', { width: 600, height: 600 }, (prev, next) => {
    if (prev.window !== next.window) rewindow();
    emphasise();
  });
  const { ctx, wrapper, width, height, fontSize, theme } = core;

  compute();
  const mode: 'svg' | 'canvas' = options.renderer === 'svg' || options.renderer === 'canvas' ? options.renderer : base.actors.length > (options.canvasThreshold ?? 120) ? 'canvas' : 'svg';

  // --- Layout -------------------------------------------------------------------------------
  function compute(): void {
    full = buildNetwork(data, { includeAffiliations });
    base = matrixLayoutFor(ctx, full, width, height, fontSize, { ...options, includeAffiliations });
    windowed();
  }

  /** Cells of the window, in the rows of the whole period so that nothing jumps as it moves. */
  function windowed(): void {
    const window = core.state().window;
    if (!window) {
      graph = full;
      layout = base;
    } else {
      graph = buildNetwork(data, { window, includeAffiliations });
      const byId = new Map(graph.nodes.map((n) => [n.id, n]));
      const nodes = base.actors.map((a) => byId.get(a.id)).filter((n) => n !== undefined);
      const cells = layoutMatrix({ ...graph, nodes }, { cellSize: base.cellSize, offset: base.offset, order: 'input', includeAffiliations });
      layout = { ...cells, actors: base.actors, clusters: base.clusters };
    }
    edgesById = new Map(graph.edges.map((e) => [e.id, e]));
    cellIndex = indexCells(layout.cells);
    if (hoverCell) hoverCell = cellIndex.byKey.get(keyOf(hoverCell)) ?? null;
    if (focusKey && !cellIndex.byKey.has(focusKey)) focusKey = null;
  }
  const actorName = (id: string): string => data.actor(id)?.name ?? id;
  const title = (): string => options.title ?? data.meta.title ?? 'Actor relations matrix';
  const description = (): string => options.description ?? `Adjacency matrix. Rows act on columns; darker cells have more events. ${networkDescription(graph)}`;

  // --- Drawing surfaces ---------------------------------------------------------------------
  const svg = createChartRoot(ctx, 'matrix', width, height, options.theme, title(), description());
  svg.style.display = 'block';
  select(svg).append('style').text(relationCss('et-relation-view'));
  wrapper.appendChild(svg);
  const root = select(svg).append('g').attr('class', 'et-viewport');
  const frame = root.append('g').attr('class', 'et-matrix-frame');
  const bands = root.append('g').attr('class', 'et-matrix-bands').attr('aria-hidden', 'true');
  const rowBand = bands.append('rect').attr('class', 'et-matrix-band').attr('visibility', 'hidden');
  const colBand = bands.append('rect').attr('class', 'et-matrix-band').attr('visibility', 'hidden');
  const cellLayer = root.append('g').attr('class', 'et-cells');
  const clusterFrame = root.append('g').attr('class', 'et-matrix-cluster-frame');
  const labelLayer = root.append('g').attr('class', 'et-matrix-labels');

  let canvas: HTMLCanvasElement | null = null;
  let g2d: CanvasRenderingContext2D | null = null;
  const ratio = (core.win?.devicePixelRatio ?? 1) || 1;
  if (mode === 'canvas') {
    canvas = ctx.document.createElement('canvas');
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.style.position = 'absolute';
    canvas.style.left = '0px';
    canvas.style.top = '0px';
    canvas.tabIndex = 0;
    canvas.className = 'et-matrix-canvas';
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-roledescription', 'adjacency matrix');
    wrapper.insertBefore(canvas, svg.nextSibling);
    try {
      g2d = canvas.getContext('2d');
    } catch {
      g2d = null; // jsdom without the canvas package
    }
  }

  function draw(): void {
    const { cellSize, offset } = layout;
    const margin = offset.x;
    select(svg).select(`#${ctx.idPrefix}-desc`).text(description());
    if (canvas) {
      canvas.setAttribute('aria-label', `${description()} Arrow keys move between cells, Enter selects the row's actor, Escape clears.`);
      paint();
      return;
    }
    frame.selectChildren().remove();
    drawMatrixGrid(frame, layout.actors.length, margin, cellSize);
    const cells = drawMatrixCells(cellLayer, layout.cells, cellSize, actorName);
    // Interactive cells are toggle buttons (Enter selects the row's actor); one is in the tab order.
    cells.attr('role', 'button').attr('tabindex', '-1').attr('aria-pressed', 'false');
    clusterFrame.selectChildren().remove();
    drawMatrixClusters(clusterFrame, layout.clusters, margin, cellSize);
    if (matrixShowsLabels(cellSize, fontSize)) {
      drawMatrixLabels(labelLayer, layout.actors, margin, cellSize, fontSize);
      // The margin is capped at 40% of the chart, so long names are cut to it; the full name is
      // in the tooltip, the cells' accessible names and the table.
      const font = `${fontSize}px ${theme.vars['--et-font'] ?? 'system-ui, sans-serif'}`;
      labelLayer.selectAll<SVGTextElement, MatrixActor>('text').text((d) => fitText(d.label, margin - 8, ctx.measureText, font));
    } else labelLayer.selectChildren().remove();
    rowBand.attr('x', margin).attr('width', layout.actors.length * cellSize).attr('height', cellSize);
    colBand.attr('y', margin).attr('height', layout.actors.length * cellSize).attr('width', cellSize);
    roving();
    shownEmphasis = '';
  }

  function cellElements(): Selection<SVGRectElement, MatrixCell, SVGGElement, unknown> {
    return cellLayer.selectAll<SVGRectElement, MatrixCell>('rect.et-cell');
  }

  /** Keeps exactly one cell in the tab order: the focused one, or else the first. */
  function roving(): void {
    const key = focusKey ?? (layout.cells[0] ? keyOf(layout.cells[0]) : null);
    cellElements().attr('tabindex', (d) => (keyOf(d) === key ? '0' : '-1'));
  }

  // --- Emphasis -----------------------------------------------------------------------------
  function emphasise(): void {
    const state = core.state();
    const active = state.hoveredActor ?? state.selectedActor;
    const key = [active, state.hoveredActor, state.selectedActor, state.hoveredEvent, state.selectedEvent, hoverCell ? keyOf(hoverCell) : '', focusKey].join('\u0000');
    if (canvas) {
      paint();
      return;
    }
    if (key === shownEmphasis) return;
    shownEmphasis = key;
    // Row and column labels dim as the other node-link views dim actors (a selected event keeps its participants).
    const { lit } = emphasisedActors(graph.edges, state, null, (id) => eventActors(data, id));
    const inCross = (d: MatrixCell, id: string | null): boolean => id !== null && (d.source === id || d.target === id);
    // Under the pointer, a cell's own row and column stay lit (the bands show them).
    const inBands = (d: MatrixCell): boolean => hoverCell !== null && (d.row === hoverCell.row || d.col === hoverCell.col);
    cellElements()
      .classed('et-highlight', (d) => inCross(d, state.hoveredActor) || (state.hoveredEvent !== null && d.events.includes(state.hoveredEvent)))
      .classed('et-dim', (d) => active !== null && !inCross(d, active) && !inBands(d) && !(state.selectedEvent !== null && d.events.includes(state.selectedEvent)))
      .classed('et-selected', (d) => state.selectedEvent !== null && d.events.includes(state.selectedEvent))
      .attr('aria-pressed', (d) => (d.source === state.selectedActor ? 'true' : 'false'));
    labelLayer
      .selectAll<SVGTextElement, MatrixActor>('text')
      .classed('et-highlight', (d) => d.id === state.hoveredActor)
      .classed('et-selected', (d) => d.id === state.selectedActor)
      .classed('et-dim', (d) => lit !== null && !lit.has(d.id));
    const band = crosshair();
    const { cellSize, offset } = layout;
    rowBand.attr('visibility', band.row === null ? 'hidden' : null).attr('y', band.row === null ? 0 : offset.y + band.row * cellSize);
    colBand.attr('visibility', band.col === null ? 'hidden' : null).attr('x', band.col === null ? 0 : offset.x + band.col * cellSize);
  }

  /** The row and column to light: those of the cell under the pointer, or of the active actor. */
  function crosshair(): { row: number | null; col: number | null } {
    if (hoverCell) return { row: hoverCell.row, col: hoverCell.col };
    const state = core.state();
    const id = state.hoveredActor ?? state.selectedActor;
    const actor = id === null ? undefined : layout.actors.find((a) => a.id === id);
    return actor ? { row: actor.index, col: actor.index } : { row: null, col: null };
  }

  // --- Canvas -------------------------------------------------------------------------------
  let frameRequest = 0;
  function paint(): void {
    if (!g2d || core.destroyed) return;
    const raf = core.win?.requestAnimationFrame?.bind(core.win);
    if (!raf) return paintNow();
    if (frameRequest) return;
    frameRequest = raf(() => {
      frameRequest = 0;
      paintNow();
    });
  }
  function paintNow(): void {
    if (!g2d || core.destroyed) return;
    const vars = theme.vars;
    drawMatrixCanvas(g2d, layout, { background: vars['--et-bg'] ?? '#fff', cell: vars['--et-accent'] ?? '#0072B2', text: vars['--et-fg'] ?? '#000' }, width, height, ratio);
    const { cellSize, offset } = layout;
    const size = layout.actors.length * cellSize;
    const g = g2d;
    g.save();
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.strokeStyle = vars['--et-axis'] ?? '#666';
    g.lineWidth = 1;
    for (const c of layout.clusters) if (c.end > c.start) g.strokeRect(offset.x + c.start * cellSize, offset.y + c.start * cellSize, (c.end - c.start + 1) * cellSize, (c.end - c.start + 1) * cellSize);
    const band = crosshair();
    g.fillStyle = vars['--et-highlight'] ?? '#d55e00';
    g.globalAlpha = 0.15;
    if (band.row !== null) g.fillRect(offset.x, offset.y + band.row * cellSize, size, cellSize);
    if (band.col !== null) g.fillRect(offset.x + band.col * cellSize, offset.y, cellSize, size);
    g.globalAlpha = 1;
    const state = core.state();
    const outline = (c: MatrixCell, colour: string, w: number): void => {
      g.strokeStyle = colour;
      g.lineWidth = w;
      g.strokeRect(c.x, c.y, cellSize, cellSize);
    };
    for (const c of layout.cells) {
      if (state.selectedEvent !== null && c.events.includes(state.selectedEvent)) outline(c, vars['--et-fg'] ?? '#000', 2);
      else if (state.hoveredEvent !== null && c.events.includes(state.hoveredEvent)) outline(c, vars['--et-highlight'] ?? '#d55e00', 2);
    }
    const focused = focusKey ? cellIndex.byKey.get(focusKey) : undefined;
    if (focused && canvas && ctx.document.activeElement === canvas) outline(focused, vars['--et-focus'] ?? '#1a5fb4', 3);
    g.restore();
  }

  /** What lies under a canvas point: a cell, an actor's row or column label, or nothing. */
  function hitAt(px: number, py: number): { cell: MatrixCell } | { actor: string } | null {
    const { cellSize, offset } = layout;
    const n = layout.actors.length;
    const col = Math.floor((px - offset.x) / cellSize);
    const row = Math.floor((py - offset.y) / cellSize);
    if (row >= 0 && row < n && col >= 0 && col < n) {
      const cell = cellIndex.byKey.get(`${layout.actors[row]!.id} ${layout.actors[col]!.id}`);
      return cell ? { cell } : null;
    }
    if (px < offset.x && row >= 0 && row < n) return { actor: layout.actors[row]!.id };
    if (py < offset.y && col >= 0 && col < n) return { actor: layout.actors[col]!.id };
    return null;
  }

  // --- Tooltips -----------------------------------------------------------------------------
  function cellTip(cell: MatrixCell): TooltipContent {
    const edges = cell.relations.map((id) => edgesById.get(id)).filter((e) => e !== undefined);
    const single = edges.length === 1 ? edges[0]! : undefined;
    return edgeTooltipContent(
      {
        kind: single?.kind ?? 'relation',
        source: cell.source,
        target: cell.target,
        directed: edges.some((e) => e.directed),
        type: single?.type ?? 'derived',
        weight: cell.weight,
        events: cell.events,
        ...(single?.role !== undefined ? { role: single.role } : {}),
      },
      data,
    );
  }
  function actorTip(id: string): TooltipContent | null {
    const node = graph.nodes.find((n) => n.id === id);
    return node ? actorTooltipContent(node, data) : null;
  }
  const cellCentre = (c: MatrixCell): [number, number] => [c.x + layout.cellSize / 2, c.y + layout.cellSize / 2];

  // --- Interaction --------------------------------------------------------------------------
  const toggle = (id: string): void => core.emit({ selectedActor: core.state().selectedActor === id ? null : id });

  function hoverCellNow(cell: MatrixCell | null, at: Event | readonly [number, number] | null): void {
    hoverCell = cell;
    if (cell) {
      core.emit({ hoveredActor: cell.source });
      if (at) core.showTip(cellTip(cell), at);
    } else {
      core.emit({ hoveredActor: null });
      core.tooltip.hide();
    }
    emphasise();
  }

  function onKey(event: KeyboardEvent, from: MatrixCell): void {
    let next: MatrixCell | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = stepRow(cellIndex, from, 1);
        break;
      case 'ArrowLeft':
        next = stepRow(cellIndex, from, -1);
        break;
      case 'ArrowDown':
        next = stepCol(cellIndex, from, 1);
        break;
      case 'ArrowUp':
        next = stepCol(cellIndex, from, -1);
        break;
      case 'Home':
        next = cellIndex.byRow.get(from.row)?.[0];
        break;
      case 'End':
        next = cellIndex.byRow.get(from.row)?.at(-1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        toggle(from.source);
        return;
      case 'Escape':
        core.emit({ selectedActor: null, selectedEvent: null, hoveredActor: null });
        core.tooltip.hide();
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) focusCell(next);
  }

  function focusCell(cell: MatrixCell): void {
    focusKey = keyOf(cell);
    if (canvas) {
      hoverCellNow(cell, cellCentre(cell));
      return;
    }
    roving();
    const el = cellElements()
      .filter((d) => keyOf(d) === focusKey)
      .node();
    if (el && typeof (el as SVGElement).focus === 'function') (el as SVGElement).focus();
  }

  if (!canvas) {
    cellLayer
      .on('pointerover.et', (event: PointerEvent) => {
        const hit = markOf<MatrixCell>(event.target, 'rect.et-cell');
        if (hit && !sameMark(event, 'rect.et-cell')) hoverCellNow(hit.d, event);
      })
      .on('pointerout.et', (event: PointerEvent) => {
        if (markOf<MatrixCell>(event.target, 'rect.et-cell') && !sameMark(event, 'rect.et-cell')) hoverCellNow(null, null);
      })
      .on('click.et', (event: MouseEvent) => {
        const hit = markOf<MatrixCell>(event.target, 'rect.et-cell');
        if (!hit) return;
        event.stopPropagation();
        toggle(hit.d.source);
      })
      .on('focusin.et', (event: FocusEvent) => {
        const hit = markOf<MatrixCell>(event.target, 'rect.et-cell');
        if (!hit) return;
        focusKey = keyOf(hit.d);
        roving();
        hoverCellNow(hit.d, cellCentre(hit.d));
      })
      .on('focusout.et', (event: FocusEvent) => {
        if (markOf<MatrixCell>(event.target, 'rect.et-cell')) hoverCellNow(null, null);
      })
      .on('keydown.et', (event: KeyboardEvent) => {
        const hit = markOf<MatrixCell>(event.target, 'rect.et-cell');
        if (hit) onKey(event, hit.d);
      });
    labelLayer
      .on('pointerover.et', (event: PointerEvent) => {
        const hit = markOf<MatrixActor>(event.target, 'text[data-actor-id]');
        if (!hit) return;
        core.emit({ hoveredActor: hit.d.id });
        const tip = actorTip(hit.d.id);
        if (tip) core.showTip(tip, event);
      })
      .on('pointerout.et', (event: PointerEvent) => {
        if (!markOf<MatrixActor>(event.target, 'text[data-actor-id]')) return;
        core.emit({ hoveredActor: null });
        core.tooltip.hide();
      })
      .on('click.et', (event: MouseEvent) => {
        const hit = markOf<MatrixActor>(event.target, 'text[data-actor-id]');
        if (!hit) return;
        event.stopPropagation();
        toggle(hit.d.id);
      });
    select(svg).on('click.et', () => {
      if (core.state().selectedActor !== null) core.emit({ selectedActor: null });
    });
    core.onDestroy(() => {
      cellLayer.on('.et', null);
      labelLayer.on('.et', null);
      select(svg).on('.et', null);
    });
  } else {
    const target = canvas;
    const sel = select(target);
    sel
      .on('pointermove.et', (event: PointerEvent) => {
        const [px, py] = pointer(event, target);
        const hit = hitAt(px, py);
        if (hit && 'cell' in hit) {
          if (!hoverCell || keyOf(hoverCell) !== keyOf(hit.cell)) hoverCellNow(hit.cell, null);
          core.showTip(cellTip(hit.cell), event);
        } else if (hit) {
          hoverCell = null;
          core.emit({ hoveredActor: hit.actor });
          const tip = actorTip(hit.actor);
          if (tip) core.showTip(tip, event);
          emphasise();
        } else if (hoverCell || core.state().hoveredActor !== null) hoverCellNow(null, null);
        else core.tooltip.hide();
      })
      .on('pointerleave.et', () => hoverCellNow(null, null))
      .on('click.et', (event: MouseEvent) => {
        const [px, py] = pointer(event, target);
        const hit = hitAt(px, py);
        if (hit) toggle('cell' in hit ? hit.cell.source : hit.actor);
        else if (core.state().selectedActor !== null) core.emit({ selectedActor: null });
      })
      .on('focus.et', () => {
        // A click focuses the canvas too: only keyboard focus puts the cursor on a cell.
        if (!keyboardFocus(target)) return;
        const selected = core.state().selectedActor;
        const start = (focusKey ? cellIndex.byKey.get(focusKey) : undefined) ?? layout.cells.find((c) => c.source === selected) ?? layout.cells[0];
        if (start) focusCell(start);
      })
      .on('blur.et', () => hoverCellNow(null, null))
      .on('keydown.et', (event: KeyboardEvent) => {
        const from = (focusKey ? cellIndex.byKey.get(focusKey) : undefined) ?? layout.cells[0];
        if (from) onKey(event, from);
      });
    core.onDestroy(() => {
      sel.on('.et', null);
      if (frameRequest && core.win?.cancelAnimationFrame) core.win.cancelAnimationFrame(frameRequest);
    });
  }

  function rewindow(): void {
    windowed();
    draw();
    core.drawTable(graph, data, tableCaption());
  }
  const tableCaption = (): string => `Relations${core.state().window ? ' in the selected period' : ''}`;

  draw();
  emphasise();
  core.drawTable(graph, data, tableCaption());

  return {
    node: wrapper,
    get layout() {
      return layout;
    },
    get graph() {
      return graph;
    },
    get renderer() {
      return mode;
    },
    update(next: Dataset) {
      if (core.destroyed) return;
      data = next;
      compute();
      select(svg).select(`#${ctx.idPrefix}-title`).text(title());
      draw();
      emphasise();
      core.drawTable(graph, data, tableCaption());
    },
    setState(next: ViewState) {
      core.follow(next);
    },
    getState: () => core.state(),
    on: core.on,
    destroy: core.destroy,
  };
}

/** Cells by `source target`, by row (sorted by column) and by column (sorted by row), for keyboard moves. */
interface CellIndex {
  readonly byKey: Map<string, MatrixCell>;
  readonly byRow: Map<number, MatrixCell[]>;
  readonly byCol: Map<number, MatrixCell[]>;
  /** Rows and columns that have cells, ascending. */
  readonly rows: number[];
  readonly cols: number[];
}

function keyOf(c: Pick<MatrixCell, 'source' | 'target'>): string {
  return `${c.source} ${c.target}`;
}

function indexCells(cells: readonly MatrixCell[]): CellIndex {
  const byKey = new Map<string, MatrixCell>();
  const byRow = new Map<number, MatrixCell[]>();
  const byCol = new Map<number, MatrixCell[]>();
  // Layout cells come sorted by row, then column: rows fill in column order.
  for (const c of cells) {
    byKey.set(keyOf(c), c);
    const r = byRow.get(c.row);
    if (r) r.push(c);
    else byRow.set(c.row, [c]);
    const k = byCol.get(c.col);
    if (k) k.push(c);
    else byCol.set(c.col, [c]);
  }
  return { byKey, byRow, byCol, rows: [...byRow.keys()].sort((a, b) => a - b), cols: [...byCol.keys()].sort((a, b) => a - b) };
}

/**
 * The next cell along the row in `dir`, or, at the row's end, the first cell of the next row
 * that has any (the last of the previous one, going left): so Right and Left alone visit every
 * cell, in reading order.
 */
function stepRow(index: CellIndex, from: MatrixCell, dir: 1 | -1): MatrixCell | undefined {
  const row = index.byRow.get(from.row) ?? [];
  const i = row.findIndex((c) => c.col === from.col);
  const along = row[i + dir];
  if (along) return along;
  const r = index.rows[index.rows.indexOf(from.row) + dir];
  if (r === undefined) return undefined;
  const next = index.byRow.get(r)!;
  return dir > 0 ? next[0] : next.at(-1);
}

/** The next cell down (or up) the column, or at its end the first (last) cell of the next (previous) column that has any. */
function stepCol(index: CellIndex, from: MatrixCell, dir: 1 | -1): MatrixCell | undefined {
  const col = index.byCol.get(from.col) ?? [];
  const i = col.findIndex((c) => c.row === from.row);
  const along = col[i + dir];
  if (along) return along;
  const k = index.cols[index.cols.indexOf(from.col) + dir];
  if (k === undefined) return undefined;
  const next = index.byCol.get(k)!;
  return dir > 0 ? next[0] : next.at(-1);
}

/** Whether an element was focused from the keyboard (`:focus-visible`); true where that cannot be told. */
function keyboardFocus(el: Element): boolean {
  try {
    return el.matches(':focus-visible');
  } catch {
    return true;
  }
}
