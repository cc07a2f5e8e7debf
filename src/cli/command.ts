import type { ArgsSpec, ParsedArgs } from './args.js';
import type { FileReader } from './load.js';

/** Exit status: success. */
export const EXIT_OK = 0;
/** Exit status: the input is invalid or could not be read. */
export const EXIT_INVALID = 1;
/** Exit status: the command line is wrong (unknown command or flag, missing file). */
export const EXIT_USAGE = 2;

/** Where the CLI reads and writes: `process` in `main.ts`, fakes in tests. */
export interface CliIO extends FileReader {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Writes an output file (`--out`); commands that write files fail with a usage error without it. */
  writeFile?(path: string, text: string): Promise<void>;
}

/**
 * One subcommand. Add a command by writing one of these and listing it in `COMMANDS`
 * (src/cli/run.ts); parsing, `--help` and error handling are shared.
 */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  readonly args: ArgsSpec;
  /** Example command lines for `--help`. */
  readonly examples: readonly string[];
  /** Runs with arguments already checked against `args`; resolves to the exit status. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
