/**
 * Label placement: show as many labels as fit without overlapping each other or other marks,
 * and say how many were left out.
 */

/** An axis-aligned box in pixels: [x0, x1) × [y0, y1). */
export interface Box {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** A label that wants to be placed at a fixed box. */
export interface LabelCandidate extends Box {
  readonly id: string;
  /** Higher goes first. Default 0; ties keep input order. */
  readonly priority?: number;
  /** Id of the obstacle the label belongs to (its own mark), which it may touch. */
  readonly owner?: string;
  /** Other places to try, in order, when the first box does not fit. */
  readonly alternatives?: readonly Box[];
}

/** An obstacle labels must not cover (a mark), optionally owned by one label. */
export interface LabelObstacle extends Box {
  readonly owner?: string;
}

/** Options for {@link placeLabels}. */
export interface PlaceLabelsOptions {
  /** Marks that labels must not cover. */
  readonly obstacles?: readonly LabelObstacle[];
  /** Labels must lie inside this box (e.g. the plot area); labels outside are hidden. */
  readonly bounds?: Box;
  /** Extra space kept around each placed label, in pixels. Default 2. */
  readonly padding?: number;
}

/** The result of {@link placeLabels}. */
export interface PlacedLabels {
  /** Whether each candidate is shown, in input order. */
  readonly visible: boolean[];
  /** Which box each candidate got: 0 its own box, k its k-th alternative, -1 hidden. */
  readonly position: number[];
  /** How many candidates are hidden. */
  readonly hidden: number;
}

const CELL_W = 64;
const CELL_H = 16;

/**
 * A uniform grid of boxes, so each collision test looks only at nearby boxes (O(1) on average).
 * Plain loops rather than per-cell callbacks: this runs for every label of every relayout.
 */
class BoxGrid {
  private readonly cells = new Map<number, (LabelObstacle | Box)[]>();

  add(box: LabelObstacle | Box): void {
    const cx0 = Math.floor(box.x0 / CELL_W);
    const cx1 = Math.floor(box.x1 / CELL_W);
    const cy0 = Math.floor(box.y0 / CELL_H);
    const cy1 = Math.floor(box.y1 / CELL_H);
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        // x fits in 2^20 cells either way, plenty for any chart.
        const key = cy * 2_097_152 + cx;
        const cell = this.cells.get(key);
        if (cell) cell.push(box);
        else this.cells.set(key, [box]);
      }
    }
  }

  hits(box: Box, owner: string | undefined, pad: number): boolean {
    const cx0 = Math.floor(box.x0 / CELL_W);
    const cx1 = Math.floor(box.x1 / CELL_W);
    const cy0 = Math.floor(box.y0 / CELL_H);
    const cy1 = Math.floor(box.y1 / CELL_H);
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const cell = this.cells.get(cy * 2_097_152 + cx);
        if (!cell) continue;
        for (const other of cell) {
          if (owner !== undefined && (other as LabelObstacle).owner === owner) continue;
          if (box.x0 < other.x1 + pad && other.x0 < box.x1 + pad && box.y0 < other.y1 && other.y0 < box.y1) return true;
        }
      }
    }
    return false;
  }
}

/**
 * Greedy label placement: candidates are taken by priority (then input order); each is shown
 * in the first of its boxes (its own, then its alternatives) that lies inside `bounds` and
 * overlaps no label already shown and no obstacle other than its own mark. Every candidate is
 * either visible or counted in `hidden`.
 *
 * Boxes are fixed (the caller puts a label to the right of its mark, with widths from the
 * injected text measurer), which keeps the result deterministic in Node and in browsers.
 *
 * @example
 * ```ts
 * const { visible, hidden } = placeLabels(
 *   [{ id: 'a', x0: 10, x1: 80, y0: 0, y1: 14 }, { id: 'b', x0: 40, x1: 90, y0: 0, y1: 14 }],
 * );
 * visible;  // [true, false]
 * position; // [0, -1]
 * hidden;   // 1
 * ```
 */
export function placeLabels(candidates: readonly LabelCandidate[], options: PlaceLabelsOptions = {}): PlacedLabels {
  const pad = options.padding ?? 2;
  const bounds = options.bounds;
  const obstacles = new BoxGrid();
  for (const o of options.obstacles ?? []) obstacles.add(o);
  const placed = new BoxGrid();
  const order = candidates.map((_, i) => i);
  order.sort((a, b) => (candidates[b]!.priority ?? 0) - (candidates[a]!.priority ?? 0) || a - b);
  const visible = new Array<boolean>(candidates.length).fill(false);
  const position = new Array<number>(candidates.length).fill(-1);
  let hidden = 0;
  const fits = (b: Box, owner: string | undefined): boolean =>
    (!bounds || (b.x0 >= bounds.x0 && b.x1 <= bounds.x1 && b.y0 >= bounds.y0 && b.y1 <= bounds.y1)) &&
    b.x1 > b.x0 &&
    !placed.hits(b, undefined, pad) &&
    !obstacles.hits(b, owner, 0);
  for (const i of order) {
    const c = candidates[i]!;
    const boxes: readonly Box[] = [c, ...(c.alternatives ?? [])];
    const k = boxes.findIndex((b) => fits(b, c.owner));
    if (k >= 0) {
      placed.add(boxes[k]!);
      visible[i] = true;
      position[i] = k;
    } else hidden++;
  }
  return { visible, position, hidden };
}
