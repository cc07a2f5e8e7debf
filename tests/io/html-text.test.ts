import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEntities, escapeHtml, htmlToText, textToHtml } from '../../src/io/html-text.js';

describe('htmlToText', () => {
  it('drops tags and the content of script and style, and turns br and paragraphs into newlines', () => {
    expect(htmlToText('<p>Talks &amp; <b>more</b><script>alert("<p>")</script></p><p>Day 2<br/>late</p><style>p{}</style>')).toBe('Talks & more\n\nDay 2\nlate');
  });

  it('skips comments, attributes with > inside quotes, and unclosed hidden elements', () => {
    expect(htmlToText('a<!-- <b>hidden</b> -->b')).toBe('ab');
    expect(htmlToText('<a title="x > y" href="#">link</a>')).toBe('link');
    expect(htmlToText('before<script>never closed')).toBe('before');
    expect(htmlToText('<SCRIPT type="x">bad()</SCRIPT >after')).toBe('after');
  });

  it('keeps a lone < that does not start a tag', () => {
    expect(htmlToText('a < b and 3<4')).toBe('a < b and 3<4');
  });

  it('collapses white space as a browser shows it', () => {
    expect(htmlToText('  one\n   two  <i>three</i> ')).toBe('one two three');
    expect(htmlToText('plain\ntext  here')).toBe('plain\ntext here');
  });

  it('never returns a script tag written as markup, whatever the input', () => {
    // (An escaped &lt;script is text, and rightly reads as "<script".)
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', 'script', 'p', 'b', ' ', '"', "'", 'x', '!--', '-->') }), (html) => {
        const text = htmlToText(html);
        expect(text).not.toMatch(/<script/i);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references and leaves unknown names', () => {
    expect(decodeEntities('Caf&eacute; &amp; bar &#8212; &#x1F600; &mdash;&hellip;&ldquo;x&rdquo; &copy;&reg;&trade;&nbsp;')).toBe('Café & bar — 😀 —…“x” ©®™\u00a0');
    expect(decodeEntities('&unknown; &#0; &#xD800;')).toBe('&unknown; \ufffd \ufffd');
    expect(decodeEntities('&constructor; &__proto__;')).toBe('&constructor; &__proto__;');
  });
});

describe('escapeHtml and textToHtml', () => {
  it('escape every markup character', () => {
    expect(escapeHtml(`<b>"AT&T" it's</b>`)).toBe('&lt;b&gt;&quot;AT&amp;T&quot; it&#39;s&lt;/b&gt;');
  });

  it('write paragraphs that htmlToText reads back', () => {
    const words = fc.array(fc.constantFrom('a', '<b>', '&amp;', '"', "'", 'é', 'x>y'), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(fc.array(words, { minLength: 1, maxLength: 2 }).map((l) => l.join('\n')), { minLength: 1, maxLength: 3 }), (paragraphs) => {
        const text = paragraphs.join('\n\n');
        expect(htmlToText(textToHtml(text))).toBe(text);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
