import type { Dataset } from '../../model/types.js';
import { EMPTY_VIEW_STATE, patchViewState, type ViewState } from '../../link/state.js';
import { layoutStoryline, type StorylineLayout, type StorylineOptions } from '../../layout/storyline.js';
import type { RenderContext } from '../common/context.js';
import { applyTheme, resolveTheme, type Theme } from '../common/theme.js';
import { applyStorylineState, drawStoryline, SVG_NS } from './draw.js';

/**
 * Options of {@link renderStorylineSVG}: the layout options (text is measured with the render
 * context's measurer) plus presentation.
 *
 * @example
 * ```ts
 * const options: StorylineSVGOptions = { width: 960, title: 'North Korea and Russia, 2024', theme: 'dark' };
 * ```
 */
export interface StorylineSVGOptions extends Omit<StorylineOptions, 'measureText'> {
  /** The chart's accessible name (`<title>`). Default: the dataset title, else `Storyline`. */
  readonly title?: string;
  /** The chart's description (`<desc>`). Default: a sentence on actors, events and dates. */
  readonly description?: string;
  /** `light` (default), `dark` or a custom theme; its variables are set inline on the `<svg>`. */
  readonly theme?: 'light' | 'dark' | Theme;
  /** Colours for actors without their own `color`, in dataset order. Default Okabe–Ito. */
  readonly palette?: readonly string[];
  /** A view state to show (e.g. a selected actor highlighted in a static figure). */
  readonly state?: Partial<ViewState>;
  /** A precomputed layout of the same dataset and options, to skip laying out again. */
  readonly layout?: StorylineLayout;
}

/**
 * Renders a storyline as a self-contained `<svg>` in `ctx.document`: no window, no transitions,
 * deterministic. Each actor line carries `data-actor-id` and each event marker `data-event-id`;
 * the chart has `<title>`/`<desc>` and every line and marker an `aria-label`.
 *
 * @example
 * ```ts
 * import { createStaticContext, serializeSVG, renderStorylineSVG } from 'entity-timeline';
 * const ctx = createStaticContext();
 * const svg = renderStorylineSVG(ctx, dataset, { width: 960 });
 * writeFileSync('storyline.svg', serializeSVG(svg));
 * ```
 */
export function renderStorylineSVG(ctx: RenderContext, dataset: Dataset, options: StorylineSVGOptions): SVGSVGElement {
  const layout = options.layout ?? layoutStoryline(dataset, { ...options, measureText: ctx.measureText });
  const svg = ctx.document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  drawStoryline(svg, ctx, dataset, layout, {
    title: options.title ?? dataset.meta.title ?? 'Storyline',
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.palette ? { palette: options.palette } : {}),
    interactive: false,
  });
  applyTheme(svg, resolveTheme(options.theme));
  if (options.state) applyStorylineState(svg, layout, patchViewState(EMPTY_VIEW_STATE, options.state));
  return svg;
}
