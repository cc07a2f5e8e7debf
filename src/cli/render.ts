import { EXIT_INVALID, EXIT_OK, type CliIO, type Command } from './command.js';
import { UsageError } from './args.js';
import { INPUT_FLAGS, loadInput } from './input.js';
import { renderToSVG, timeWindow, SVG_VIEWS, type RenderToSVGOptions, type SVGView } from '../ssr/render-to-svg.js';
import { DateSyntaxError } from '../model/dates.js';
import { DEFAULT_RENDER_LIMITS, RenderLimitError } from '../ssr/limits.js';

/**
 * `entity-timeline render <file> --view <view> [--out chart.svg] …`: draws a dataset as a
 * static, self-contained SVG. Records that fail validation are left out and listed on stderr
 * (with `--strict` the command refuses to render instead), so a chart is never silently
 * missing an event: the count of rendered and rejected records is always printed.
 */
export const renderCommand: Command = {
  name: 'render',
  summary: 'draw a dataset as a static SVG (timeline, network, matrix, arc, ego, storyline)',
  args: {
    positionals: [{ name: 'file', required: true }],
    flags: [
      { name: 'view', type: 'string', placeholder: '<view>', values: SVG_VIEWS, description: 'the chart (default timeline)' },
      { name: 'out', short: 'o', type: 'string', placeholder: '<file.svg>', description: 'write the SVG here (default: standard output)' },
      { name: 'width', type: 'number', placeholder: '<px>', description: 'width in pixels' },
      { name: 'height', type: 'number', placeholder: '<px>', description: 'height in pixels (timeline default: as tall as its lanes)' },
      { name: 'theme', type: 'string', placeholder: '<name>', values: ['light', 'dark'], description: 'colour theme (default light)' },
      { name: 'from', type: 'string', placeholder: '<date>', description: 'show only what happened from this date on (EDTF, e.g. 2024-01)' },
      { name: 'to', type: 'string', placeholder: '<date>', description: 'show only what happened up to this date (2024-01 includes all of January)' },
      { name: 'lanes', type: 'string', placeholder: '<by>', values: ['actor', 'category', 'none'], description: 'timeline lanes (default actor)' },
      { name: 'actor', type: 'string', placeholder: '<id>', description: 'the actor at the centre of the ego view' },
      { name: 'seed', type: 'number', placeholder: '<n>', description: 'seed of the network layout (default 1)' },
      { name: 'title', type: 'string', placeholder: '<text>', description: "the chart's accessible title (default the dataset's title)" },
      {
        name: 'max-events',
        type: 'number',
        placeholder: '<n>',
        description: `refuse to draw more events than this (default ${DEFAULT_RENDER_LIMITS.timeline.maxEvents.toLocaleString('en')})`,
      },
      {
        name: 'max-actors',
        type: 'number',
        placeholder: '<n>',
        description: `refuse to draw more actors than this (default ${DEFAULT_RENDER_LIMITS.network.maxActors.toLocaleString('en')})`,
      },
      ...INPUT_FLAGS,
      { name: 'strict', type: 'boolean', description: 'refuse to render when any record is invalid' },
      { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
    ],
  },
  examples: [
    'entity-timeline render events.json --view timeline --out timeline.svg',
    'entity-timeline render events.json --view ego --actor north-korea --out ego.svg',
    'entity-timeline render events.csv --view network --from 2024-01 --to 2024-03 --theme dark -o network.svg',
  ],
  async run({ positionals, flags }, io) {
    const file = positionals[0]!;
    const str = (name: string): string | undefined => {
      const v = flags.get(name);
      return typeof v === 'string' ? v : undefined;
    };
    const num = (name: string): number | undefined => {
      const v = flags.get(name);
      return typeof v === 'number' ? v : undefined;
    };
    const view = (str('view') ?? 'timeline') as SVGView;
    if (view === 'ego' && str('actor') === undefined) throw new UsageError('--view ego needs --actor <id>');
    const out = str('out');
    if (out !== undefined && io.writeFile === undefined) throw new UsageError('this environment cannot write files; leave out --out');

    const loaded = await loadInput(file, flags, io);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    for (const p of errors) io.stderr.write(`${file}: ${p.path}: ${p.message}\n`);
    if (errors.length > 0 && flags.get('strict') === true) {
      io.stderr.write(`${file}: not rendered: ${errors.length} problem${errors.length === 1 ? '' : 's'} (--strict)\n`);
      return EXIT_INVALID;
    }
    if (view === 'ego' && loaded.dataset.actor(str('actor')!) === undefined) {
      throw new UsageError(`--actor ${JSON.stringify(str('actor'))} is not an actor of ${file}`);
    }

    const options = {
      view,
      ...definedEntries({
        width: num('width'),
        height: num('height'),
        theme: str('theme'),
        from: str('from'),
        to: str('to'),
        lanes: str('lanes'),
        actor: str('actor'),
        seed: num('seed'),
        title: str('title'),
        maxEvents: num('max-events'),
        maxActors: num('max-actors'),
      }),
    } as RenderToSVGOptions;
    let svg: string;
    try {
      svg = renderToSVG(loaded.dataset, options);
    } catch (error) {
      if (error instanceof RenderLimitError) {
        io.stderr.write(`entity-timeline: ${file}: not rendered: ${limitAdvice(error, view)}\n`);
        return EXIT_INVALID;
      }
      if (error instanceof DateSyntaxError) throw new UsageError(`--from/--to: ${error.message}`);
      if (error instanceof RangeError || error instanceof TypeError) throw new UsageError(error.message);
      throw error;
    }
    await write(io, out, svg);
    const total = loaded.dataset.events.length;
    // With --from/--to, say how many events the window holds: those are what a timeline draws.
    const window = timeWindow(str('from'), str('to'));
    const shown = window ? loaded.dataset.eventsBetween(window[0], window[1]).length : total;
    const kept = `${shown === total ? '' : `${shown} of `}${total} event${total === 1 ? '' : 's'}`;
    const left = loaded.rejected.length > 0 ? `; ${loaded.rejected.length} invalid record${loaded.rejected.length === 1 ? '' : 's'} left out` : '';
    io.stderr.write(`${out ?? 'stdout'}: ${view} of ${kept}${left}\n`);
    return EXIT_OK;
  },
};

/** The CLI's wording of a refused chart: the figures, then the flags that get past it. */
function limitAdvice(error: RenderLimitError, view: SVGView): string {
  const { kind, count, limit } = error;
  const ways: string[] = [];
  if (error.windowHelps) ways.push('draw a shorter period with --from/--to');
  if (view === 'network' || view === 'matrix' || view === 'arc') ways.push("draw one actor's neighbourhood with --view ego --actor <id>");
  ways.push(`raise the limit with --max-${kind} ${count} (it may take minutes and a lot of memory)`);
  return `the ${view} view would draw ${count.toLocaleString('en')} ${kind}, over the limit of ${limit.toLocaleString('en')}; ${ways.join(', or ')}`;
}

async function write(io: CliIO, out: string | undefined, text: string): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  await io.writeFile!(out, text.endsWith('\n') ? text : `${text}\n`);
}

function definedEntries(record: Record<string, string | number | undefined>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}
