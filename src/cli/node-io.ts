/** The real {@link CliIo} for the `worthmark` bin: process streams and the file system. */
import { readFile, writeFile } from 'node:fs/promises';
import type { CliIo } from './io.ts';

/** A CliIo on process.stdout/stderr and node:fs. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFile: (path, data) => writeFile(path, data),
  };
}
