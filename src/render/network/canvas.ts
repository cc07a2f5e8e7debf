/**
 * Canvas drawing and hit testing for big networks (thousands of actors), where one SVG
 * element per node and edge would make the page sluggish. Drawing reads the same layout
 * records as the SVG renderer; hit testing uses quadtrees so the pointer finds the node or
 * edge under it in O(log n).
 */
import { quadtree } from 'd3-quadtree';
import type { Quadtree } from 'd3-quadtree';
import type { ForceEdge, ForceLabel, ForceNode } from '../../layout/force.js';
import type { MatrixLayout } from '../../layout/matrix.js';

/** A pan/zoom transform (d3-zoom's `ZoomTransform` fits). */
export interface NetworkCanvasTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** Colours read from the theme (CSS variables cannot be used on a canvas). */
export interface NetworkCanvasColors {
  readonly background: string;
  readonly foreground: string;
  readonly edge: string;
  readonly highlight: string;
  readonly focus: string;
}

/** What to draw and how to emphasise it. */
export interface NetworkCanvasScene {
  readonly nodes: readonly ForceNode[];
  readonly edges: readonly ForceEdge[];
  readonly labels: readonly ForceLabel[];
  readonly transform: NetworkCanvasTransform;
  readonly colors: NetworkCanvasColors;
  /** Highlighted actors (the hovered or selected one and its neighbours); others are dimmed. */
  readonly highlighted?: ReadonlySet<string> | null;
  /**
   * Ids of the edges to draw highlighted (those of a hovered or selected event, say); the rest
   * are dimmed when `highlighted` is set. Default: the edges between two highlighted actors.
   */
  readonly litEdges?: ReadonlySet<string> | null;
  readonly selected?: string | null;
  readonly focused?: string | null;
  /** Opacity of dimmed marks. Default 0.15. */
  readonly dimOpacity?: number;
  readonly fontSize?: number;
  /** Device pixel ratio the canvas was sized with. Default 1. */
  readonly pixelRatio?: number;
  /**
   * Draw only the emphasis over a picture already on the canvas (the same scene drawn without
   * emphasis, copied from a cached bitmap): no background, the picture dimmed by one wash of
   * the background colour when actors are highlighted (the same colours as dimmed marks
   * drawn one by one, where marks do not overlap), then the highlighted edges, nodes and
   * labels and the selection and focus rings. Hovering a big network then costs a bitmap copy
   * and a few marks instead of a repaint of everything. Default false.
   */
  readonly emphasisOnly?: boolean;
}

/** The subset of `CanvasRenderingContext2D` used, so tests can pass a recorder. */
export type NetworkCanvas2D = Pick<
  CanvasRenderingContext2D,
  'save' | 'restore' | 'setTransform' | 'clearRect' | 'fillRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'arc' | 'closePath' | 'fill' | 'stroke' | 'fillText' | 'strokeText' | 'setLineDash'
> & { fillStyle: unknown; strokeStyle: unknown; lineWidth: number; globalAlpha: number; font: string; textAlign: CanvasTextAlign; textBaseline: CanvasTextBaseline; lineJoin: CanvasLineJoin };

/**
 * Draws a positioned network onto a 2D canvas context: edges (batched by style), arrowheads,
 * nodes shaped by kind, then labels when zoomed in enough to read them.
 *
 * @example
 * ```ts
 * drawNetworkCanvas(canvas.getContext('2d')!, { ...layout, transform: zoomTransform(canvas), colors }, width, height);
 * ```
 */
export function drawNetworkCanvas(g: NetworkCanvas2D, scene: NetworkCanvasScene, width: number, height: number): void {
  const steps = drawNetworkCanvasSteps(g, scene, width, height, Infinity);
  while (!steps.next().done);
}

