/**
 * Node shapes by actor kind. Kind is shown by shape (and named in the legend and the
 * accessible label), never by colour alone, because colour already encodes the affiliation
 * group. Every shape has roughly the area of a circle of radius `r`, so sizes compare fairly.
 */
import type { ActorKind } from '../../model/types.js';

/**
 * The shape each kind is drawn with, for legends and documentation.
 *
 * @example
 * ```ts
 * KIND_SHAPES.state; // 'rounded square'
 * ```
 */
export const KIND_SHAPES: Readonly<Record<ActorKind, string>> = Object.freeze({
  state: 'rounded square',
  person: 'circle',
  organisation: 'diamond',
  group: 'triangle',
  other: 'hollow circle',
});

/**
 * Display names of the kinds, used in legends and accessible labels.
 *
 * @example
 * ```ts
 * KIND_NAMES.organisation; // 'organisation'
 * ```
 */
export const KIND_NAMES: Readonly<Record<ActorKind, string>> = Object.freeze({
  state: 'state',
  person: 'person',
  organisation: 'organisation',
  group: 'group',
  other: 'other',
});

/**
 * SVG path data for a node of `kind` and radius `r`, centred on (0, 0).
 *
 * @example
 * ```ts
 * node.append('path').attr('d', nodeShapePath('state', 8));
 * ```
 */
export function nodeShapePath(kind: ActorKind, r: number): string {
  const f = (v: number): string => String(Math.round(v * 100) / 100);
  switch (kind) {
    case 'state': {
      // A square of the circle's area, corners rounded by a fifth of its half side.
      const h = r * 0.886;
      const c = h * 0.4;
      return `M${f(-h + c)},${f(-h)}H${f(h - c)}Q${f(h)},${f(-h)} ${f(h)},${f(-h + c)}V${f(h - c)}Q${f(h)},${f(h)} ${f(h - c)},${f(h)}H${f(-h + c)}Q${f(-h)},${f(h)} ${f(-h)},${f(h - c)}V${f(-h + c)}Q${f(-h)},${f(-h)} ${f(-h + c)},${f(-h)}Z`;
    }
    case 'organisation': {
      const d = r * 1.253;
      return `M0,${f(-d)}L${f(d)},0L0,${f(d)}L${f(-d)},0Z`;
    }
    case 'group': {
      // Equilateral triangle of the circle's area, centred on its centroid.
      const s = r * 2.694;
      const h = (s * Math.sqrt(3)) / 2;
      return `M0,${f((-2 * h) / 3)}L${f(s / 2)},${f(h / 3)}L${f(-s / 2)},${f(h / 3)}Z`;
    }
    case 'person':
    case 'other':
      return `M${f(r)},0A${f(r)},${f(r)} 0 1,1 ${f(-r)},0A${f(r)},${f(r)} 0 1,1 ${f(r)},0Z`;
  }
}
