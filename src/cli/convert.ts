import { UsageError } from './args.js';
import { EXIT_INVALID, EXIT_OK, type Command } from './command.js';
import { INPUT_FLAGS, loadInput } from './input.js';
import { toTimelineJS } from '../io/timelinejs.js';
import { toJSON } from '../io/json.js';

/**
 * `entity-timeline convert <in> --to json|timelinejs [--out file]`: reads any supported input
 * and writes it as the library's JSON or as a TimelineJS3 document. What could not be read is
 * listed on stderr and the count of converted and left-out records is always printed; with
 * `--strict` nothing is written when any record is invalid.
 */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert CSV, TimelineJS, GDELT or ACLED to the JSON format, or to TimelineJS',
  args: {
    positionals: [{ name: 'file', required: true }],
    flags: [
      { name: 'to', type: 'string', placeholder: '<format>', values: ['json', 'timelinejs'], description: 'output format (required)' },
      { name: 'out', short: 'o', type: 'string', placeholder: '<file>', description: 'write here (default: standard output)' },
      ...INPUT_FLAGS,
      { name: 'strict', type: 'boolean', description: 'write nothing when any record is invalid' },
      { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
    ],
  },
  examples: [
    'entity-timeline convert events.csv --to json --out events.json',
    'entity-timeline convert gdelt.export.CSV --format gdelt --to timelinejs -o timeline.json',
  ],
  async run({ positionals, flags }, io) {
    const file = positionals[0]!;
    const to = flags.get('to');
    if (typeof to !== 'string') throw new UsageError('--to json|timelinejs is required');
    const out = flags.get('out');
    if (typeof out === 'string' && io.writeFile === undefined) throw new UsageError('this environment cannot write files; leave out --out');

    const loaded = await loadInput(file, flags, io);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    for (const p of errors) io.stderr.write(`${file}: ${p.path}: ${p.message}\n`);
    if (errors.length > 0 && flags.get('strict') === true) {
      io.stderr.write(`${file}: not converted: ${errors.length} problem${errors.length === 1 ? '' : 's'} (--strict)\n`);
      return EXIT_INVALID;
    }
    // Both outputs are written from the dataset, which holds only the records that were kept,
    // so a converted file always validates.
    const document = to === 'json' ? toJSON(loaded.dataset) : toTimelineJS(loaded.dataset);
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (typeof out === 'string') await io.writeFile!(out, text);
    else io.stdout.write(text);
    io.stderr.write(
      `${typeof out === 'string' ? out : 'stdout'}: ${to} from ${loaded.format} (${loaded.reason}): ` +
        `${loaded.dataset.events.length} events, ${loaded.dataset.actors.length} actors` +
        (loaded.rejected.length > 0 ? `; ${loaded.rejected.length} invalid records left out` : '') +
        '\n',
    );
    return EXIT_OK;
  },
};
