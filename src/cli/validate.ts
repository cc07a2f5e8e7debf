import { EXIT_INVALID, EXIT_OK, type Command } from './command.js';
import { INPUT_FLAGS, loadInput } from './input.js';
import { formatReport, validationReport } from './report.js';

/**
 * `entity-timeline validate <file> [--json] [--format <name>] [--aliases <file>] [--day-first | --month-first] [--max-size <MB>]`: reads a
 * dataset leniently and reports what it kept and every problem. Exit 0 when there is no error,
 * 1 when there is one (or the file is over the size limit or unreadable), 2 for usage errors.
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a dataset file and list every problem',
  args: {
    positionals: [{ name: 'file', required: true }],
    flags: [
      { name: 'json', type: 'boolean', description: 'print one JSON object instead of text' },
      ...INPUT_FLAGS,
      { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
    ],
  },
  examples: [
    'entity-timeline validate events.json',
    'entity-timeline validate events.json --json',
    'entity-timeline validate big.json --max-size 300',
    'entity-timeline validate events.csv --day-first --aliases aliases.csv',
    'entity-timeline validate export.csv --format acled --json',
  ],
  async run({ positionals, flags }, io) {
    const file = positionals[0]!;
    const loaded = await loadInput(file, flags, io);
    const report = validationReport(loaded);
    if (flags.get('json') === true) io.stdout.write(`${JSON.stringify(report)}\n`);
    else io.stdout.write(formatReport(file, report, loaded));
    return report.valid ? EXIT_OK : EXIT_INVALID;
  },
};
