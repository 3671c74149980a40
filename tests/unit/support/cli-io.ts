import type { CliIo } from '../../../src/cli/io.ts';

/**
 * A CliIo on buffers for CLI tests: files read from a map (a missing one fails as ENOENT, as
 * node:fs does), writes kept in `written` (a path under /readonly/ fails as EACCES), output collected.
 */
export function bufferIo(files: Record<string, Uint8Array | string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, Uint8Array | string>();
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (path) => {
      const file = files[path];
      if (file === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    },
    writeFile: async (path, data) => {
      if (path.startsWith('/readonly/')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      written.set(path, data);
    },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join(''), written };
}
