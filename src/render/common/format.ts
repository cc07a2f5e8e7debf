import type { Dataset, EntityEvent } from '../../model/types.js';
import { formatWhen } from '../../model/dates.js';
import type { TooltipContent } from './tooltip.js';

/** Options for {@link eventAriaLabel} and {@link eventTooltipContent}. */
export interface EventTextOptions {
  /** Formats the event's date; defaults to `formatWhen` (the date at its own precision). */
  readonly formatWhen?: (event: EntityEvent) => string;
}

/**
 * The event's actors as readable text, with roles other than plain `participant`:
 * `Kim Jong Un (source), Vladimir Putin (target)`. Unknown actor ids are shown as the id.
 *
 * @example
 * ```ts
 * eventActorsText(dataset.event('summit')!, dataset); // 'Kim Jong Un (source), Vladimir Putin (target)'
 * ```
 */
export function eventActorsText(event: EntityEvent, dataset: Pick<Dataset, 'actor'>): string {
  return event.participants
    .map((p) => {
      const name = dataset.actor(p.actor)?.name ?? p.actor;
      return p.role === 'participant' ? name : `${name} (${p.role})`;
    })
    .join(', ');
}

function dateText(event: EntityEvent, options: EventTextOptions): string {
  return options.formatWhen ? options.formatWhen(event) : formatWhen(event.when);
}

/**
 * The accessible name of an event mark, shared by every view: title, date at its own precision
 * (a month-precision event reads as a month, not as its first day), then actors with roles.
 *
 * @example
 * ```ts
 * mark.setAttribute('aria-label', eventAriaLabel(event, dataset));
 * // 'Treaty signed, 19 June 2024, Vladimir Putin (source), Kim Jong Un (target)'
 * ```
 */
export function eventAriaLabel(event: EntityEvent, dataset: Pick<Dataset, 'actor'>, options: EventTextOptions = {}): string {
  const parts = [event.title, dateText(event, options)];
  const actors = eventActorsText(event, dataset);
  if (actors) parts.push(actors);
  return parts.join(', ');
}

/**
 * Tooltip content for an event: title; date; actors; category and location when present; the
 * sources as links (the tooltip itself filters unsafe URLs).
 *
 * @example
 * ```ts
 * tooltip.show(eventTooltipContent(event, dataset), x, y);
 * ```
 */
export function eventTooltipContent(
  event: EntityEvent,
  dataset: Pick<Dataset, 'actor'>,
  options: EventTextOptions = {},
): TooltipContent {
  const lines = [dateText(event, options)];
  const actors = eventActorsText(event, dataset);
  if (actors) lines.push(actors);
  if (event.category) lines.push(event.category);
  if (event.location) lines.push(event.location.name);
  const links = event.sources.map((s) => ({
    href: s.url ?? '',
    text: s.publisher ?? s.title ?? s.url ?? 'source',
  }));
  return { title: event.title, lines, links };
}
