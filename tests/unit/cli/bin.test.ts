/**
 * The `worthmark` bin as a user runs it: plain Node on the build in dist-cli/ (made by the unit
 * tests' global setup, as `npm install` makes it), never a TypeScript loader.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'src/cli/worthmark.js');
const built = join(root, 'dist-cli');
const samplePdf = join(root, 'samples', 'regioprofiel-rivierenland-oost.pdf');
const dir = mkdtempSync(join(tmpdir(), 'wm-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in the repository and collects its output and exit code. */
function node(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const worthmark = (...args: string[]) => node([bin, ...args]);

/** A stack trace line as Node prints it. */
const STACK = /\n\s+at .+[(:]\d+/;

// Each test starts Node processes, which take seconds on a loaded machine.
describe('the built worthmark command', { timeout: 30_000 }, () => {
  it('is plain JavaScript: no TypeScript loader, no source maps, no .ts import', () => {
    const files = readdirSync(built, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
    expect(files).toContain('worthmark.mjs');
    for (const f of files) {
      const code = readFileSync(join(built, f), 'utf8');
      expect(code, f).not.toMatch(/sourceMappingURL|from ["']tsx|import\(["']tsx|\.ts["']\)/);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.bin.worthmark).toBe('src/cli/worthmark.js');
    expect(pkg.scripts.prepare).toContain('build-cli');
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });

  it('prints help and the version, exit 0', async () => {
    const help = await worthmark('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('usage: worthmark <command>');
    const version = await worthmark('--version');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('searches a text file and prints the JSON report', async () => {
    const terms = join(dir, 'terms.txt');
    const text = join(dir, 'nota.txt');
    writeFileSync(terms, 'wereld\ninternationale\n');
    writeFileSync(text, 'De wereld is groot.\nSamenwerking: internatio-\nnale contacten.\fPagina twee: de wereld.\n');
    const r = await worthmark('search', '--terms', terms, text);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { documents: { file: string; byTerm: Record<string, number> }[]; hits: { page: number }[] };
    expect(report.documents).toEqual([{ file: 'nota', hits: 3, byTerm: { wereld: 2, internationale: 1 } }]);
    expect(report.hits.map((h) => h.page)).toEqual([1, 1, 2]);
  });

  it('reads a PDF without loading the canvas module and without warnings', async () => {
    const terms = join(dir, 'terms-pdf.txt');
    writeFileSync(terms, 'cultuur\n');
    // Runs the bundle in a process that reports, after the command, which CommonJS modules it loaded.
    const script = `
      process.argv = [process.argv[0], 'worthmark', 'search', '--terms', ${JSON.stringify(terms)}, ${JSON.stringify(samplePdf)}];
      await import(${JSON.stringify(join(built, 'worthmark.mjs'))});
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stderr.write('LOADED ' + JSON.stringify(loaded.filter((m) => /canvas/i.test(m))) + '\\n');
    `;
    const r = await node(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('LOADED []\n');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { documents: { hits: number }[] };
    expect(report.documents[0]!.hits).toBeGreaterThan(0);
  });

  it('answers bad arguments and unreadable files with one line and no stack trace', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [[], 2, /no command given/],
      [['zoek'], 2, /unknown command "zoek"/],
      [['search', '--terms'], 2, /--terms needs a value/],
      [['search', '--terms', join(dir, 'missing.txt'), 'x.txt'], 1, /cannot read term file/],
      [['tally', '--project', join(dir, 'missing.json')], 1, /cannot read project file/],
    ];
    for (const [args, code, message] of cases) {
      const r = await worthmark(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it('ends quietly when its output pipe is closed', async () => {
    const script = `
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [${JSON.stringify(bin)}, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => process.stdout.write(JSON.stringify({ code, err })));
    `;
    const r = await node(['--input-type=module', '-e', script]);
    const { code, err } = JSON.parse(r.stdout) as { code: number; err: string };
    expect(err).not.toMatch(STACK);
    expect(code).toBe(0);
  });
});
