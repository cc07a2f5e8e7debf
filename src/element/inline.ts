/**
 * Inline data as authors write it: indented to match the surrounding HTML and starting on the
 * line after `<script>`. Importers number rows by line, so the text is normalised first for
 * those numbers to count from the header row.
 *
 * @packageDocumentation
 */

/**
 * Removes blank lines before the data and the indentation (spaces only: a leading tab in a
 * tab-separated table is an empty first column) that every non-blank line shares.
 *
 * @example
 * ```ts
 * inlineDataText('\n    date,title\n    2024-01-04,Missiles\n  ');
 * // 'date,title\n2024-01-04,Missiles\n'
 * ```
 */
export function inlineDataText(text: string): string {
  const lines = text.replace(/^(?:[ \t]*\r?\n)+/, '').split(/\r?\n/);
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(cut))).join('\n');
}