/**
 * {@link drawNetworkCanvas} as resumable work: the generator pauses after every `grain` edges,
 * arrowheads or nodes, or a tenth as many labels (text costs more), each batch stroked or filled on its own, so a view can paint tens
 * of thousands of marks over several tasks instead of blocking the page for one long one (the
 * picture builds up: edges, then nodes, then labels). With `grain` = Infinity it makes exactly
 * the calls of `drawNetworkCanvas`. Stopping it early (`return()`) restores the context.
 *
 * @example
 * ```ts
 * const steps = drawNetworkCanvasSteps(context, scene, 1200, 800, 4000);
 * await runInSlices(steps, { budgetMs: 8 });
 * ```
 */
export function* drawNetworkCanvasSteps(g: NetworkCanvas2D, scene: NetworkCanvasScene, width: number, height: number, grain = 4000): Generator<void, void, void> {
  const { transform: t, colors } = scene;
  const ratio = scene.pixelRatio ?? 1;
  const dim = scene.dimOpacity ?? 0.15;
  const lit = scene.highlighted ?? null;
  const only = scene.emphasisOnly === true;
  g.save();
  try {
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.globalAlpha = only ? 1 - dim : 1;
    g.fillStyle = colors.background;
    if (!only || lit !== null) g.fillRect(0, 0, width, height);
    g.globalAlpha = 1;
    g.setTransform(ratio * t.k, 0, 0, ratio * t.k, ratio * t.x, ratio * t.y);

    // Edges: one path per style (and batch) keeps thousands of edges cheap.
    // An edge is lit when both its ends are (lit.has(source) already implies a non-empty set).
    const litEdges = scene.litEdges ?? null;
    const edgeLit = litEdges ? (e: ForceEdge): boolean => litEdges.has(e.id) : (e: ForceEdge): boolean => lit !== null && lit.has(e.source) && lit.has(e.target);
    const emphasised = lit !== null || litEdges !== null;
    for (const pass of ['dim', 'lit'] as const) {
      // Over the cached picture, the plain and dimmed edges are already there.
      if (only && pass === 'dim') continue;
      for (const affiliation of [false, true]) {
        const stroke = (): void => {
          g.globalAlpha = lit !== null && pass === 'dim' ? dim : 0.7;
          g.strokeStyle = pass === 'lit' && emphasised ? colors.highlight : colors.edge;
          g.lineWidth = (affiliation ? 0.75 : 1) / Math.sqrt(t.k);
          g.setLineDash(affiliation ? [4 / t.k, 3 / t.k] : []);
          g.stroke();
        };
        g.beginPath();
        let batch = 0;
        for (const e of scene.edges) {
          if ((e.kind === 'affiliation') !== affiliation) continue;
          const on = !emphasised ? pass === 'dim' : edgeLit(e) === (pass === 'lit');
          if (!on) continue;
          if (batch === grain) {
            stroke();
            yield;
            g.beginPath();
            batch = 0;
          }
          batch += 1;
          g.moveTo(e.x1, e.y1);
          if (e.cx === (e.x1 + e.x2) / 2 && e.cy === (e.y1 + e.y2) / 2) g.lineTo(e.x2, e.y2);
          else g.quadraticCurveTo(e.cx, e.cy, e.x2, e.y2);
        }
        if (batch > 0) stroke();
      }
    }
    g.setLineDash([]);
    // Arrowheads.
    const fillArrows = (): void => {
      g.globalAlpha = lit !== null ? dim : 0.8;
      g.fillStyle = colors.edge;
      g.fill();
    };
    g.beginPath();
    let arrows = 0;
    // Arrowheads are drawn plain or dimmed, never emphasised: the cached picture has them.
    for (const e of only ? [] : scene.edges) {
      if (!e.directed || e.kind !== 'relation') continue;
      if (arrows === grain) {
        fillArrows();
        yield;
        g.beginPath();
        arrows = 0;
      }
      arrows += 1;
      const { x, y, angle } = e.arrow;
      const s = 6 / Math.sqrt(t.k);
      g.moveTo(x, y);
      g.lineTo(x - s * Math.cos(angle - 0.4), y - s * Math.sin(angle - 0.4));
      g.lineTo(x - s * Math.cos(angle + 0.4), y - s * Math.sin(angle + 0.4));
      g.closePath();
    }
    if (!only) fillArrows();

    // Nodes: one path per (opacity, colour, hollow or filled), so thousands of nodes cost a few
    // dozen fills instead of one each. Buckets keep the nodes' order within them.
    const buckets = new Map<string, ForceNode[]>();
    for (const n of scene.nodes) {
      if (only && (lit === null || !lit.has(n.id))) continue;
      const alpha = lit !== null && !lit.has(n.id) ? dim : n.active ? 1 : 0.35;
      const key = `${alpha}\u0000${n.kind === 'other' ? 'o' : 'f'}\u0000${n.color}`;
      const list = buckets.get(key);
      if (list) list.push(n);
      else buckets.set(key, [n]);
    }
    let shapes = 0;
    for (const [key, list] of buckets) {
      const [alpha, hollow, color] = key.split('\u0000') as [string, string, string];
      for (let from = 0; from < list.length; from += grain) {
        if (shapes >= grain) {
          yield;
          shapes = 0;
        }
        const to = Math.min(list.length, from + grain);
        shapes += to - from;
        g.globalAlpha = Number(alpha);
        g.beginPath();
        for (let i = from; i < to; i++) shape(g, list[i]!);
        if (hollow === 'o') {
          g.fillStyle = colors.background;
          g.fill();
          g.strokeStyle = color;
          g.lineWidth = 2 / Math.sqrt(t.k);
          g.stroke();
        } else {
          g.fillStyle = color;
          g.fill();
        }
      }
    }
    for (const n of scene.nodes) {
      if (n.id !== scene.selected && n.id !== scene.focused) continue;
      g.globalAlpha = 1;
      g.beginPath();
      shape(g, n);
      g.strokeStyle = n.id === scene.focused ? colors.focus : colors.foreground;
      g.lineWidth = 3 / t.k;
      g.stroke();
    }

    // Labels, only when they would be legible.
    const fontSize = scene.fontSize ?? 11;
    if (t.k * fontSize >= 8) {
      g.font = `${fontSize}px system-ui, sans-serif`;
      g.textBaseline = 'middle';
      g.lineJoin = 'round';
      const byId = new Set(lit ?? []);
      let texts = 0;
      // A label (a stroked and a filled text) costs about what ten shapes do.
      const textGrain = Math.max(1, Math.ceil(grain / 10));
      for (const l of scene.labels) {
        if (!l.visible && !byId.has(l.id)) continue;
        if (only && !byId.has(l.id)) continue;
        if (++texts > textGrain) {
          yield;
          texts = 1;
        }
        g.globalAlpha = lit !== null && !lit.has(l.id) ? dim : 1;
        g.textAlign = l.anchor === 'start' ? 'left' : l.anchor === 'end' ? 'right' : 'center';
        g.strokeStyle = colors.background;
        g.lineWidth = 3;
        g.strokeText(l.text, l.x, l.y);
        g.fillStyle = colors.foreground;
        g.fillText(l.text, l.x, l.y);
      }
    }
  } finally {
    g.restore();
  }
}

