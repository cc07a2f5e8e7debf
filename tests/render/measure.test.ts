import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { createCanvasTextMeasurer, estimateTextWidth } from '../../src/render/common/measure.js';
import { createStaticDocument } from '../../src/ssr/minidom.js';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

describe('estimateTextWidth', () => {
  it('uses Helvetica advance widths for ASCII', () => {
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 thousandths of an em.
    expect(estimateTextWidth('Hello', '10px sans-serif')).toBeCloseTo(22.78, 10);
    expect(estimateTextWidth('Treaty of Rome', '12px sans-serif')).toBeCloseTo(82.692, 10);
    expect(estimateTextWidth('', FONT)).toBe(0);
  });

  it('uses the bold table for bold, bolder and weights from 600', () => {
    // H 722 + e 556 + l 278 + l 278 + o 611 = 2445.
    for (const weight of ['bold', 'bolder', '600', '900']) {
      expect(estimateTextWidth('Hello', `${weight} 10px sans-serif`)).toBeCloseTo(24.45, 10);
    }
    expect(estimateTextWidth('Hello', '500 10px sans-serif')).toBeCloseTo(22.78, 10);
    expect(estimateTextWidth('Hello', 'italic bold 10px/1.2 serif')).toBeCloseTo(24.45, 10);
  });

  it('reads the size from the font shorthand in any CSS length unit', () => {
    const at16 = estimateTextWidth('Hello', '16px sans-serif');
    expect(estimateTextWidth('Hello', '12pt sans-serif')).toBeCloseTo(at16, 10);
    expect(estimateTextWidth('Hello', '1em sans-serif')).toBeCloseTo(at16, 10);
    expect(estimateTextWidth('Hello', 'medium sans-serif')).toBeCloseTo(at16, 10);
    expect(estimateTextWidth('Hello', '16px / 20px sans-serif')).toBeCloseTo(at16, 10);
    expect(estimateTextWidth('Hello', 'no size here')).toBeCloseTo(22.78, 10); // canvas's 10px default
  });

  it('treats accented Latin as its base letter and Latin-1 symbols from the table', () => {
    expect(estimateTextWidth('Éléonore', FONT)).toBe(estimateTextWidth('Eleonore', FONT));
    expect(estimateTextWidth('Łódź', FONT)).toBeGreaterThan(0);
    expect(estimateTextWidth('©', '10px sans-serif')).toBeCloseTo(7.37, 10);
    expect(estimateTextWidth('−5', '10px sans-serif')).toBeCloseTo(estimateTextWidth('+5', '10px sans-serif'), 10);
  });

  it('gives CJK one em, emoji about 1.2 em and combining marks nothing', () => {
    expect(estimateTextWidth('東京', '10px sans-serif')).toBe(20);
    expect(estimateTextWidth('한국', '10px sans-serif')).toBe(20);
    expect(estimateTextWidth('🎉', '10px sans-serif')).toBe(12);
    expect(estimateTextWidth('👍🏽', '10px sans-serif')).toBe(12); // skin-tone modifier adds nothing
    expect(estimateTextWidth('👩‍👩‍👧', '10px sans-serif')).toBe(12); // a ZWJ sequence is one glyph
    expect(estimateTextWidth('🇫🇷', '10px sans-serif')).toBe(12); // a flag is two regional indicators
    expect(estimateTextWidth('e\u0301', FONT)).toBe(estimateTextWidth('e', FONT));
    expect(estimateTextWidth('a\u200Bb', FONT)).toBe(estimateTextWidth('ab', FONT));
  });

  it('gives monospace families the same width for every character', () => {
    expect(estimateTextWidth('iiii', '10px monospace')).toBe(estimateTextWidth('MMMM', '10px monospace'));
    expect(estimateTextWidth('iiii', '10px ui-monospace, Menlo, monospace')).toBe(24);
  });

  it('is deterministic, never negative, monotonic in length and proportional to size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.integer({ min: 1, max: 96 }), (text, more, size) => {
        const font = `${size}px sans-serif`;
        const width = estimateTextWidth(text, font);
        expect(width).toBe(estimateTextWidth(text, font));
        expect(width).toBeGreaterThanOrEqual(0);
        expect(estimateTextWidth(text + more, font)).toBeGreaterThanOrEqual(width);
        expect(estimateTextWidth(text, `${size * 2}px sans-serif`)).toBeCloseTo(width * 2, 6);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('createCanvasTextMeasurer', () => {
  it('falls back to the estimate where there is no canvas (static document, jsdom)', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const document of [createStaticDocument(), new JSDOM('').window.document]) {
      const measure = createCanvasTextMeasurer(document);
      expect(measure('Hello', '10px sans-serif')).toBe(estimateTextWidth('Hello', '10px sans-serif'));
    }
    expect(errors).not.toHaveBeenCalled(); // jsdom's "not implemented" canvas is never touched
    errors.mockRestore();
  });

  it('measures with a canvas 2D context when there is one, setting the font and caching per (font, text)', () => {
    const measured: string[] = [];
    const context = {
      font: '10px sans-serif',
      measureText(text: string) {
        measured.push(`${this.font}|${text}`);
        return { width: text.length * 7 };
      },
    };
    const fakeDocument = { createElement: () => ({ getContext: () => context }) } as unknown as Document;
    const measure = createCanvasTextMeasurer(fakeDocument, { cacheSize: 2 });
    expect(measure('abc', '12px serif')).toBe(21);
    expect(measure('abc', '12px serif')).toBe(21);
    expect(measure('abcd', 'bold 12px serif')).toBe(28);
    expect(measured).toEqual(['12px serif|abc', 'bold 12px serif|abcd']);
    measure('x', '12px serif'); // evicts the least recently used entry ('abc')
    measure('abc', '12px serif');
    expect(measured).toHaveLength(4);
  });
});
