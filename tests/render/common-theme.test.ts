import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { applyTheme, chartCss, darkTheme, lightTheme, resolveTheme } from '../../src/render/common/theme.js';
import { prefersReducedMotion } from '../../src/render/common/motion.js';
import { createTooltip } from '../../src/render/common/tooltip.js';
import { appendTitleDesc, renderDataTable } from '../../src/render/common/a11y.js';
import type { RenderContext } from '../../src/render/common/context.js';

function context(): { ctx: RenderContext; doc: Document } {
  const doc = new JSDOM('<!doctype html><body></body>').window.document;
  return { doc, ctx: { document: doc, measureText: (t) => t.length * 6, idPrefix: 'c1' } };
}

describe('themes', () => {
  it('light and dark themes define the same variables, including the required ones', () => {
    const required = ['--et-bg', '--et-fg', '--et-muted', '--et-grid', '--et-axis', '--et-accent', '--et-focus', '--et-font', '--et-font-size', '--et-tooltip-bg', '--et-tooltip-fg', '--et-highlight', '--et-dim-opacity'];
    for (const name of required) {
      expect(lightTheme.vars).toHaveProperty(name);
      expect(darkTheme.vars).toHaveProperty(name);
    }
    expect(Object.keys(darkTheme.vars).sort()).toEqual(Object.keys(lightTheme.vars).sort());
  });

  it('resolveTheme maps names and fills a custom theme from the light theme', () => {
    expect(resolveTheme(undefined)).toBe(lightTheme);
    expect(resolveTheme('dark')).toBe(darkTheme);
    const custom = resolveTheme({ name: 'sepia', vars: { '--et-bg': '#f4ecd8' } });
    expect(custom.vars['--et-bg']).toBe('#f4ecd8');
    expect(custom.vars['--et-fg']).toBe(lightTheme.vars['--et-fg']);
    expect(() => resolveTheme('neon' as 'light')).toThrow(/Unknown theme/);
  });

  it('chartCss scopes every rule under the root class and uses only variables for colour', () => {
    const css = chartCss('et-chart');
    const rules = css.split('\n');
    for (const rule of rules) {
      if (rule.startsWith('@media')) expect(rule).toContain('.et-chart *');
      else expect(rule.startsWith('.et-chart')).toBe(true);
      for (const sel of rule.slice(0, rule.indexOf('{')).split(',')) {
        if (!rule.startsWith('@media')) expect(sel.trim().startsWith('.et-chart')).toBe(true);
      }
    }
    expect(css).not.toMatch(/#[0-9a-f]{3,6}\b/i);
    expect(css).toContain('prefers-reduced-motion: reduce');
    expect(css).toContain(':focus-visible');
    for (const cls of ['.et-dim', '.et-highlight', '.et-selected', '.et-sr-only']) expect(css).toContain(cls);
    expect(() => chartCss('x}{body')).toThrow();
  });

  it('applyTheme writes the variables inline and keeps other inline style', () => {
    const { doc } = context();
    const div = doc.createElement('div');
    div.setAttribute('style', 'width: 10px');
    applyTheme(div, darkTheme);
    expect(div.style.getPropertyValue('--et-bg')).toBe(darkTheme.vars['--et-bg']);
    expect(div.style.width).toBe('10px');
  });
});

describe('prefersReducedMotion', () => {
  it('is false without a window or matchMedia and follows matchMedia otherwise', () => {
    expect(prefersReducedMotion(undefined)).toBe(false);
    expect(prefersReducedMotion(null)).toBe(false);
    const fake = { matchMedia: (q: string) => ({ matches: q.includes('reduce') }) } as unknown as Window;
    expect(prefersReducedMotion(fake)).toBe(true);
  });
});

describe('tooltip', () => {
  it('shows text without parsing HTML and filters unsafe links', () => {
    const { doc, ctx } = context();
    const tip = createTooltip(doc.body, ctx);
    tip.show(
      {
        title: '<img src=x onerror=alert(1)>',
        lines: ['<b>line</b>'],
        links: [
          { href: 'https://example.org/a', text: 'Good' },
          { href: 'javascript:alert(1)', text: 'Bad' },
        ],
      },
      10,
      10,
    );
    expect(tip.node.getAttribute('role')).toBe('tooltip');
    expect(tip.node.hidden).toBe(false);
    expect(tip.node.querySelector('img')).toBeNull();
    expect(tip.node.textContent).toContain('<img src=x onerror=alert(1)>');
    const links = tip.node.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://example.org/a');
    expect(links[0]!.rel).toBe('noopener noreferrer');
    expect(tip.node.textContent).toContain('Bad');
    expect(doc.body.querySelector('[aria-live]')!.textContent).toContain('line');
    tip.hide();
    expect(tip.node.hidden).toBe(true);
    tip.destroy();
    expect(doc.body.children).toHaveLength(0);
  });
});

describe('a11y helpers', () => {
  it('appendTitleDesc labels the svg with its title and description', () => {
    const { doc, ctx } = context();
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    appendTitleDesc(svg, ctx, 'Title', 'Description');
    appendTitleDesc(svg, ctx, 'Title 2', 'Description 2');
    expect(svg.querySelectorAll('title')).toHaveLength(1);
    expect(svg.firstElementChild!.textContent).toBe('Title 2');
    expect(svg.getAttribute('aria-labelledby')).toBe('c1-title');
    expect(svg.querySelector('#c1-title')!.textContent).toBe('Title 2');
    expect(svg.querySelector('#c1-desc')!.textContent).toBe('Description 2');
  });

  it('renderDataTable builds a captioned table from text cells', () => {
    const { doc, ctx } = context();
    const table = renderDataTable(doc.body, ctx, 'Events', ['Date', 'Event'], [['2024', '<i>x</i>'], ['2025']]);
    expect(table.caption!.textContent).toBe('Events');
    expect(table.querySelectorAll('th[scope=col]')).toHaveLength(2);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(table.querySelector('i')).toBeNull();
    expect(table.querySelectorAll('tbody tr')[1]!.children).toHaveLength(2);
  });

  it('renderDataTable hides the table inside a clipping block wrapper, reused after the table is removed', () => {
    const { doc, ctx } = context();
    const table = renderDataTable(doc.body, ctx, 'Events', ['Date'], [['2024']]);
    // Tables ignore width/overflow, so the clipping must sit on a block wrapper around it.
    const wrap = table.parentElement!;
    expect(wrap.localName).toBe('div');
    expect(wrap.classList.contains('et-sr-only')).toBe(true);
    expect(table.classList.contains('et-sr-only')).toBe(false);
    table.remove();
    const again = renderDataTable(doc.body, ctx, 'Events', ['Date'], [['2025']]);
    expect(again.parentElement).toBe(wrap);
    expect(doc.body.querySelectorAll('div.et-table-wrap')).toHaveLength(1);
    const shown = renderDataTable(doc.body, ctx, 'Shown', ['Date'], [], { visuallyHidden: false });
    expect(shown.parentElement!.classList.contains('et-sr-only')).toBe(false);
    expect(doc.body.querySelectorAll('div.et-table-wrap')).toHaveLength(2);
  });

  it('chartCss clips the visually hidden wrapper to one pixel', () => {
    const rule = chartCss('et-chart').split('\n').find((r) => r.startsWith('.et-chart .et-sr-only'))!;
    for (const part of ['position: absolute', 'width: 1px', 'height: 1px', 'overflow: hidden', 'clip-path: inset(50%)', 'white-space: nowrap']) {
      expect(rule).toContain(part);
    }
  });
});
