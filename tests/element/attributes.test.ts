import { describe, expect, it } from 'vitest';
import { attributeWindow, DEFAULT_ELEMENT_HEIGHT, readElementConfig, resolveDataUrl } from '../../src/element/attributes.js';
import { describeRead, MAX_STATUS_DETAILS, shorten } from '../../src/element/status.js';
import { inlineDataText } from '../../src/element/inline.js';
import type { Problem } from '../../src/model/types.js';

const read = (attributes: Record<string, string>) => readElementConfig((name) => attributes[name] ?? null);

describe('readElementConfig', () => {
  it('gives every attribute its default when none is set', () => {
    const { config, problems } = read({});
    expect(config).toEqual({
      src: null,
      view: 'timeline',
      format: 'auto',
      theme: 'light',
      lanes: 'actor',
      from: null,
      to: null,
      height: 'auto',
      title: null,
      renderer: 'auto',
      actor: null,
    });
    expect(problems).toEqual([]);
  });

  it('reads keywords case-insensitively and trims every value', () => {
    const { config, problems } = read({ view: ' Network ', theme: 'DARK', lanes: 'category', renderer: 'Canvas', format: 'TimelineJS', title: '  Kim and Putin ', actor: ' kim ' });
    expect(config).toMatchObject({ view: 'network', theme: 'dark', lanes: 'category', renderer: 'canvas', format: 'timelinejs', title: 'Kim and Putin', actor: 'kim' });
    expect(problems).toEqual([]);
  });

  it('falls back to the default for an unknown keyword and names the attribute and its allowed values', () => {
    const { config, problems } = read({ view: 'graph', theme: 'sepia' });
    expect(config.view).toBe('timeline');
    expect(config.theme).toBe('light');
    expect(problems).toEqual([
      'view="graph" is not one of timeline, network, storyline; showing the timeline.',
      'theme="sepia" is not one of light, dark; using the light theme.',
    ]);
  });

  it('treats an empty attribute as absent', () => {
    expect(read({ view: '', src: '  ', height: '' })).toEqual(read({}));
  });

  it('reads from as the first and to as the last instant of the dates written', () => {
    const { config } = read({ from: '2024-01', to: '2024-03' });
    expect(config.from).toBe(Date.UTC(2024, 0, 1));
    expect(config.to).toBe(Date.UTC(2024, 3, 1) - 1);
  });

  it('ignores a date it cannot read, and both dates when from is after to', () => {
    expect(read({ from: 'last spring' }).problems).toEqual(['from="last spring" is not a date such as 2024, 2024-03 or 2024-03-15; it is ignored.']);
    const swapped = read({ from: '2024-05', to: '2024-01' });
    expect([swapped.config.from, swapped.config.to]).toEqual([null, null]);
    expect(swapped.problems).toEqual(['from="2024-05" is after to="2024-01"; both are ignored.']);
  });

  it('reads a height in pixels, with or without px, and defaults per view', () => {
    expect(read({ height: '480' }).config.height).toBe(480);
    expect(read({ height: '320px' }).config.height).toBe(320);
    expect(read({ height: 'auto', view: 'network' }).config.height).toBe('auto');
    expect(read({ view: 'network' }).config.height).toBe(DEFAULT_ELEMENT_HEIGHT.network);
    const bad = read({ height: '50%', view: 'network' });
    expect(bad.config.height).toBe(480);
    expect(bad.problems[0]).toMatch(/^height="50%" is not a height in pixels/);
    expect(read({ height: '0' }).problems).toHaveLength(1);
  });
});

describe('attributeWindow', () => {
  const extent = [Date.UTC(2023, 0, 1), Date.UTC(2024, 11, 31)] as const;

  it('is null when neither from nor to is set', () => {
    expect(attributeWindow({ from: null, to: null }, extent)).toBeNull();
  });

  it('extends an open side to the data extent', () => {
    expect(attributeWindow({ from: Date.UTC(2024, 0, 1), to: null }, extent)).toEqual([Date.UTC(2024, 0, 1), extent[1]]);
    expect(attributeWindow({ from: null, to: Date.UTC(2023, 5, 1) }, extent)).toEqual([extent[0], Date.UTC(2023, 5, 1)]);
  });

  it('is null when the one bound given lies beyond the data, or when there is no data', () => {
    expect(attributeWindow({ from: Date.UTC(2030, 0, 1), to: null }, extent)).toBeNull();
    expect(attributeWindow({ from: Date.UTC(2024, 0, 1), to: null }, undefined)).toBeNull();
  });
});

