/**
 * Themes for every view: a named set of CSS custom properties (`--et-…`) and the one
 * stylesheet that reads them. Colours live only in the variables, so a dark page can restyle a
 * chart by overriding a few properties, and static SVG carries its theme inline.
 */

/** A CSS custom property name used by the chart stylesheet. */
export type ThemeVar = `--et-${string}`;

/**
 * A named set of CSS custom properties that {@link chartCss} reads.
 *
 * @example
 * ```ts
 * const sepia: Theme = { name: 'sepia', vars: { ...lightTheme.vars, '--et-bg': '#f4ecd8' } };
 * ```
 */
export interface Theme {
  readonly name: string;
  readonly vars: Readonly<Record<ThemeVar, string>>;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * The default theme: dark text on white, contrast ratios of at least 4.5:1 for text.
 *
 * @example
 * ```ts
 * applyTheme(svg, lightTheme);
 * ```
 */
export const lightTheme: Theme = Object.freeze({
  name: 'light',
  vars: Object.freeze({
    '--et-bg': '#ffffff',
    '--et-fg': '#1b1b1f',
    '--et-muted': '#5f6368',
    '--et-grid': '#e6e6ea',
    '--et-axis': '#6b6b73',
    '--et-accent': '#0072B2',
    '--et-focus': '#1a5fb4',
    '--et-font': FONT,
    '--et-font-size': '12px',
    '--et-tooltip-bg': '#1b1b1f',
    '--et-tooltip-fg': '#ffffff',
    '--et-highlight': '#D55E00',
    '--et-dim-opacity': '0.2',
    '--et-lane-bg': '#f6f6f8',
    '--et-band': '#eef3f8',
  }),
});

/**
 * A dark theme with the same variables as {@link lightTheme}.
 *
 * @example
 * ```ts
 * renderTimelineSVG(ctx, dataset, { theme: darkTheme });
 * ```
 */
export const darkTheme: Theme = Object.freeze({
  name: 'dark',
  vars: Object.freeze({
    '--et-bg': '#16161a',
    '--et-fg': '#ececf1',
    '--et-muted': '#a0a0ab',
    '--et-grid': '#2c2c33',
    '--et-axis': '#9a9aa5',
    '--et-accent': '#56B4E9',
    '--et-focus': '#8cc8ff',
    '--et-font': FONT,
    '--et-font-size': '12px',
    '--et-tooltip-bg': '#ececf1',
    '--et-tooltip-fg': '#16161a',
    '--et-highlight': '#F0A35E',
    '--et-dim-opacity': '0.25',
    '--et-lane-bg': '#1e1e24',
    '--et-band': '#1f2630',
  }),
});

/**
 * Normalises a theme option: a name of a built-in theme, a custom theme, or nothing (light).
 * A custom theme inherits every variable it does not set from the light theme.
 *
 * @example
 * ```ts
 * resolveTheme('dark') === darkTheme; // true
 * ```
 */
export function resolveTheme(theme: 'light' | 'dark' | Theme | undefined): Theme {
  if (theme === undefined || theme === 'light') return lightTheme;
  if (theme === 'dark') return darkTheme;
  if (typeof theme !== 'object' || theme === null || typeof theme.vars !== 'object') {
    throw new TypeError(`Unknown theme ${JSON.stringify(theme)}: use 'light', 'dark' or a { name, vars } object.`);
  }
  return { name: theme.name, vars: { ...lightTheme.vars, ...theme.vars } };
}

/**
 * Sets the theme's custom properties as inline style on the chart root, so a serialised SVG is
 * self-contained. Only `--et-` properties are written; other inline style is kept.
 *
 * @example
 * ```ts
 * applyTheme(svg, resolveTheme('dark'));
 * ```
 */
export function applyTheme(element: Element, theme: Theme): void {
  const styled = element as Element & { style?: CSSStyleDeclaration };
  const entries = Object.entries(theme.vars) as [ThemeVar, string][];
  if (styled.style && typeof styled.style.setProperty === 'function') {
    for (const [name, value] of entries) styled.style.setProperty(name, value);
    // Minimal DOMs (the SSR context) may keep style only as an attribute; fall through then.
    if (element.getAttribute('style')) return;
  }
  const kept = (element.getAttribute('style') ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('--et-'));
  element.setAttribute('style', [...kept, ...entries.map(([n, v]) => `${n}: ${v}`)].join('; '));
}

/**
 * The stylesheet every view shares. Every selector is scoped under `.${rootClass}` so nothing
 * leaks into the host page, and colours come only from `var(--et-…)`.
 *
 * @example
 * ```ts
 * const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
 * style.textContent = chartCss('et-chart');
 * svg.append(style);
 * ```
 */
export function chartCss(rootClass: string): string {
  if (!/^-?[_a-zA-Z][_a-zA-Z0-9-]*$/.test(rootClass)) {
    throw new TypeError(`chartCss: ${JSON.stringify(rootClass)} is not a valid CSS class name.`);
  }
  const r = `.${rootClass}`;
  return [
    `${r} { font-family: var(--et-font); font-size: var(--et-font-size); color: var(--et-fg); background: var(--et-bg); }`,
    `${r} text { fill: var(--et-fg); font-family: var(--et-font); }`,
    `${r} .et-muted, ${r} .et-axis text { fill: var(--et-muted); }`,
    `${r} .et-axis line, ${r} .et-axis path { stroke: var(--et-axis); }`,
    `${r} .et-grid line { stroke: var(--et-grid); }`,
    `${r} .et-lane-bg { fill: var(--et-lane-bg); }`,
    `${r} .et-band { fill: var(--et-band); }`,
    `${r} .et-ref-line { stroke: var(--et-highlight); stroke-dasharray: 4 3; }`,
    `${r} .et-mark, ${r} .et-node, ${r} .et-edge, ${r} .et-connector { transition: opacity 200ms ease, stroke-width 200ms ease; }`,
    `${r} [tabindex]:focus { outline: none; }`,
    `${r} [tabindex]:focus-visible { outline: 2px solid var(--et-focus); outline-offset: 2px; }`,
    `${r} .et-mark:focus-visible, ${r} .et-node:focus-visible { stroke: var(--et-focus); stroke-width: 3px; }`,
    `${r} .et-dim { opacity: var(--et-dim-opacity); }`,
    `${r} .et-highlight { stroke: var(--et-highlight); stroke-width: 2.5px; }`,
    `${r} .et-selected { stroke: var(--et-fg); stroke-width: 3px; }`,
    `${r} .et-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }`,
    `${r} .et-tooltip { position: absolute; pointer-events: none; z-index: 10; max-width: 320px; padding: 6px 8px; border-radius: 4px; background: var(--et-tooltip-bg); color: var(--et-tooltip-fg); font: var(--et-font-size)/1.4 var(--et-font); box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); }`,
    `${r} .et-tooltip[hidden] { display: none; }`,
    `${r} .et-tooltip a { color: inherit; pointer-events: auto; }`,
    `${r} .et-tooltip-title { font-weight: 600; }`,
    `${r} .et-table { border-collapse: collapse; }`,
    `${r} .et-table th, ${r} .et-table td { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--et-grid); }`,
    `@media (prefers-reduced-motion: reduce) { ${r} *, ${r} *::before, ${r} *::after { transition: none !important; animation: none !important; } }`,
  ].join('\n');
}
