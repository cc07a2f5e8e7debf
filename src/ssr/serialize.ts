/**
 * SVG serialisation that is deterministic, always well-formed and safe to embed, for elements
 * of the static document and of any standard DOM (jsdom, browsers).
 */
import { safeUrl } from '../render/common/safe-url.js';
import { XLINK_NS, XML_NS, XMLNS_NS, isNcName, stripInvalidXmlChars } from './xml.js';

/** Options of {@link serializeSVG}. */
export interface SerializeOptions {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` and a line break (for standalone .svg files). Default false. */
  readonly xmlDeclaration?: boolean;
}

// Elements never written, whatever the tree holds. `script` and `foreignObject` can run code or
// embed HTML; SMIL animation can set `href` to a script URL after load; the rest are the HTML
// tags that break out of SVG's foreign content when markup is pasted into an HTML page (plus
// the embedding elements), where they would be parsed as HTML.
const FORBIDDEN_ELEMENTS = new Set(
  [
    'script', 'foreignobject', 'iframe', 'embed', 'object', 'frame', 'frameset', 'base', 'link', 'meta',
    'animate', 'animatemotion', 'animatetransform', 'set', 'discard', 'handler', 'listener',
    'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'font',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'nobr',
    'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tt',
    'u', 'ul', 'var',
  ],
);

/** The structural subset of DOM `Attr` the serializer reads. */
interface AttrLike {
  readonly name: string;
  readonly localName?: string | null;
  readonly namespaceURI: string | null;
  readonly value: string;
}

interface NodeLike {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly localName?: string | null;
  readonly tagName?: string;
  readonly namespaceURI?: string | null;
  readonly attributes?: ArrayLike<AttrLike>;
  readonly firstChild: NodeLike | null;
  readonly nextSibling: NodeLike | null;
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function escape(text: string, special: RegExp, all: RegExp): string {
  const clean = stripInvalidXmlChars(text);
  return special.test(clean) ? clean.replace(all, (char) => ESCAPES[char] ?? char) : clean;
}

// `>` is escaped in text too, so `]]>` can never appear; `\r` so that it survives parsing.
const escapeText = (text: string): string => escape(text, TEXT_SPECIAL, /[&<>\r]/g);
// Tab, LF and CR are escaped in attributes because attribute-value normalisation turns them into spaces.
const escapeAttribute = (text: string): string => escape(text, ATTRIBUTE_SPECIAL, /[&<>"\t\n\r]/g);

/** `href` values allowed through: same-document references and what `safeUrl` accepts. */
function isSafeHref(value: string): boolean {
  const text = value.trim();
  // eslint-disable-next-line no-control-regex
  if (/^#[^\s\u0000-\u001f]*$/.test(text)) return true;
  return safeUrl(text) !== undefined;
}

const elementCache = new Map<string, boolean>();
/** Whether an element with this local name may be written. */
function isAllowedElement(name: string): boolean {
  let allowed = elementCache.get(name);
  if (allowed === undefined) {
    allowed = isNcName(name) && !FORBIDDEN_ELEMENTS.has(name.toLowerCase());
    if (elementCache.size >= 4096) elementCache.clear();
    elementCache.set(name, allowed);
  }
  return allowed;
}

/** Whether a local name is an event-handler attribute (`on…`, any case). */
function isEventHandler(local: string): boolean {
  return local.length >= 2 && (local.charCodeAt(0) | 32) === 111 && (local.charCodeAt(1) | 32) === 110;
}

/** Serialisation state: namespace prefixes used below the root, declared on the root at the end. */
class Writer {
  usesXlink = false;
  readonly extraPrefixes = new Map<string, string>();

  // Strings are built by concatenation (V8 ropes, flattened once at the end), which allocates
  // far less than an array of a million small pieces and a join.
  element(node: NodeLike, parentNamespace: string | null | undefined, isRoot: boolean): string {
    const name = node.localName ?? node.tagName ?? '';
    if (!isAllowedElement(name)) return '';
    const namespace = node.namespaceURI ?? null;
    const attributes = this.attributes(node);
    let content = '';
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 1) content += this.element(child, namespace, false);
      else if (child.nodeType === 3 || child.nodeType === 4) content += escapeText(child.nodeValue ?? '');
      // Comments and processing instructions are dropped: they carry nothing a chart needs.
    }
    let start = '<' + name;
    if (namespace !== parentNamespace && !(isRoot && namespace === null)) {
      start += ` xmlns="${escapeAttribute(namespace ?? '')}"`;
    }
    // Only now, with the whole subtree seen, are the root's prefixed namespaces known.
    if (isRoot) start += this.rootDeclarations();
    start += attributes;
    return content === '' ? start + '/>' : start + '>' + content + '</' + name + '>';
  }

  private attributes(node: NodeLike): string {
    const attributes = node.attributes;
    if (attributes === undefined) return '';
    // Only prefixed names can collide (a no-namespace `xlink:href` beside a namespaced one):
    // the DOM keeps plain names unique.
    let prefixed: string[] | undefined;
    let text = '';
    for (let i = 0; i < attributes.length; i++) {
      const attr = attributes[i];
      if (attr === undefined) continue;
      const name = this.attributeName(attr);
      if (name === undefined) continue;
      if (name.includes(':')) {
        if (prefixed?.includes(name)) continue;
        (prefixed ??= []).push(name);
      }
      text += ' ' + name + '="' + escapeAttribute(attr.value) + '"';
    }
    return text;
  }

  /** The qualified name to write, or undefined to drop the attribute. */
  private attributeName(attr: AttrLike): string | undefined {
    let namespace = attr.namespaceURI;
    let local = attr.localName ?? attr.name.slice(attr.name.indexOf(':') + 1);
    if (namespace === null) {
      // `setAttribute('xlink:href', …)` makes a no-namespace attribute with a colon in its name.
      const colon = attr.name.indexOf(':');
      if (colon >= 0) {
        const prefix = attr.name.slice(0, colon);
        namespace = prefix === 'xlink' ? XLINK_NS : prefix === 'xml' ? XML_NS : XMLNS_NS;
        local = attr.name.slice(colon + 1);
      } else if (attr.name === 'xmlns') return undefined;
    }
    // We write our own namespace declarations; unknown prefixes on no-namespace attributes go too.
    if (namespace === XMLNS_NS || !isNcName(local)) return undefined;
    // Event-handler attributes never leave this function, whatever set them.
    if (isEventHandler(local)) return undefined;
    // Any case: an HTML parser lower-cases attribute names when this markup is inlined.
    if (local.length === 4 && local.toLowerCase() === 'href' && !isSafeHref(attr.value)) return undefined;
    if (namespace === null) return local;
    if (namespace === XML_NS) return `xml:${local}`;
    if (namespace === XLINK_NS) {
      this.usesXlink = true;
      return `xlink:${local}`;
    }
    let prefix = this.extraPrefixes.get(namespace);
    if (prefix === undefined) {
      prefix = `ns${this.extraPrefixes.size + 1}`;
      this.extraPrefixes.set(namespace, prefix);
    }
    return `${prefix}:${local}`;
  }

  private rootDeclarations(): string {
    let text = this.usesXlink ? ` xmlns:xlink="${XLINK_NS}"` : '';
    for (const [namespace, prefix] of this.extraPrefixes) text += ` xmlns:${prefix}="${escapeAttribute(namespace)}"`;
    return text;
  }
}

/**
 * Serialises an SVG element (and its subtree) as XML, from the static document or any standard
 * DOM. The output is deterministic and always well-formed, whatever strings the tree holds.
 *
 * Guarantees (defence in depth; renderers must still only set safe values):
 * - characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are removed;
 *   `& < >` are escaped in text, and `& < > "` plus tab/LF/CR in attribute values;
 * - `xmlns` is written on the root (and wherever the namespace changes), `xmlns:xlink` when an
 *   xlink attribute is present; other `xmlns` attributes in the tree are ignored;
 * - attributes whose name is not a namespace-well-formed XML name are dropped, as are all
 *   event-handler attributes (`on…`, any case) and `href`s that are not `#fragment` or
 *   http(s)/mailto (see `safeUrl`): no `data:` URL of any kind;
 * - `<script>`, `<foreignObject>`, SMIL animation elements, embedding elements and the HTML
 *   tags that would escape SVG when the markup is inlined into HTML are dropped with their
 *   subtrees; comments and processing instructions are dropped;
 * - empty elements are self-closed; attributes keep the tree's order (first one wins when two
 *   would be written with the same name).
 *
 * @throws Error when `element` itself is one of the dropped elements.
 * @example
 * ```ts
 * const document = createStaticDocument();
 * const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
 * svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'title')).textContent = 'A & B';
 * serializeSVG(svg); // '<svg xmlns="http://www.w3.org/2000/svg"><title>A &amp; B</title></svg>'
 * ```
 */
export function serializeSVG(element: Element, options: SerializeOptions = {}): string {
  const node = element as unknown as NodeLike;
  const xml = new Writer().element(node, undefined, true);
  if (xml === '') throw new Error(`serializeSVG: <${node.localName ?? node.tagName ?? '?'}> is never serialised`);
  return options.xmlDeclaration === true ? `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` : xml;
}

