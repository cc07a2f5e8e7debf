// The DSV reader as it was before it filled one reused record (src/io/dsv.ts at the last commit
// that built a row object and a field array per record), kept as the reference the current
// reader is compared with on generated text. Test-only: nothing in src imports it.
import type { Problem } from '../../src/model/types.js';
import type { DsvRow } from '../../src/io/dsv.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function referenceForEachDSVRow(text: string, onRow: (row: DsvRow) => void, options: { delimiter?: string } = {}): Problem[] {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(`delimiter must be one character other than a quote or a line end, not ${JSON.stringify(delimiter)}`);
  }
  const DELIM = delimiter.charCodeAt(0);
  const problems: Problem[] = [];
  const n = text.length;
  let pos = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  rows: while (pos < n) {
    const rowLine = line;
    const rowStart = pos;
    let rowEnd = pos;
    const fields: string[] = [];
    for (;;) {
      let c = pos < n ? text.charCodeAt(pos) : -1;
      if (c === QUOTE) {
        const openPos = pos;
        const openLine = line;
        const start = ++pos;
        let doubled = false;
        let closed = false;
        while (pos < n) {
          c = text.charCodeAt(pos);
          if (c === QUOTE) {
            if (pos + 1 < n && text.charCodeAt(pos + 1) === QUOTE) {
              doubled = true;
              pos += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (c === LF) line++;
          else if (c === CR && (pos + 1 >= n || text.charCodeAt(pos + 1) !== LF)) line++;
          pos++;
        }
        if (!closed) {
          problems.push({
            path: `line ${openLine}`,
            message: `the quote opened on line ${openLine} is never closed; the record on line ${rowLine} was skipped`,
            severity: 'error',
          });
          onRow({ fields, line: rowLine, blank: false, broken: true, start: rowStart, end: openPos });
          // Resume after the physical line the quote opened on, so one stray quote loses one record.
          pos = openPos;
          line = openLine;
          while (pos < n) {
            c = text.charCodeAt(pos);
            if (c === LF || c === CR) break;
            pos++;
          }
          if (pos < n) {
            pos += c === CR && pos + 1 < n && text.charCodeAt(pos + 1) === LF ? 2 : 1;
            line++;
          }
          continue rows;
        }
        let value = text.slice(start, pos);
        if (doubled) value = value.replace(/""/g, '"');
        const junk = ++pos;
        while (pos < n) {
          c = text.charCodeAt(pos);
          if (c === DELIM || c === LF || c === CR) break;
          pos++;
        }
        if (pos > junk) {
          // Usually a quote that was meant literally, which then closed at the wrong place.
          problems.push({
            path: `line ${line}`,
            message: `text follows the closing quote of a field opened on line ${openLine}; it was kept, but check the quotes`,
            severity: 'warning',
          });
          value += text.slice(junk, pos);
        }
        fields.push(value);
      } else {
        const start = pos;
        while (pos < n) {
          c = text.charCodeAt(pos);
          if (c === DELIM || c === LF || c === CR) break;
          pos++;
        }
        fields.push(text.slice(start, pos));
      }
      if (pos >= n) {
        rowEnd = n;
        break;
      }
      c = text.charCodeAt(pos);
      if (c === DELIM) {
        pos++;
        continue;
      }
      rowEnd = pos;
      pos += c === CR && pos + 1 < n && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    onRow({ fields, line: rowLine, blank: isBlank(fields), broken: false, start: rowStart, end: rowEnd });
  }
  return problems;
}

function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}
