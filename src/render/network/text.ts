/**
 * Words shared by every network renderer: accessible labels of actors and relations, chart
 * descriptions and the rows of the relation table (the accessible alternative to the picture).
 */
import type { Dataset } from '../../model/types.js';
import type { TimeWindow } from '../../link/state.js';
import type { NetworkEdge, NetworkGraph, NetworkNode } from '../../layout/network.js';
import { formatWhen } from '../../model/dates.js';
import type { TooltipContent } from '../common/tooltip.js';
import { KIND_NAMES } from './shapes.js';

/**
 * The accessible name of an actor node: name, kind, affiliations and event count.
 *
 * @example
 * ```ts
 * actorAriaLabel(node, dataset); // 'John Kirby, person, National Security Council Coordinator of White House National Security Council, 2 events'
 * ```
 */
export function actorAriaLabel(node: NetworkNode, dataset: Pick<Dataset, 'actor'>): string {
  const parts = [node.label, KIND_NAMES[node.kind]];
  const affiliations = affiliationText(node, dataset);
  if (affiliations) parts.push(affiliations);
  parts.push(count(node.involvement, 'event'));
  return parts.join(', ');
}

function affiliationText(node: NetworkNode, dataset: Pick<Dataset, 'actor'>): string {
  return node.affiliations
    .map((a) => {
      const name = dataset.actor(a.actor)?.name ?? a.actor;
      return a.role ? `${a.role} of ${name}` : `affiliated to ${name}`;
    })
    .join('; ');
}

/**
 * The accessible name of an edge: `United States → North Korea, 3 events` or
 * `John Kirby, official of White House National Security Council`.
 *
 * @example
 * ```ts
 * edgeAriaLabel(edge, dataset);
 * ```
 */
export function edgeAriaLabel(edge: Pick<NetworkEdge, 'kind' | 'source' | 'target' | 'directed' | 'type' | 'weight' | 'role'>, dataset: Pick<Dataset, 'actor'>): string {
  const s = dataset.actor(edge.source)?.name ?? edge.source;
  const t = dataset.actor(edge.target)?.name ?? edge.target;
  if (edge.kind === 'affiliation') return `${s}, ${edge.role ?? 'affiliated'} of ${t}`;
  const arrow = edge.directed ? '→' : '—';
  const what = edge.type === 'derived' ? count(edge.weight, 'event') : edge.type;
  return `${s} ${arrow} ${t}, ${what}`;
}

/**
 * Tooltip content of an actor: kind, affiliations and event count.
 *
 * @example
 * ```ts
 * tooltip.show(actorTooltipContent(node, dataset), x, y);
 * ```
 */
export function actorTooltipContent(node: NetworkNode, dataset: Pick<Dataset, 'actor'>): TooltipContent {
  const lines = [KIND_NAMES[node.kind]];
  const aff = affiliationText(node, dataset);
  if (aff) lines.push(aff);
  lines.push(node.involvement === node.totalInvolvement ? count(node.involvement, 'event') : `${count(node.involvement, 'event')} in the window, ${node.totalInvolvement} in all`);
  return { title: node.label, lines, links: [] };
}

/**
 * Tooltip content of an edge: the events behind it with their dates at their own precision,
 * and their sources as links (the tooltip passes every link through `safeUrl`).
 *
 * @example
 * ```ts
 * tooltip.show(edgeTooltipContent(edge, dataset), x, y);
 * ```
 */
export function edgeTooltipContent(edge: Pick<NetworkEdge, 'kind' | 'source' | 'target' | 'directed' | 'type' | 'weight' | 'role' | 'events'>, dataset: Pick<Dataset, 'actor' | 'event'>, maxEvents = 8): TooltipContent {
  const lines: string[] = [];
  const links: { href: string; text: string }[] = [];
  for (const id of edge.events.slice(0, maxEvents)) {
    const e = dataset.event(id);
    if (!e) continue;
    lines.push(`${formatWhen(e.when)}: ${e.title}`);
    for (const s of e.sources) if (s.url) links.push({ href: s.url, text: s.publisher ?? s.title ?? s.url });
  }
  if (edge.events.length > maxEvents) lines.push(`and ${edge.events.length - maxEvents} more`);
  return { title: edgeAriaLabel(edge, dataset), lines, links };
}

/**
 * Columns and rows of the relation table that goes with a network chart.
 *
 * @example
 * ```ts
 * const { columns, rows } = relationTable(graph, dataset);
 * renderDataTable(wrapper, ctx, 'Relations', columns, rows);
 * ```
 */
export function relationTable(graph: NetworkGraph, dataset: Pick<Dataset, 'actor' | 'event'>): { columns: string[]; rows: string[][] } {
  const name = (id: string): string => dataset.actor(id)?.name ?? id;
  const rows = graph.edges.map((e) => {
    const events = e.events.map((id) => dataset.event(id)).filter((x) => x !== undefined);
    const dates = events.length ? `${formatWhen(events[0]!.when)}${events.length > 1 ? ` – ${formatWhen(events[events.length - 1]!.when)}` : ''}` : '';
    return [name(e.source), e.directed ? 'to' : 'with', name(e.target), e.kind === 'affiliation' ? `affiliation${e.role ? ` (${e.role})` : ''}` : e.type === 'derived' ? 'events' : e.type, String(e.weight), dates];
  });
  return { columns: ['From', 'Direction', 'To', 'Relation', 'Events', 'Dates'], rows };
}

/**
 * A one-sentence description of a network for `<desc>`.
 *
 * @example
 * ```ts
 * networkDescription(graph); // '12 actors and 17 relations. Most involved: North Korea (9 events).'
 * ```
 */
export function networkDescription(graph: NetworkGraph): string {
  const relations = graph.edges.filter((e) => e.kind === 'relation').length;
  const affiliations = graph.edges.length - relations;
  // The first of the most involved (what a stable sort would put first), without sorting.
  let top: NetworkGraph['nodes'][number] | undefined;
  for (const n of graph.nodes) if (!top || n.involvement > top.involvement) top = n;
  const parts = [`${count(graph.nodes.length, 'actor')} and ${count(relations, 'relation')}${affiliations ? ` (plus ${count(affiliations, 'affiliation')})` : ''}${windowText(graph.window)}.`];
  if (top && top.involvement > 0) parts.push(`Most involved: ${top.label} (${count(top.involvement, 'event')}).`);
  return parts.join(' ');
}

function windowText(window: TimeWindow | null): string {
  if (!window) return '';
  // A window given only `from` or only `to` is open at the other end (±Infinity), which has no
  // date to print: it reads "from <date>" or "until <date>".
  const from = isoDay(window[0]);
  const to = isoDay(window[1]);
  if (from !== null && to !== null) return ` from ${from} to ${to}`;
  if (from !== null) return ` from ${from}`;
  if (to !== null) return ` until ${to}`;
  return '';
}

/** The UTC day of `ms`, or null for an open end (or an instant no Date can hold). */
function isoDay(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
