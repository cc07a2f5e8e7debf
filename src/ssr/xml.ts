/**
 * XML vocabulary shared by the static DOM and the serializer: namespace URIs, the `Name`
 * production, and removal of characters XML 1.0 cannot carry.
 */

/** The XHTML namespace; d3's `creator` compares `documentElement.namespaceURI` against it. */
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg';
/** The namespace of `xlink:href`, still needed by older SVG consumers (Inkscape, librsvg). */
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** The namespace bound to the reserved `xml:` prefix (`xml:lang`, `xml:space`). */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** The namespace of `xmlns` declarations themselves. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// NameStartChar and NameChar from XML 1.0 (fifth edition), section 2.3, without the colon so
// that the same classes build NCName (namespace-well-formed names) and Name.
const START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF' +
  '\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD' +
  '\\u{10000}-\\u{EFFFF}';
const REST = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = `[${START}][${REST}]*`;
const NAME_RE = new RegExp(`^[:${START}][:${REST}]*$`, 'u');
const NCNAME_RE = new RegExp(`^${NCNAME}$`, 'u');

// Charts repeat a few dozen names tens of thousands of times, and these Unicode-aware tests are
// among the slowest steps of building and serialising; answers are remembered (boundedly).
function cached(test: RegExp): (name: string) => boolean {
  const answers = new Map<string, boolean>();
  return (name) => {
    let valid = answers.get(name);
    if (valid === undefined) {
      valid = test.test(name);
      if (answers.size >= 4096) answers.clear();
      answers.set(name, valid);
    }
    return valid;
  };
}

/** Whether `name` matches XML 1.0's `Name` production (what `setAttribute` accepts). */
export const isXmlName: (name: string) => boolean = cached(NAME_RE);

/** Whether `name` is a namespace-well-formed local name or prefix (`NCName`: a Name without colons). */
export const isNcName: (name: string) => boolean = cached(NCNAME_RE);

// C0 controls other than tab, LF and CR; U+FFFE and U+FFFF; and UTF-16 surrogates that are not
// part of a pair. None of these can appear in an XML 1.0 document, not even as a reference.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * `text` without the characters XML 1.0 forbids (most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF), so that no string can make a serialised document ill-formed.
 *
 * @example
 * ```ts
 * stripInvalidXmlChars('a\u0000b\uD800c'); // 'abc'
 * ```
 */
export function stripInvalidXmlChars(text: string): string {
  // The test is much cheaper than the replacement and almost every string passes it.
  return MAYBE_INVALID.test(text) ? text.replace(INVALID_XML_CHARS, '') : text;
}
