import { runCli, type CliIO } from '../../src/cli/run.js';

/** Runs the CLI against in-memory files and captures its output. */
export async function run(argv: string[], files: Record<string, string | Uint8Array> = {}) {
  let stdout = '';
  let stderr = '';
  const enoent = (path: string) => Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  const written: Record<string, string> = {};
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readFile: async (path) => {
      const file = files[path];
      if (file === undefined) throw enoent(path);
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    },
    fileSize: async (path) => {
      const file = files[path];
      if (file === undefined) throw enoent(path);
      return typeof file === 'string' ? new TextEncoder().encode(file).byteLength : file.byteLength;
    },
    writeFile: async (path, text) => {
      written[path] = text;
    },
  };
  const status = await runCli(argv, io, { version: '9.9.9' });
  return { status, stdout, stderr, written };
}

