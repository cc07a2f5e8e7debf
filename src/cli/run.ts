import { UsageError, describeFlags, parseArgs } from './args.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIO, type Command } from './command.js';
import { LoadError } from './load.js';
import { validateCommand } from './validate.js';
import { renderCommand } from './render.js';
import { convertCommand } from './convert.js';

export type { CliIO, Command } from './command.js';
export { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './command.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [validateCommand, renderCommand, convertCommand];

const NAME = 'entity-timeline';

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Printed by `--version`. */
  readonly version?: string;
}

/**
 * Runs the `entity-timeline` command line and resolves to its exit status: 0 success, 1 invalid
 * input, 2 usage error. Never rejects: unexpected failures are reported on stderr without a
 * stack trace and give status 1.
 *
 * @example
 * ```ts
 * const status = await runCli(['validate', 'events.json', '--json'], { stdout: process.stdout, stderr: process.stderr, readFile });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO, options: RunCliOptions = {}): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      if (topic !== undefined) return help(topic, io);
      // Without any command it is a usage error: the help goes to stderr, like other usage errors.
      (first === undefined ? io.stderr : io.stdout).write(mainHelp());
      return first === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${options.version ?? 'unknown'}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (command === undefined) {
      throw new UsageError(
        first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
      );
    }
    if (rest.some((arg) => arg === '--help' || arg === '-h')) {
      io.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run(parseArgs(rest, command.args, command.name), io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof LoadError && error.usage)) {
      io.stderr.write(`${NAME}: ${error.message}\nRun "${NAME} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof LoadError) {
      io.stderr.write(`${NAME}: ${error.message}\n`);
      return EXIT_INVALID;
    }
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${NAME}: unexpected error: ${reason}\n`);
    return EXIT_INVALID;
  }
}

function help(topic: string, io: CliIO): number {
  const command = COMMANDS.find((c) => c.name === topic);
  if (command === undefined) throw new UsageError(`unknown command "${topic}"`);
  io.stdout.write(commandHelp(command));
  return EXIT_OK;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Usage: ${NAME} <command> [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Examples:',
    ...COMMANDS.map((c) => `  ${c.examples[0]}`),
    '',
    'Options:',
    '  -h, --help     show help (also: <command> --help)',
    '  -v, --version  show the version',
    '',
    'Exit status: 0 success, 1 invalid input, 2 usage error.',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const positionals = command.args.positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(' ');
  return [
    `Usage: ${NAME} ${command.name} ${positionals} [options]`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Options:',
    describeFlags(command.args.flags),
    '',
    'Examples:',
    ...command.examples.map((line) => `  ${line}`),
    '',
  ].join('\n');
}
