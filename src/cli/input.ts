// The input flags every command that reads a dataset shares, and reading with them.
import type { FlagSpec, ParsedArgs } from './args.js';
import { UsageError } from './args.js';
import type { CliIO } from './command.js';
import { DEFAULT_MAX_BYTES, LoadError, formatNames, loadDataset, type LoadResult } from './load.js';
import { AliasTableError } from '../io/aliases.js';

/** `--format`, `--aliases`, `--day-first`, `--month-first`, `--case-sensitive`, `--max-size`. */
export const INPUT_FLAGS: readonly FlagSpec[] = [
  {
    name: 'format',
    type: 'string',
    placeholder: '<name>',
    values: formatNames(),
    description: 'input format (default auto: decided from the content, and the choice is reported)',
  },
  { name: 'aliases', type: 'string', placeholder: '<file.csv>', description: 'merge actor names with a CSV of alias,canonical[,kind] rows' },
  { name: 'day-first', type: 'boolean', description: 'read 01/02/2024 as 1 February (CSV dates)' },
  { name: 'month-first', type: 'boolean', description: 'read 01/02/2024 as 2 January (CSV dates)' },
  { name: 'case-sensitive', type: 'boolean', description: 'do not merge actor names that differ only in case' },
  {
    name: 'max-size',
    type: 'number',
    placeholder: '<MB>',
    description: `refuse inputs larger than this (default ${DEFAULT_MAX_BYTES / 1024 / 1024})`,
  },
];

/** Reads `file` with the input flags of a parsed command line. */
export async function loadInput(file: string, flags: ParsedArgs['flags'], io: CliIO): Promise<LoadResult> {
  if (flags.get('day-first') === true && flags.get('month-first') === true) {
    throw new UsageError('--day-first and --month-first cannot be used together');
  }
  const aliasesFile = flags.get('aliases');
  let aliases: string | undefined;
  if (typeof aliasesFile === 'string') {
    try {
      aliases = new TextDecoder('utf-8', { fatal: true }).decode(await io.readFile(aliasesFile));
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      if (code === 'ENOENT') throw new UsageError(`no such aliases file: ${aliasesFile}`);
      throw new LoadError(`cannot read the aliases file ${aliasesFile}${error instanceof TypeError ? ' (it is not UTF-8 text)' : ''}`, false);
    }
  }
  const maxSize = flags.get('max-size');
  const format = flags.get('format');
  try {
    return await loadDataset(file, {
      reader: io,
      ...(typeof maxSize === 'number' && { maxBytes: maxSize * 1024 * 1024 }),
      ...(typeof format === 'string' && { format }),
      importOptions: {
        ...(aliases !== undefined && { aliases }),
        ...(flags.get('day-first') === true && { dayFirst: true }),
        ...(flags.get('month-first') === true && { monthFirst: true }),
        ...(flags.get('case-sensitive') === true && { caseFold: false }),
      },
    });
  } catch (error) {
    if (error instanceof AliasTableError) throw new LoadError(`the aliases file ${String(aliasesFile)}: ${error.message}`, false);
    throw error;
  }
}
