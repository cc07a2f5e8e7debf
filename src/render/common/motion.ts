/**
 * Whether the reader asked for reduced motion. `false` when there is no window or no
 * `matchMedia` (Node, jsdom), so static and server rendering never depend on it.
 *
 * @example
 * ```ts
 * const duration = prefersReducedMotion(container.ownerDocument.defaultView) ? 0 : 250;
 * ```
 */
export function prefersReducedMotion(win?: Window | null): boolean {
  if (!win || typeof win.matchMedia !== 'function') return false;
  try {
    return win.matchMedia('(prefers-reduced-motion: reduce)').matches;
  } catch {
    return false;
  }
}
