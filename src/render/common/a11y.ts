import type { RenderContext } from './context.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Gives a chart an accessible name and description: prepends `<title>` and `<desc>` with ids
 * `${ctx.idPrefix}-title` / `-desc`, points `aria-labelledby` / `aria-describedby` at them and
 * sets `role="graphics-document document"` (with the ARIA 1.1 fallback), so screen readers
 * announce the chart and still let the reader enter its marks.
 *
 * @example
 * ```ts
 * appendTitleDesc(svg, ctx, 'North Korea–Russia, 2024', '42 events across 9 actors.');
 * ```
 */
export function appendTitleDesc(svg: SVGSVGElement, ctx: RenderContext, title: string, desc: string): void {
  const doc = ctx.document;
  const titleId = `${ctx.idPrefix}-title`;
  const descId = `${ctx.idPrefix}-desc`;
  // Views call this on every redraw (a moving window changes the description): when the pair
  // is already in place, only changed text is written, so a redraw adds no DOM mutations.
  const first = svg.firstElementChild;
  const second = first?.nextElementSibling;
  if (first?.id === titleId && first.localName === 'title' && second?.id === descId && second.localName === 'desc') {
    if (first.textContent !== title) first.textContent = title;
    if (second.textContent !== desc) second.textContent = desc;
  } else {
    for (const old of Array.from(svg.children)) {
      if (old.id === titleId || old.id === descId) old.remove();
    }
    const t = doc.createElementNS(SVG_NS, 'title');
    t.id = titleId;
    t.textContent = title;
    const d = doc.createElementNS(SVG_NS, 'desc');
    d.id = descId;
    d.textContent = desc;
    svg.insertBefore(d, svg.firstChild);
    svg.insertBefore(t, d);
  }
  if (svg.getAttribute('role') !== 'graphics-document document') svg.setAttribute('role', 'graphics-document document');
  if (svg.getAttribute('aria-labelledby') !== titleId) svg.setAttribute('aria-labelledby', titleId);
  if (svg.getAttribute('aria-describedby') !== descId) svg.setAttribute('aria-describedby', descId);
}

/** Class of the element {@link renderDataTable} puts its table in. */
export const TABLE_WRAP_CLASS = 'et-table-wrap';

/**
 * Appends an HTML table of the chart's data to `container`: the accessible alternative to the
 * picture. Cells are set with `textContent`. With `visuallyHidden` (the default) the table is
 * hidden from sight but read by screen readers.
 *
 * The table goes inside a `div.et-table-wrap` (with `et-sr-only` when hidden): tables ignore
 * `width: 1px; overflow: hidden`, so only a block wrapper can clip a wide table and keep it
 * from making the page scroll sideways. A visible table's wrapper scrolls on its own instead.
 * Removing the returned table leaves its (empty) wrapper, which the next call into the same
 * container reuses, so re-rendering never piles up wrappers.
 *
 * @example
 * ```ts
 * const table = renderDataTable(wrapper, ctx, 'Events', ['Date', 'Event', 'Actors'], [['2024-06-19', 'Treaty signed', 'Putin, Kim']]);
 * table.parentElement; // div.et-table-wrap.et-sr-only
 * ```
 */
export function renderDataTable(
  container: Element,
  ctx: RenderContext,
  caption: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  options: { visuallyHidden?: boolean } = {},
): HTMLTableElement {
  const doc = ctx.document;
  const hidden = options.visuallyHidden !== false;
  const wrapClass = hidden ? `${TABLE_WRAP_CLASS} et-sr-only` : TABLE_WRAP_CLASS;
  let wrap = Array.from(container.children).find((c) => c.localName === 'div' && c.getAttribute('class') === wrapClass && c.children.length === 0);
  if (!wrap) {
    wrap = doc.createElement('div');
    wrap.setAttribute('class', wrapClass);
    if (!hidden) wrap.setAttribute('style', 'overflow-x: auto; max-width: 100%');
    container.append(wrap);
  }
  const table = doc.createElement('table');
  table.className = 'et-table';
  const cap = doc.createElement('caption');
  cap.textContent = caption;
  table.append(cap);
  const thead = doc.createElement('thead');
  const headRow = doc.createElement('tr');
  for (const column of columns) {
    const th = doc.createElement('th');
    th.setAttribute('scope', 'col');
    th.textContent = column;
    headRow.append(th);
  }
  thead.append(headRow);
  const tbody = doc.createElement('tbody');
  for (const row of rows) {
    const tr = doc.createElement('tr');
    for (let i = 0; i < columns.length; i++) {
      const td = doc.createElement('td');
      td.textContent = row[i] ?? '';
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(thead, tbody);
  wrap.append(table);
  return table;
}

/**
 * Appends rows to a table made by {@link renderDataTable}, with the same cells (text only,
 * one per column, empty where a row is short), in one insertion: a view that builds a long
 * table in batches after its first paint adds each batch with this.
 *
 * @example
 * ```ts
 * const table = renderDataTable(wrapper, ctx, 'Events (2)', ['Date', 'Event'], []);
 * appendDataTableRows(table, [['12 Sep 2023', 'Summit'], ['13 Sep 2023', 'Visit']]);
 * ```
 */
export function appendDataTableRows(table: HTMLTableElement, rows: readonly (readonly string[])[]): void {
  const doc = table.ownerDocument;
  const width = table.tHead?.rows[0]?.cells.length;
  const body = table.tBodies[0] ?? table.appendChild(doc.createElement('tbody'));
  const fragment = doc.createDocumentFragment();
  for (const row of rows) {
    const tr = doc.createElement('tr');
    const n = width ?? row.length;
    for (let i = 0; i < n; i++) {
      const td = doc.createElement('td');
      td.textContent = row[i] ?? '';
      tr.append(td);
    }
    fragment.appendChild(tr);
  }
  body.appendChild(fragment);
}
