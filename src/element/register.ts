/**
 * Defining `<entity-timeline>`. Importing the library never defines it (the ES module has no
 * side effects); the browser bundle does, on load, with {@link autoDefineEntityTimelineElement}.
 *
 * @packageDocumentation
 */
import { EntityTimelineElement } from './element.js';

/**
 * Defines the element under `name` in `registry` and returns its class. Calling it again for a
 * name this library already defined returns that class; a name taken by another element is an
 * error. Each name gets its own subclass, since a registry accepts a constructor only once.
 *
 * @example
 * ```ts
 * import { defineEntityTimelineElement } from 'entity-timeline';
 * defineEntityTimelineElement();                    // <entity-timeline>
 * defineEntityTimelineElement('newsroom-timeline'); // the same element under another name
 * ```
 */
export function defineEntityTimelineElement(
  name = 'entity-timeline',
  registry: CustomElementRegistry | undefined = globalThis.customElements,
): typeof EntityTimelineElement {
  if (!registry) throw new TypeError('defineEntityTimelineElement: there is no customElements registry here; call it in a browser, or pass one.');
  const existing = registry.get(name);
  if (existing) {
    if (existing === EntityTimelineElement || existing.prototype instanceof EntityTimelineElement) return existing as typeof EntityTimelineElement;
    throw new Error(`defineEntityTimelineElement: <${name}> is already defined by another element.`);
  }
  const Defined = class extends EntityTimelineElement {};
  registry.define(name, Defined);
  return Defined;
}

/**
 * Defines `<entity-timeline>` where there is a registry and the name is free; does nothing
 * elsewhere (Node, or a page that defined the name itself). Used by the browser bundle.
 *
 * @example
 * ```ts
 * autoDefineEntityTimelineElement(); // true when it defined the element now
 * ```
 */
export function autoDefineEntityTimelineElement(): boolean {
  const registry = globalThis.customElements as CustomElementRegistry | undefined;
  if (!registry || registry.get('entity-timeline')) return false;
  defineEntityTimelineElement('entity-timeline', registry);
  return true;
}
