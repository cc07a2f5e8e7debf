/**
 * HTML fragments (TimelineJS headlines and texts) to plain text, and plain text to escaped
 * HTML. The library never inserts imported text as markup: it reads HTML to text once, here.
 *
 * @packageDocumentation
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  shy: '\u00ad',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwnj: '\u200c',
  zwj: '\u200d',
  iexcl: '¡',
  iquest: '¿',
  ordf: 'ª',
  ordm: 'º',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  szlig: 'ß',
  aelig: 'æ',
  AElig: 'Æ',
  oelig: 'œ',
  OElig: 'Œ',
  oslash: 'ø',
  Oslash: 'Ø',
  aring: 'å',
  Aring: 'Å',
  ccedil: 'ç',
  Ccedil: 'Ç',
  ntilde: 'ñ',
  Ntilde: 'Ñ',
  eth: 'ð',
  thorn: 'þ',
};
// Accented vowels: &eacute; &Egrave; &ouml; &acirc; &atilde; …
const ACCENTS: Readonly<Record<string, string>> = { acute: '\u0301', grave: '\u0300', uml: '\u0308', circ: '\u0302', tilde: '\u0303' };
for (const base of 'aeiouyAEIOUY') {
  for (const [name, mark] of Object.entries(ACCENTS)) {
    (NAMED as Record<string, string>)[base + name] = (base + mark).normalize('NFC');
  }
}

/**
 * Decodes HTML character references: the common named ones (`&amp;`, `&nbsp;`, `&mdash;`,
 * `&eacute;`…) and numeric ones (`&#8212;`, `&#x2014;`). Unknown names are left as written;
 * code points that are not characters become U+FFFD.
 *
 * @example
 * ```ts
 * decodeEntities('Caf&eacute; &amp; bar &#8212; &#x1F600;'); // 'Café & bar — 😀'
 * ```
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const named = Object.prototype.hasOwnProperty.call(NAMED, ref) ? NAMED[ref] : undefined;
    return named !== undefined && whole.endsWith(';') ? named : named !== undefined && /^(amp|lt|gt|quot|nbsp)$/.test(ref) ? named : whole;
  });
}

const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'pre',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'hr',
]);
// Elements whose content is not text a reader sees.
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title', 'textarea', 'select']);

/**
 * Turns an HTML fragment into plain text: tags are dropped, and so is the content of `script`,
 * `style` and other elements a reader does not see; entities are decoded; `<br>` becomes a
 * newline and block elements (`<p>`, `<div>`, `<li>`…) separate paragraphs with a blank line;
 * runs of white space collapse as a browser would show them.
 *
 * @example
 * ```ts
 * htmlToText('<p>Talks &amp; <b>more</b><script>alert(1)</script></p><p>Day 2<br>late</p>');
 * // 'Talks & more\n\nDay 2\nlate'
 * ```
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  let out = '';
  let text = 0;
  let i = 0;
  const n = html.length;
  const flush = (end: number): void => {
    if (end > text) out += decodeEntities(html.slice(text, end)).replace(/[ \t\n\r\f]+/g, ' ');
  };
  while (i < n) {
    if (html.charCodeAt(i) !== 60 /* < */) {
      i++;
      continue;
    }
    const next = html[i + 1] ?? '';
    if (html.startsWith('<!--', i)) {
      flush(i);
      const close = html.indexOf('-->', i + 4);
      i = text = close < 0 ? n : close + 3;
      continue;
    }
    if (!/[A-Za-z/!?]/.test(next)) {
      i++;
      continue;
    }
    flush(i);
    const end = tagEnd(html, i + 1);
    const tag = html.slice(i + 1, end);
    i = text = end < n ? end + 1 : n;
    const m = /^(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(tag);
    if (!m) continue;
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (!closing && HIDDEN.has(name) && !tag.endsWith('/')) {
      const close = new RegExp(`</${name}[\\s>/]`, 'i').exec(html.slice(i));
      i = text = close === null ? n : i + close.index + close[0].length;
      if (close !== null && !close[0].endsWith('>')) {
        const gt = html.indexOf('>', i);
        i = text = gt < 0 ? n : gt + 1;
      }
      continue;
    }
    if (name === 'br') out += '\n';
    else if (BLOCK.has(name)) out += '\n\n';
    else if (name === 'td' || name === 'th') out += ' ';
  }
  flush(n);
  return out
    .split('\n')
    .map((line) => line.replace(/^[ ]+|[ ]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The index of the `>` closing a tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return html.length;
}

function collapse(text: string): string {
  return text.replace(/[ \t\f]+/g, ' ').replace(/ *\r?\n */g, '\n').trim();
}

/**
 * Escapes text for use inside HTML (`&`, `<`, `>`, `"`, `'`), for formats such as TimelineJS
 * that render their text fields as HTML.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"AT&T"</b>'); // '&lt;b&gt;&quot;AT&amp;T&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * Writes plain text as an HTML fragment that {@link htmlToText} reads back: escaped, with
 * blank-line-separated paragraphs as `<p>` and single newlines as `<br>`.
 *
 * @example
 * ```ts
 * textToHtml('a < b\n\nnext'); // '<p>a &lt; b</p><p>next</p>'
 * ```
 */
export function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  if (paragraphs.length <= 1 && !text.includes('\n')) return escapeHtml(text);
  return paragraphs.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`).join('');
}
