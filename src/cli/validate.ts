import { EXIT_INVALID, EXIT_OK, type Command } from './command.js';
import { DEFAULT_MAX_BYTES, formatNames, loadDataset } from './load.js';
import { formatReport, validationReport } from './report.js';

/**
 * `entity-timeline validate <file> [--json] [--format <name>] [--max-size <MB>]`: reads a
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
      {
        name: 'format',
        type: 'string',
        placeholder: '<name>',
        values: formatNames(),
        description: 'input format (default auto: by file extension, then by content)',
      },
      {
        name: 'max-size',
        type: 'number',
        placeholder: '<MB>',
        description: `refuse files larger than this (default ${DEFAULT_MAX_BYTES / 1024 / 1024})`,
      },
      { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
    ],
  },
  async run({ positionals, flags }, io) {
    const file = positionals[0]!;
    const maxSize = flags.get('max-size');
    const format = flags.get('format');
    const loaded = await loadDataset(file, {
      reader: io,
      ...(typeof maxSize === 'number' && { maxBytes: maxSize * 1024 * 1024 }),
      ...(typeof format === 'string' && { format }),
    });
    const report = validationReport(loaded.dataset, loaded.problems);
    if (flags.get('json') === true) io.stdout.write(`${JSON.stringify(report)}\n`);
    else io.stdout.write(formatReport(file, report, loaded.dataset, loaded.rejected));
    return report.valid ? EXIT_OK : EXIT_INVALID;
  },
};
