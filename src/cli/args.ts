// A small, strict argument parser: every flag a command accepts is declared, anything else is a
// usage error that names the flag. Hand-written so the CLI needs nothing but Node built-ins.

/** A flag a command accepts. */
export interface FlagSpec {
  /** The long name without dashes: `json` for `--json`. */
  readonly name: string;
  /** `boolean` flags take no value; the others take one (`--max-size 200` or `--max-size=200`). */
  readonly type: 'boolean' | 'string' | 'number';
  /** One line for `--help`. */
  readonly description: string;
  /** The value's name in `--help` (`<MB>`). */
  readonly placeholder?: string;
  /** The values a string flag allows; others are usage errors. */
  readonly values?: readonly string[];
  /** A one-letter alias: `h` for `-h`. */
  readonly short?: string;
}

/** What a command's arguments look like. */
export interface ArgsSpec {
  readonly flags: readonly FlagSpec[];
  /** Names of the positional arguments, in order (`file`). */
  readonly positionals: readonly { readonly name: string; readonly required: boolean }[];
}

/** Parsed arguments: positionals in order and flag values by name. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string | number | boolean>;
}

/** A mistake in how the command was called (exit status 2). The message is shown as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `argv` (without the command name) against a spec. `--` ends the flags.
 *
 * @example
 * ```ts
 * parseArgs(['data.json', '--json'], validateSpec).flags.get('json'); // true
 * ```
 */
export function parseArgs(argv: readonly string[], spec: ArgsSpec, command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | number | boolean>();
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      const short = spec.flags.find((f) => f.short !== undefined && `-${f.short}` === arg);
      if (short === undefined) throw new UsageError(`unknown option ${arg} for "${command}"`);
      name = short.name;
    }
    const flag = spec.flags.find((f) => f.name === name);
    if (flag === undefined) {
      const hint = spec.flags.find((f) => f.name.startsWith(name) || name.startsWith(f.name));
      throw new UsageError(
        `unknown option --${name} for "${command}"${hint === undefined ? '' : ` (did you mean --${hint.name}?)`}`,
      );
    }
    if (flags.has(flag.name)) throw new UsageError(`--${flag.name} is given more than once`);
    if (flag.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${flag.name} takes no value`);
      flags.set(flag.name, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) {
        throw new UsageError(`--${flag.name} needs a value${flag.placeholder ? ` ${flag.placeholder}` : ''}`);
      }
      value = next;
      i++;
    }
    if (flag.type === 'number') {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
        throw new UsageError(`--${flag.name} must be a positive number, not ${JSON.stringify(value)}`);
      }
      flags.set(flag.name, number);
    } else {
      if (flag.values !== undefined && !flag.values.includes(value)) {
        throw new UsageError(`--${flag.name} must be one of ${flag.values.join(', ')}, not ${JSON.stringify(value)}`);
      }
      flags.set(flag.name, value);
    }
  }
  const required = spec.positionals.filter((p) => p.required).length;
  if (positionals.length < required) {
    throw new UsageError(`"${command}" needs ${spec.positionals.map((p) => `<${p.name}>`).join(' ')}`);
  }
  if (positionals.length > spec.positionals.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[spec.positionals.length])} for "${command}"`);
  }
  return { positionals, flags };
}

/** The `Options:` block of a command's help text. */
export function describeFlags(flags: readonly FlagSpec[]): string {
  const rows = flags.map((f) => {
    const head = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'boolean' ? '' : ` ${f.placeholder ?? '<value>'}`}`;
    const values = f.values ? ` (${f.values.join(', ')})` : '';
    return [head, `${f.description}${values}`] as const;
  });
  const width = Math.max(0, ...rows.map(([head]) => head.length));
  return rows.map(([head, text]) => `  ${head.padEnd(width)}  ${text}`).join('\n');
}
