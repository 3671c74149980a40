/**
 * The CLI on REFI-QDA files: `--project` reads a .qdpx, a project zip or a bare .qde (with its
 * sources/ folder beside it) like a project file, and `export --format qdpx` writes one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../../src/cli/export-command.ts';
import { tallyCommand } from '../../../src/cli/tally-command.ts';
import { bufferIo } from '../support/cli-io.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url));

/** CLI io on a shared file map: what one command writes, the next can read. */
function memoryIo(files: Map<string, Uint8Array>) {
  const t = bufferIo(new Proxy({}, { get: (_, path) => files.get(String(path)) }) as Record<string, Uint8Array>);
  const writeFile = t.io.writeFile;
  t.io.writeFile = async (path, data) => {
    await writeFile(path, data);
    files.set(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  };
  return t;
}

describe('worthmark with REFI-QDA files', () => {
  it('exports a .qdpx whose tally, read back with --project, is the tally of the project file', async () => {
    const files = new Map([[FIXTURE, new Uint8Array(readFileSync(FIXTURE))]]);
    const a = memoryIo(files);
    expect(await exportCommand(['--project', FIXTURE, '--format', 'qdpx', '--out', 'out.qdpx'], a.io)).toBe(0);
    expect(a.stdout()).toBe('Wrote a REFI-QDA project of 3 documents and 8 fragments to out.qdpx\n');
    const b = memoryIo(files);
    expect(await tallyCommand(['--project', FIXTURE, '--format', 'csv'], b.io)).toBe(0);
    const c = memoryIo(files);
    expect(await tallyCommand(['--project', 'out.qdpx', '--format', 'csv'], c.io)).toBe(0);
    expect(c.stdout()).toBe(b.stdout());
    expect(c.stderr()).toMatch(/^worthmark: note: Read 3 documents/);
  });

  it('reads a bare .qde with its sources/ folder beside it, and refuses filters on a qdpx export', async () => {
    const files = new Map([[FIXTURE, new Uint8Array(readFileSync(FIXTURE))]]);
    const a = memoryIo(files);
    await exportCommand(['--project', FIXTURE, '--format', 'qdpx', '--out', 'out.qdpx'], a.io);
    for (const [path, bytes] of Object.entries(unzipSync(files.get('out.qdpx')!))) files.set(`dir/${path}`, bytes);
    const b = memoryIo(files);
    expect(await tallyCommand(['--project', 'dir/project.qde', '--format', 'csv'], b.io)).toBe(0);
    expect(b.stdout()).toContain('Cultuurprofiel Rivierstad');
    // Without the folder the texts are missing, and the notes say so; the coded passages still count.
    files.set('alone.qde', files.get('dir/project.qde')!);
    const c = memoryIo(files);
    expect(await tallyCommand(['--project', 'alone.qde', '--format', 'csv'], c.io)).toBe(0);
    expect(c.stderr()).toContain('Text missing: 3 text sources have no text in the file');
    expect(c.stdout()).toBe(b.stdout());
    const d = memoryIo(files);
    expect(await exportCommand(['--project', FIXTURE, '--format', 'qdpx', '--coder', 'x', '--out', 'f.qdpx'], d.io)).toBe(2);
    expect(strFromU8(files.get('dir/project.qde')!)).toContain('urn:QDA-XML:project:1.0');
  });

  it('says which file is broken and why, in one line, with exit code 1', async () => {
    const files = new Map([['bad.qdpx', new TextEncoder().encode('PK\u0003\u0004 broken')]]);
    const t = memoryIo(files);
    expect(await tallyCommand(['--project', 'bad.qdpx'], t.io)).toBe(1);
    expect(t.stderr()).toMatch(/^worthmark tally: invalid project file "bad\.qdpx": not a readable zip file: .+\n$/);
  });
});