describe('resolveDataUrl', () => {
  const base = 'https://news.example/2024/story/index.html';

  it('resolves relative addresses against the document', () => {
    expect(resolveDataUrl('data/events.json', base)).toBe('https://news.example/2024/story/data/events.json');
    expect(resolveDataUrl('/data/events.csv?v=2', base)).toBe('https://news.example/data/events.csv?v=2');
    expect(resolveDataUrl('//cdn.example/e.json', base)).toBe('https://cdn.example/e.json');
  });

  it('refuses every scheme but http and https', () => {
    for (const src of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd', 'mailto:a@b.example', 'blob:https://news.example/1']) {
      expect(resolveDataUrl(src, base), src).toBeUndefined();
    }
  });

  it('refuses relative addresses when the document has no http(s) base', () => {
    expect(resolveDataUrl('data.json', 'about:blank')).toBeUndefined();
  });
});

describe('the status wording', () => {
  const error = (path: string, message: string): Problem => ({ path, message, severity: 'error' });

  it('is quiet when everything was read', () => {
    expect(describeRead({ events: 12, rejected: 0, problems: [] }, [])).toEqual({ kind: 'ready', message: '', details: [] });
  });

  it('counts the records that could not be read and lists each problem', () => {
    const status = describeRead({ events: 17, rejected: 2, problems: [error('line 4', 'no date'), error('line 9', 'no title')] }, []);
    expect(status).toEqual({ kind: 'warning', message: '2 records could not be read; showing 17 events.', details: ['line 4: no date', 'line 9: no title'] });
    expect(describeRead({ events: 1, rejected: 1, problems: [error('line 2', 'no date')] }, []).message).toBe('1 record could not be read; showing 1 event.');
  });

  it('is an error when no event could be read', () => {
    const status = describeRead({ events: 0, rejected: 3, problems: [error('line 2', 'x')] }, []);
    expect(status.kind).toBe('error');
    expect(status.message).toBe('No events could be read (3 records rejected).');
  });

  it('adds attribute problems: one as a sentence, several counted and listed', () => {
    expect(describeRead({ events: 3, rejected: 0, problems: [] }, ['view="graph" is wrong.']).message).toBe('view="graph" is wrong.');
    const many = describeRead({ events: 3, rejected: 0, problems: [] }, ['a.', 'b.']);
    expect(many.message).toBe('2 attributes could not be used.');
    expect(many.details).toEqual(['a.', 'b.']);
  });

  it('lists at most a hundred details and counts the rest', () => {
    const problems = Array.from({ length: 250 }, (_, i) => error(`line ${i + 2}`, 'no date'));
    const status = describeRead({ events: 1, rejected: 250, problems }, []);
    expect(status.details).toHaveLength(MAX_STATUS_DETAILS + 1);
    expect(status.details.at(-1)).toBe('… and 150 more.');
  });

  it('shortens long user strings for messages', () => {
    expect(shorten('abc', 5)).toBe('abc');
    expect(shorten('x'.repeat(200))).toHaveLength(80);
  });
});

describe('inlineDataText', () => {
  it('drops the blank lines before the data and the indentation every line shares', () => {
    expect(inlineDataText('\n\n      date,title\n      2024-01-04,Missiles\n\n        2024-01-05,Indented more\n    ')).toBe('date,title\n2024-01-04,Missiles\n\n  2024-01-05,Indented more\n');
  });

  it('keeps leading tabs, which are empty columns in a tab-separated table', () => {
    expect(inlineDataText('\tb\n\tc')).toBe('\tb\n\tc');
  });

  it('leaves unindented text as it is', () => {
    expect(inlineDataText('{"events":[]}')).toBe('{"events":[]}');
  });
});
