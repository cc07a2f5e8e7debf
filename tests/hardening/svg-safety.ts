// What "safe SVG" means for the hardening tests, checked on a parsed document.
import { displayForm } from './xss-build.js';

/** Elements that may run script, embed HTML or change attributes after load. */
export const FORBIDDEN = new Set(['script', 'foreignobject', 'iframe', 'set', 'animate', 'animatemotion', 'animatetransform', 'discard', 'handler', 'embed', 'object']);

/**
 * Attributes that carry text for people or scripts of the page, never read as a URL, a style
 * or code by any browser: they may hold a payload's text (escaped), as `<title>` text does.
 */
export function isTextAttribute(name: string): boolean {
  return name.startsWith('aria-') || name.startsWith('data-');
}

/** Every way a document breaks the rules; empty when it is safe. */
export function unsafeParts(doc: Document): string[] {
  const found: string[] = [];
  for (const element of Array.from(doc.getElementsByTagName('*'))) {
    const tag = element.localName.toLowerCase();
    if (FORBIDDEN.has(tag)) found.push(`<${element.localName}> element`);
    if (tag === 'style' && /__xss\(|javascript:|expression\(|@import/i.test(element.textContent ?? '')) {
      found.push(`<style> holding "${(element.textContent ?? '').slice(0, 80)}"`);
    }
    for (const attr of Array.from(element.attributes)) {
      const name = attr.name.toLowerCase();
      const local = attr.localName.toLowerCase();
      const value = attr.value;
      const where = `<${element.localName} ${attr.name}="${value.slice(0, 80)}">`;
      if (local.startsWith('on')) found.push(`event-handler attribute ${where}`);
      if (local === 'href' && !/^(https?:|mailto:|#)/i.test(value.trim())) found.push(`unsafe href ${where}`);
      if (isTextAttribute(name)) continue;
      if (/javascript:|data:|vbscript:/i.test(value)) found.push(`script or data URL in ${where}`);
      if (value.includes('__xss(')) found.push(`payload in a non-text attribute ${where}`);
      if (local === 'style' && /url\(|expression\(/i.test(value)) found.push(`url() or expression() in style ${where}`);
    }
  }
  return found;
}

/** Everything a document shows as text, and says in aria-labels, in display form, one string a line. */
export function shownText(doc: Document): string {
  const parts: string[] = [];
  for (const element of Array.from(doc.getElementsByTagName('*'))) {
    const tag = element.localName;
    // A <text> may split its string over <tspan>s: read it whole.
    if (tag === 'text' || tag === 'title' || tag === 'desc') parts.push(element.textContent ?? '');
    const label = element.getAttribute('aria-label');
    if (label !== null) parts.push(label);
  }
  return parts.map(displayForm).join('\n');
}