function shape(g: NetworkCanvas2D, n: ForceNode): void {
  const { x, y, r } = n;
  switch (n.kind) {
    case 'state': {
      const h = r * 0.886;
      g.moveTo(x - h, y - h);
      g.lineTo(x + h, y - h);
      g.lineTo(x + h, y + h);
      g.lineTo(x - h, y + h);
      g.closePath();
      return;
    }
    case 'organisation': {
      const d = r * 1.253;
      g.moveTo(x, y - d);
      g.lineTo(x + d, y);
      g.lineTo(x, y + d);
      g.lineTo(x - d, y);
      g.closePath();
      return;
    }
    case 'group': {
      const s = r * 2.694;
      const h = (s * Math.sqrt(3)) / 2;
      g.moveTo(x, y - (2 * h) / 3);
      g.lineTo(x + s / 2, y + h / 3);
      g.lineTo(x - s / 2, y + h / 3);
      g.closePath();
      return;
    }
    default:
      g.moveTo(x + r, y);
      g.arc(x, y, r, 0, 2 * Math.PI);
  }
}

/** Finds the node or edge under a point (in layout coordinates). */
export interface NetworkHitTester {
  /** The node whose shape (plus `slop` pixels) contains the point, nearest first. */
  nodeAt(x: number, y: number, slop?: number): ForceNode | undefined;
  /** The edge whose middle is within `radius` of the point. */
  edgeAt(x: number, y: number, radius?: number): ForceEdge | undefined;
}

