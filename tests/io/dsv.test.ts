import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forEachDSVRow, formatDSV, isBlankRecord, parseDSV, scanDSV, type DsvRow } from '../../src/io/dsv.js';
import { referenceForEachDSVRow } from './dsv-reference.js';

function rows(text: string, delimiter = ','): DsvRow[] {
  const out: DsvRow[] = [];
  forEachDSVRow(text, (row) => out.push(row), { delimiter });
  return out;
}

describe('parseDSV', () => {
  it('reads quoted fields with delimiters, doubled quotes and newlines, and numbers records by their first line', () => {
    const text = 'date,title\n2024-01-18,"Talks, day ""one"""\n2024-01-19,"line one\nline two"\n2024-01-20,plain\n';
    const { header, rows: body, problems } = parseDSV(text);
    expect(header).toEqual(['date', 'title']);
    expect(body.map((r) => [r.line, r.fields])).toEqual([
      [2, ['2024-01-18', 'Talks, day "one"']],
      [3, ['2024-01-19', 'line one\nline two']],
      [5, ['2024-01-20', 'plain']],
    ]);
    expect(problems).toEqual([]);
  });

  it('treats CRLF, LF and lone CR line ends alike and drops a byte-order mark', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `\ufeffa,b${eol}1,2${eol}"x${eol}y",3${eol}4,5`;
      const { header, rows: body } = parseDSV(text);
      expect(header).toEqual(['a', 'b']);
      expect(body.map((r) => r.line)).toEqual([2, 3, 5]);
      expect(body[1]!.fields).toEqual([`x${eol}y`, '3']);
      expect(body[2]!.fields).toEqual(['4', '5']);
    }
  });

  it('reads a trailing delimiter as a last empty field and a missing final newline as the end of a record', () => {
    expect(rows('a,b,\n1,,').map((r) => r.fields)).toEqual([
      ['a', 'b', ''],
      ['1', '', ''],
    ]);
  });

  it('marks empty and all-blank records as blank', () => {
    expect(rows('a,b\n\n , \n1,2\n').map((r) => r.blank)).toEqual([false, true, true, false]);
  });

  it('reports a ragged record with its line and the field counts', () => {
    const { problems } = parseDSV('a,b,c\n1,2,3\n1,2\n1,2,3,4\n');
    expect(problems).toEqual([
      { path: 'line 3', message: 'the record has 2 fields; the header has 3', severity: 'error' },
      { path: 'line 4', message: 'the record has 4 fields; the header has 3', severity: 'error' },
    ]);
  });

  it('reports an unclosed quote on the line it opened on and resumes on the next line', () => {
    const text = 'a,b\n1,"never closed\n2,ok\n3,fine\n';
    const { rows: body, problems } = parseDSV(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('line 2');
    expect(problems[0]!.message).toContain('never closed');
    expect(body.map((r) => [r.line, r.broken, r.fields])).toEqual([
      [2, true, ['1']],
      [3, false, ['2', 'ok']],
      [4, false, ['3', 'fine']],
    ]);
  });

  it('names the opening line of an unclosed quote that follows a multi-line field in the same record', () => {
    const text = 'a,b,c\n"x\ny",z,"open\n';
    const { problems } = parseDSV(text);
    expect(problems.map((p) => p.path)).toEqual(['line 3']);
  });

  it('keeps a quote inside an unquoted field and text after a closing quote literally, warning about the latter', () => {
    expect(rows('5" pipe,"a"b,c\n')[0]!.fields).toEqual(['5" pipe', 'ab', 'c']);
    const { problems } = parseDSV('a,b\n1,"stray\n2,ok\n3,"x\n', { header: true });
    expect(problems).toEqual([
      { path: 'line 4', message: 'text follows the closing quote of a field opened on line 2; it was kept, but check the quotes', severity: 'warning' },
    ]);
  });

  it('reads other delimiters and refuses a quote as one', () => {
    expect(rows('a;b\n"x;y";2', ';').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x;y', '2'],
    ]);
    expect(rows('a\tb\n1\t2', '\t')[1]!.fields).toEqual(['1', '2']);
    expect(() => rows('a', '"')).toThrow(RangeError);
  });

  it('reads back any table that formatDSV wrote', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '\n', '\r', '\r\n', 'é', '😀'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })),
        fc.constantFrom(',', ';', '\t'),
        (table, delimiter) => {
          const read = rows(formatDSV(table, delimiter), delimiter);
          expect(read.map((r) => r.fields)).toEqual(table);
          expect(read.every((r) => !r.broken)).toBe(true);
        },
      ),
      { seed: 20240118, numRuns: 300 },
    );
  });

  it('numbers each record by the physical line it starts on', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '\n', '\r\n', ','), maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), (table) => {
        const text = formatDSV(table);
        const read = rows(text);
        let line = 1;
        read.forEach((row, i) => {
          expect(row.line).toBe(line);
          line += table[i]!.join('').split(/\r\n|\r|\n/).length - 1 + 1;
        });
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('record offsets', () => {
  it('give the text of each record without its line end', () => {
    const text = 'a,b\r\n"x\ny",2\n3,4';
    expect(rows(text).map((r) => text.slice(r.start, r.end))).toEqual(['a,b', '"x\ny",2', '3,4']);
  });
});

describe('the reader that refills one record', () => {
  // Text made of the pieces that steer the reader: quotes (doubled, stray, unclosed), every line
  // end, delimiters, white space, a byte-order mark and characters beyond ASCII.
  const tricky = fc
    .array(fc.constantFrom('a', 'bc', ' ', '"', '""', ',', ';', '\t', '\n', '\r', '\r\n', '\ufeff', 'é', '😀', '"x,\ny"'), { maxLength: 40 })
    .map((parts) => parts.join(''));

  it('gives the same records, lines, offsets and problems as the reader that built a row per record', () => {
    fc.assert(
      fc.property(tricky, fc.constantFrom(',', ';', '\t'), (text, delimiter) => {
        const expected: DsvRow[] = [];
        const expectedProblems = referenceForEachDSVRow(text, (row) => expected.push(row), { delimiter });
        const actual: DsvRow[] = [];
        const actualProblems = forEachDSVRow(text, (row) => actual.push(row), { delimiter });
        expect(actual).toEqual(expected);
        expect(actualProblems).toEqual(expectedProblems);
        // The cursor itself, read while it is current, holds the same record.
        const seen: DsvRow[] = [];
        const scanned = scanDSV(text, delimiter, (row) => {
          const fields = row.fields.slice(0, row.count);
          seen.push({ fields, line: row.line, blank: !row.broken && isBlankRecord(row.fields, row.count), broken: row.broken, start: row.start, end: row.end });
        });
        expect(seen).toEqual(expected);
        expect(scanned).toEqual(expectedProblems);
      }),
      { seed: 31, numRuns: 1500 },
    );
  });

  it('does not let a wide record’s fields leak into the narrower records after it', () => {
    const widths: number[] = [];
    scanDSV('a,b,c,d\nx\n\n"p,q",r\n', ',', (row) => widths.push(row.count));
    expect(widths).toEqual([4, 1, 1, 2]);
    expect(rows('a,b,c,d\nx\n').map((r) => r.fields)).toEqual([['a', 'b', 'c', 'd'], ['x']]);
  });

  it('reads doubled quotes afresh whenever a column’s quoted text changes, and again when it comes back', () => {
    const text = 'a,"say ""hi""",1\nb,"say ""hi""",2\nc,"say ""bye""",3\nd,"x","say ""hi"""\ne,"say ""hi"" again",5\nf,"say ""hi""",6\n';
    const read: string[][] = [];
    scanDSV(text, ',', (row) => read.push(row.fields.slice(0, row.count)));
    expect(read).toEqual([
      ['a', 'say "hi"', '1'],
      ['b', 'say "hi"', '2'],
      ['c', 'say "bye"', '3'],
      ['d', 'x', 'say "hi"'],
      ['e', 'say "hi" again', '5'],
      ['f', 'say "hi"', '6'],
    ]);
  });

  it('refuses the same delimiters', () => {
    expect(() => scanDSV('a', '"', () => undefined)).toThrow(RangeError);
    expect(() => scanDSV('a', ',,', () => undefined)).toThrow(RangeError);
  });
});
