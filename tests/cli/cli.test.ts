import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run-cli.js';

const seedPath = 'examples/data/korea-russia-2024.json';
const seed = readFileSync(new URL(`../../${seedPath}`, import.meta.url), 'utf8');
const broken = seed.replace('"when": "2023?"', '"when": "2024-02-30"');

describe('entity-timeline validate', () => {
  it('passes the founding dataset with counts and its date range', async () => {
    const { status, stdout, stderr } = await run(['validate', 'seed.json'], { 'seed.json': seed });
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.split('\n').slice(0, 3)).toEqual(['seed.json: valid', '  12 events, 17 actors, 49 relations', '  from 2023? to January 2024?']);
  });

  it('names the path of a broken date and exits 1', async () => {
    const { status, stdout } = await run(['validate', 'bad.json'], { 'bad.json': broken });
    expect(status).toBe(1);
    expect(stdout).toContain('bad.json: invalid (1 error)');
    expect(stdout).toContain('rejected: 1 event');
    expect(stdout).toMatch(/^ {2}events\[4\]\.when: "2024-02-30" is not a calendar date/m);
  });

  it('prints exactly one JSON object with --json', async () => {
    const { status, stdout } = await run(['validate', '--json', 'bad.json'], { 'bad.json': broken });
    expect(status).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['valid', 'events', 'actors', 'relations', 'start', 'end', 'problems', 'format', 'formatReason', 'rejected', 'merges']);
    expect(report).toMatchObject({ valid: false, events: 11, actors: 17, start: '2023-01-01T00:00:00.000Z', end: '2024-01-31T23:59:59.999Z' });
    expect(report.problems).toEqual([{ path: 'events[4].when', message: '"2024-02-30" is not a calendar date', severity: 'error' }]);
  });

  it('reports null start and end for a dataset without events', async () => {
    const { status, stdout } = await run(['validate', 'e.json', '--json'], { 'e.json': '{"events": []}' });
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, events: 0, actors: 0, relations: 0, start: null, end: null, problems: [], rejected: [], merges: [] });
  });

  it('reports JSON syntax errors as problems, not crashes', async () => {
    const { status, stdout, stderr } = await run(['validate', 'x.json', '--json'], { 'x.json': '{"events": [' });
    expect(status).toBe(1);
    expect(stderr).toBe('');
    expect((JSON.parse(stdout) as { problems: { path: string }[] }).problems[0]!.path).toBe('$');
  });

  it('reports text that is not UTF-8', async () => {
    const { status, stdout } = await run(['validate', 'x.json'], { 'x.json': Uint8Array.of(0x7b, 0xff, 0x7d) });
    expect(status).toBe(1);
    expect(stdout).toContain('$: is not UTF-8 text');
  });

  it('refuses files over the size limit unless --max-size allows them', async () => {
    const big = `{"events": [], "description": "${'x'.repeat(2 * 1024 * 1024)}"}`;
    const refused = await run(['validate', 'big.json', '--max-size', '1'], { 'big.json': big });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/big\.json is 2 MB, over the 1 MB limit; pass --max-size 3 to read it anyway/);
    expect((await run(['validate', 'big.json', '--max-size=3'], { 'big.json': big })).status).toBe(0);
  });

  it('treats a missing file as a usage error', async () => {
    const { status, stdout, stderr } = await run(['validate', 'missing.json']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('entity-timeline: no such file: missing.json\nRun "entity-timeline --help" for usage.\n');
  });
});

describe('entity-timeline usage', () => {
  it.each([
    [['validate'], '"validate" needs <file>'],
    [['validate', 'a.json', '--jsn'], 'unknown option --jsn for "validate"'],
    [['validate', 'a.json', '-x'], 'unknown option -x for "validate"'],
    [['validate', 'a.json', 'b.json'], 'unexpected argument "b.json" for "validate"'],
    [['validate', 'a.json', '--max-size', 'lots'], '--max-size must be a positive number, not "lots"'],
    [['validate', 'a.json', '--max-size'], '--max-size needs a value <MB>'],
    [['validate', 'a.json', '--format', 'xml'], '--format must be one of auto, json, csv, tsv, timelinejs, gdelt, acled, not "xml"'],
    [['validate', 'a.json', '--json=yes'], '--json takes no value'],
    [['validate', 'a.json', '--json', '--json'], '--json is given more than once'],
    [['draw'], 'unknown command "draw" (commands: validate, render, convert)'],
    [['render'], '"render" needs <file>'],
    [['--verbose'], 'unknown option --verbose'],
  ])('exits 2 for %j', async (argv, message) => {
    const { status, stdout, stderr } = await run(argv, { 'a.json': '{"events":[]}' });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`entity-timeline: ${message}`);
    expect(stderr).not.toMatch(/\bat .*:\d+:\d+/); // no stack trace
  });

  it('prints help and version', async () => {
    const help = await run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: entity-timeline <command> \[options\]/);
    expect(help.stdout).toMatch(/^ {2}validate {2}check a dataset file/m);
    expect(help.stdout).toMatch(/^ {2}render {4}draw a dataset as a static SVG/m);
    const commandHelp = await run(['validate', '--help']);
    expect(commandHelp.status).toBe(0);
    expect(commandHelp.stdout).toMatch(/^Usage: entity-timeline validate <file> \[options\]/);
    expect(commandHelp.stdout).toContain('--max-size <MB>');
    expect(await run(['--version'])).toMatchObject({ status: 0, stdout: '9.9.9\n', stderr: '' });
    const bare = await run([]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/^Usage:/);
  });
});

describe('the built dist/cli.js', () => {
  const root = new URL('../../', import.meta.url);
  const cli = new URL('dist/cli.js', root);
  // Outside CI, a missing or stale build (older than the CLI or model sources) is skipped;
  // in CI the build runs first, so a missing one is a failure.
  const newestSource = Math.max(
    ...['src/cli', 'src/model'].flatMap((dir) => readdirSync(new URL(`${dir}/`, root)).map((f) => statSync(new URL(`${dir}/${f}`, root)).mtimeMs)),
  );
  const usable = existsSync(cli) && (process.env.CI !== undefined || statSync(cli).mtimeMs >= newestSource);
  const test = usable || process.env.CI ? it : it.skip;

  test('runs as a program: validates the seed, exits 1 on a broken date and 2 on usage errors', () => {
    expect(existsSync(cli), 'dist/cli.js is missing: run the build first').toBe(true);
    const node = (args: string[], input?: string) => spawnSync(process.execPath, [cli.pathname, ...args], { cwd: root, encoding: 'utf8', input });
    const ok = node(['validate', seedPath, '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, events: 12, actors: 17 });
    const dir = mkdtempSync(join(tmpdir(), 'entity-timeline-'));
    try {
      writeFileSync(join(dir, 'bad.json'), broken);
      const bad = node(['validate', join(dir, 'bad.json')]);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('events[4].when: "2024-02-30" is not a calendar date');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const usage = node(['validate', 'no/such/file.json']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('entity-timeline: no such file: no/such/file.json\nRun "entity-timeline --help" for usage.\n');
    const version = node(['--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }).version);
  });
});