/**
 * Builds quadtrees over node centres and edge midpoints for O(log n) hit testing.
 *
 * @example
 * ```ts
 * const hits = createNetworkHitTester(layout.nodes, layout.edges);
 * const [x, y] = transform.invert(pointer(event));
 * hits.nodeAt(x, y)?.id;
 * ```
 */
export function createNetworkHitTester(nodes: readonly ForceNode[], edges: readonly ForceEdge[]): NetworkHitTester {
  // The trees are built on first use: at tens of thousands of edges building them takes tens of
  // milliseconds, which a view should not spend before the reader even points at anything.
  let nodeTree: Quadtree<ForceNode> | null = null;
  let edgeTree: Quadtree<ForceEdge> | null = null;
  let maxR = 0;
  return {
    nodeAt(x, y, slop = 3) {
      if (!nodeTree) {
        nodeTree = quadtree<ForceNode>()
          .x((d) => d.x)
          .y((d) => d.y)
          .addAll(nodes.slice());
        for (const n of nodes) maxR = Math.max(maxR, n.r);
      }
      const found = nodeTree.find(x, y, maxR + slop);
      if (!found) return undefined;
      return Math.hypot(found.x - x, found.y - y) <= found.r + slop ? found : undefined;
    },
    edgeAt(x, y, radius = 6) {
      edgeTree ??= quadtree<ForceEdge>()
        .x((d) => d.labelX)
        .y((d) => d.labelY)
        .addAll(edges.slice());
      return edgeTree.find(x, y, radius);
    },
  };
}

/** Colours of a canvas matrix. */
export interface MatrixCanvasColors {
  readonly background: string;
  /** Cell colour; opacity comes from the cell's weight. */
  readonly cell: string;
  readonly text: string;
}

/**
 * Draws an adjacency matrix on a canvas: the way to show dense graphs with hundreds of actors
 * (tens of thousands of cells), where one SVG `<rect>` per cell gets slow. Row and column
 * labels are drawn only while cells are at least 8 pixels tall.
 *
 * @example
 * ```ts
 * const matrix = layoutMatrix(buildNetwork(dataset), { cellSize: 4, offset: { x: 120, y: 120 } });
 * drawMatrixCanvas(canvas.getContext('2d')!, matrix, { background: '#fff', cell: '#0072B2', text: '#1b1b1f' }, 800, 800);
 * ```
 */
export function drawMatrixCanvas(g: NetworkCanvas2D, layout: MatrixLayout, colors: MatrixCanvasColors, width: number, height: number, pixelRatio = 1): void {
  g.save();
  g.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  g.globalAlpha = 1;
  g.fillStyle = colors.background;
  g.fillRect(0, 0, width, height);
  g.fillStyle = colors.cell;
  for (const c of layout.cells) {
    g.globalAlpha = c.opacity;
    g.fillRect(c.x, c.y, layout.cellSize, layout.cellSize);
  }
  g.globalAlpha = 1;
  if (layout.cellSize >= 8) {
    g.fillStyle = colors.text;
    g.font = `${Math.min(11, layout.cellSize)}px system-ui, sans-serif`;
    g.textBaseline = 'middle';
    g.textAlign = 'right';
    for (const a of layout.actors) g.fillText(a.label, layout.offset.x - 4, layout.offset.y + a.position + layout.cellSize / 2);
  }
  g.restore();
}
