import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/io/detect.js';
import { fromJSON, importText } from '../../src/io/import-text.js';
import { ImportError } from '../../src/io/import-result.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url), 'utf8');

describe('detectFormat', () => {
  it('recognises each fixture by its content', () => {
    expect(detectFormat(fixture('events.csv')).format).toBe('csv');
    expect(detectFormat(fixture('acled.csv')).format).toBe('acled');
    expect(detectFormat(fixture('gdelt-2.0.export.CSV')).format).toBe('gdelt');
    expect(detectFormat(fixture('timeline.json')).format).toBe('timelinejs');
    expect(detectFormat('{"events":[{"id":"a","title":"A","when":"2024"}]}').format).toBe('json');
  });

  it('tells tab- and semicolon-separated tables apart and says why', () => {
    expect(detectFormat('date\ttitle\n2024\tA\n')).toEqual({ format: 'tsv', reason: 'the first line is separated by tabs' });
    expect(detectFormat('date;title\n2024;A\n')).toEqual({ format: 'csv', reason: 'the first line is separated by semicolons' });
  });

  it('uses the file name only when the content does not settle it', () => {
    expect(detectFormat('title\nA\n', 'x.tsv').format).toBe('tsv');
    expect(detectFormat('{not json', 'x.csv').format).toBe('json');
    expect(detectFormat('', 'events.json').format).toBe('json');
  });
});

describe('importText', () => {
  it('dispatches to the importer of the detected or named format', () => {
    expect(importText(fixture('gdelt-2.0.export.CSV')).format).toBe('gdelt');
    expect(importText(fixture('acled.csv'), { format: 'csv' }).format).toBe('csv');
    expect(importText(fixture('events.csv'), { dayFirst: true }).dataset.event('e3')!.when.edtf).toBe('2024-02-01');
    expect(() => importText('', { format: 'xml' as never })).toThrow(/format must be/);
  });

  it('wraps the library JSON format as an import result with JSON paths', () => {
    const result = importText('{"events":[{"id":"a","title":"A","when":"2024"},{"id":"b","title":"B","when":"2024-13"}]}');
    expect(result.format).toBe('json');
    expect(result.counts).toEqual({ records: 2, kept: 1, rejected: 1, duplicates: 0, blank: 0 });
    expect(result.problems[0]!.path).toMatch(/^events\[1\]/);
    expect(() => fromJSON('{"events":[{"id":"b","title":"B","when":"2024-13"}]}', { mode: 'strict' })).toThrow(ImportError);
  });
});
