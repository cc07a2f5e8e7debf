import { describe, expect, it } from 'vitest';

describe('the element in Node, where there is no DOM', () => {
  it('imports without failing, and defining it says there is no registry', async () => {
    expect(typeof globalThis.HTMLElement).toBe('undefined');
    const library = await import('../../src/index.js');
    expect(typeof library.EntityTimelineElement).toBe('function');
    expect(() => library.defineEntityTimelineElement()).toThrow(/no customElements registry/);
  });

  it('leaves the browser bundle entry importable too, defining nothing', async () => {
    await expect(import('../../src/browser.js')).resolves.toHaveProperty('defineEntityTimelineElement');
  });
});
