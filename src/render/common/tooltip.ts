import type { RenderContext } from './context.js';
import { safeUrl } from './safe-url.js';

/**
 * What a tooltip shows: a title line, plain text lines and source links. Everything is text;
 * nothing is parsed as HTML.
 *
 * @example
 * ```ts
 * const content: TooltipContent = {
 *   title: 'Kim Jong Un visits Vladivostok',
 *   lines: ['13 September 2023', 'Kim Jong Un (source), Vladimir Putin (target)'],
 *   links: [{ href: 'https://example.org/report', text: 'Reuters' }],
 * };
 * ```
 */
export interface TooltipContent {
  readonly title: string;
  readonly lines: readonly string[];
  readonly links: readonly { readonly href: string; readonly text: string }[];
}

/** A tooltip owned by one view. */
export interface Tooltip {
  /** The tooltip element (`role="tooltip"`). */
  readonly node: HTMLElement;
  /** Shows `content` near (`x`, `y`), in pixels relative to the container, kept inside it. */
  show(content: TooltipContent, x: number, y: number): void;
  hide(): void;
  /** Removes the tooltip and its live region. */
  destroy(): void;
}

let counter = 0;

/**
 * Creates a tooltip inside `container` (which should be positioned, e.g. `position: relative`;
 * view wrappers are). It is built with `createElement` and `textContent` only, links pass
 * through {@link safeUrl} (unsafe ones are shown as plain text) and open in a new tab with
 * `rel="noopener noreferrer"`. A visually hidden `aria-live` region repeats the content so
 * screen readers announce it.
 *
 * @example
 * ```ts
 * const tip = createTooltip(wrapper, ctx);
 * tip.show({ title: 'Summit', lines: ['13 September 2023'], links: [] }, 120, 40);
 * tip.hide();
 * ```
 */
export function createTooltip(container: HTMLElement, ctx: RenderContext): Tooltip {
  const doc = ctx.document;
  const node = doc.createElement('div');
  node.className = 'et-tooltip';
  node.setAttribute('role', 'tooltip');
  node.id = `${ctx.idPrefix}-tooltip-${++counter}`;
  node.hidden = true;
  // Inline essentials so the tooltip still works when the chart stylesheet is absent.
  node.style.position = 'absolute';
  node.style.pointerEvents = 'none';
  node.style.left = '0px';
  node.style.top = '0px';

  const live = doc.createElement('div');
  live.className = 'et-sr-only';
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('aria-atomic', 'true');

  container.append(node, live);

  function fill(content: TooltipContent): void {
    node.replaceChildren();
    const title = doc.createElement('div');
    title.className = 'et-tooltip-title';
    title.textContent = content.title;
    node.append(title);
    for (const line of content.lines) {
      const div = doc.createElement('div');
      div.textContent = line;
      node.append(div);
    }
    for (const link of content.links) {
      const div = doc.createElement('div');
      const href = safeUrl(link.href);
      if (href) {
        const a = doc.createElement('a');
        a.href = href;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        a.textContent = link.text || href;
        div.append(a);
      } else {
        div.textContent = link.text;
      }
      node.append(div);
    }
    live.textContent = [content.title, ...content.lines].join('. ');
  }

  return {
    node,
    show(content, x, y) {
      fill(content);
      node.hidden = false;
      const offset = 12;
      const cw = container.clientWidth;
      const ch = container.clientHeight;
      const w = node.offsetWidth;
      const h = node.offsetHeight;
      let left = x + offset;
      let top = y + offset;
      // Flip to the other side of the pointer before clamping, so the tip never covers it.
      if (cw > 0 && left + w > cw) left = x - offset - w;
      if (ch > 0 && top + h > ch) top = y - offset - h;
      if (cw > 0) left = Math.min(Math.max(0, left), Math.max(0, cw - w));
      if (ch > 0) top = Math.min(Math.max(0, top), Math.max(0, ch - h));
      node.style.left = `${Math.round(left)}px`;
      node.style.top = `${Math.round(top)}px`;
    },
    hide() {
      node.hidden = true;
      live.textContent = '';
    },
    destroy() {
      node.remove();
      live.remove();
    },
  };
}
