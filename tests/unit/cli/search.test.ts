import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.ts';
import { main, VERSION } from '../../../src/cli/main.ts';
import type { SearchReport } from '../../../src/cli/search-command.ts';
import { docxFile } from '../../fixtures/make-fixtures.ts';
import { withCpuTimeAsync } from '../support/cpu-time.ts';
import { REGEX_BUDGET_MS } from '../../../src/text/regex-budget.ts';
import { damagedPdf } from '../../fixtures/make-pdf-faults.ts';

const root = resolve(__dirname, '../../..');

/** An in-memory CliIo: files from a map (or the real disk for absolute paths), output captured. */
function memoryIo(files: Record<string, string | Uint8Array> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (path) => {
      const f = files[path];
      if (f !== undefined) return typeof f === 'string' ? new TextEncoder().encode(f) : f;
      if (path.startsWith('/')) return new Uint8Array(await readFile(path));
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    writeFile: async () => undefined,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function run(argv: string[], files: Record<string, string | Uint8Array> = {}) {
  const m = memoryIo(files);
  const code = await main(argv, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

const DOC = 'De wereld is groot.\nWereldwijde samenwerking: internatio-\nnale contacten.\fPagina twee over de wereld en grenzen.\n';

describe('worthmark', () => {
  it('prints help with the commands and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('worthmark search (--terms FILE | --search NAME) [--project FILE]');
    expect(r.stdout).toMatch(/tally/);
  });

  it('prints the version from package.json', async () => {
    const r = await run(['--version']);
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(VERSION).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('exits 2 with one line on stderr when no command is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on an unknown command', async () => {
    const r = await run(['zoek']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "zoek"/);
  });

  it('dispatches tally and export to their commands', async () => {
    const tally = await run(['tally']);
    expect(tally.code).toBe(2);
    expect(tally.stderr).toMatch(/^worthmark tally:/);
    const exp = await run(['export']);
    expect(exp.code).toBe(2);
    expect(exp.stderr).toMatch(/^worthmark export:/);
  });

  it('runs as a real process via the bin', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'src/cli/worthmark.js'), '--help'], { cwd: root });
    expect(stdout).toContain('usage: worthmark <command>');
  }, 30_000);
});

describe('worthmark search', () => {
  const terms = 'wereld\nWereldwijd: wereldwijd(e)\ninternationale\ngrens/grenzen\nmondiaal\n';

  it('prints the JSON report with counts per term (zeros included) and hits with pages', async () => {
    const r = await run(['search', '--terms', 'terms.txt', '--format', 'json', 'docs/nota.txt'], { 'terms.txt': terms, 'docs/nota.txt': DOC });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as SearchReport;
    expect(report.documents).toEqual([
      {
        file: 'nota',
        hits: 5,
        byTerm: { wereld: 2, 'Wereldwijd: wereldwijd(e)': 1, internationale: 1, 'grens/grenzen': 1, mondiaal: 0 },
      },
    ]);
    expect(report.hits.map((h) => [h.term, h.match, h.page])).toEqual([
      ['wereld', 'wereld', 1],
      ['Wereldwijd: wereldwijd(e)', 'Wereldwijde', 1],
      ['internationale', 'internationale', 1],
      ['wereld', 'wereld', 2],
      ['grens/grenzen', 'grenzen', 2],
    ]);
    expect(Object.keys(report.hits[0]!)).toEqual(['file', 'term', 'match', 'page', 'start', 'end', 'left', 'right']);
    expect(report.hits[0]).toMatchObject({ file: 'nota', left: 'De', right: 'is groot. Wereldwijde samenwerking: internationale contacten' });
    expect(report.hits[0]!.right.length).toBeLessThanOrEqual(60);
  });

  it('defaults to JSON and reads options in any order', async () => {
    const r = await run(['search', 'nota.txt', '--terms=terms.txt'], { 'terms.txt': 'wereld', 'nota.txt': DOC });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as SearchReport).documents[0]!.hits).toBe(2);
  });

  it('honours --context', async () => {
    const r = await run(['search', '--terms', 't', '--context', '5', 'nota.txt'], { t: 'internationale', 'nota.txt': DOC });
    const hit = (JSON.parse(r.stdout) as SearchReport).hits[0]!;
    expect(hit.left.length).toBeLessThanOrEqual(5);
    expect(hit.right.length).toBeLessThanOrEqual(5);
  });

  it('writes one CSV row per hit with the page label', async () => {
    const r = await run(['search', '--terms', 't', '--format', 'csv', 'nota.txt'], { t: 'wereld', 'nota.txt': DOC });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split(/\r\n/);
    expect(lines[0]).toBe('file,term,match,page,page_label,start,end,left,right');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^nota,wereld,wereld,2,2,/);
  });

  it('prints a table of counts and the hits in context', async () => {
    const r = await run(['search', '--terms', 't', '--format', 'table', 'a.txt', 'b.txt'], {
      t: 'wereld\nmondiaal',
      'a.txt': DOC,
      'b.txt': 'Mondiaal beleid.',
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^term\s+a\s+b\s+total$/);
    expect(lines[1]).toMatch(/^wereld\s+2\s+0\s+2$/);
    expect(lines[2]).toMatch(/^mondiaal\s+0\s+1\s+1$/);
    expect(r.stdout).toContain('[Mondiaal]');
    expect(r.stdout).toMatch(/a p\. 2 .*\[wereld\]/);
  });

  it('writes no space between a hit and the punctuation after it: "[internationalisering]." (not "] .")', async () => {
    const r = await run(['search', '--terms', 't', '--format', 'table', 'a.txt'], { t: 'internationalisering', 'a.txt': 'Wij kiezen voor internationalisering. En (internationalisering) ook.' });
    expect(r.stdout).toContain('[internationalisering]. En');
    expect(r.stdout).toContain('([internationalisering]) ook.');
    expect(r.stdout).not.toMatch(/\] [.)]/);
  });

  it('prints help for the search command', async () => {
    const r = await run(['search', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format');
  });

  it.each([
    [['search'], /--terms FILE is required/],
    [['search', '--terms', 't'], /no files to search/],
    [['search', '--terms', 't', '--format', 'xml', 'a.txt'], /unknown format "xml"/],
    [['search', '--terms', 't', '--context', 'ten', 'a.txt'], /--context must be a whole number/],
    [['search', '--terms'], /--terms needs a value/],
    [['search', '--terms', 't', '--bogus', 'a.txt'], /unknown option --bogus/],
    [['search', '--terms', 't', '--terms', 'u', 'a.txt'], /--terms given twice/],
  ])('exits 2 on bad arguments %j', async (argv, message) => {
    const r = await run(argv, { t: 'wereld', 'a.txt': DOC });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('exits 1 naming the term file when it cannot be read', async () => {
    const r = await run(['search', '--terms', 'missing.txt', 'a.txt'], { 'a.txt': DOC });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('worthmark search: cannot read term file "missing.txt": no such file\n');
  });

  it('exits 1 naming the line, column and reason of a term-file error', async () => {
    const r = await run(['search', '--terms', 'terms.txt', 'a.txt'], { 'terms.txt': 'wereld\n  "culturele diplomatie\n', 'a.txt': DOC });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('worthmark search: terms.txt:2:3: quote not closed\n');
  });

  it('exits 1 on an invalid regex with the engine’s detail', async () => {
    const r = await run(['search', '--terms', 't', 'a.txt'], { t: '/inter(/', 'a.txt': DOC });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^worthmark search: t:1:2: invalid regular expression \(.+\)\n$/);
  });

  it('stops a runaway /regex/ term after the time budget: one line naming the term line, exit 1', async () => {
    // Nested repeats that never match: exponential backtracking on every run of letters and spaces.
    const runaway = 'De regio werkt samen met partners in binnen en buitenland en verder';
    const { value: r, cpuMs } = await withCpuTimeAsync(() => run(['search', '--terms', 't', 'a.txt'], { t: 'wereld\n/([a-z ]+)+#/\n', 'a.txt': runaway }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `worthmark search: t: the regular expression on line 2 ran for more than ${REGEX_BUDGET_MS / 1000} s and was stopped; simplify it (for instance without nested repeats such as (a+)+)\n`,
    );
    // Stopped, not run to the end (which would take far longer than the budget).
    expect(cpuMs).toBeLessThan(REGEX_BUDGET_MS + 2_000);
    // The same regex on text it can match quickly is no problem.
    const ok = await run(['search', '--terms', 't', 'a.txt'], { t: '/([a-z ]+)+#/\n', 'a.txt': 'twee woorden#' });
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as SearchReport).documents[0]!.hits).toBe(1);
  }, 20_000);

  it('exits 1 on a term file without terms', async () => {
    const r = await run(['search', '--terms', 't', 'a.txt'], { t: '# only a comment\n\n', 'a.txt': DOC });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/t: no terms/);
  });

  it('exits 1 naming a missing input file', async () => {
    const r = await run(['search', '--terms', 't', 'a.txt', 'gone.txt'], { t: 'wereld', 'a.txt': DOC });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('worthmark search: cannot read "gone.txt": no such file\n');
    expect(r.stdout).toBe('');
  });

  it('exits 1 on a file type it cannot read', async () => {
    const r = await run(['search', '--terms', 't', 'nota.odt'], { t: 'wereld', 'nota.odt': 'x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('worthmark search: nota.odt: not a .pdf, .docx or .txt file\n');
  });

  it('searches a .docx file with the same import as the app', async () => {
    const r = await run(['search', '--terms', 't', 'Zeeland.docx'], { t: 'internationaal\nVlaanderen', 'Zeeland.docx': await docxFile() });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as SearchReport;
    expect(report.documents).toEqual([{ file: 'Zeeland', hits: 2, byTerm: { internationaal: 1, Vlaanderen: 1 } }]);
    expect(report.hits[0]).toMatchObject({ match: 'internationaal', page: 1, right: expect.stringMatching(/^samen met partners in Vlaanderen\. /) });
  });

  it('exits 1 naming a damaged .docx file', async () => {
    const r = await run(['search', '--terms', 't', 'kapot.docx'], { t: 'wereld', 'kapot.docx': 'not a zip' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^worthmark search: kapot\.docx: /);
  });

  it('exits 1 with one line, no stack trace, on a PDF damaged by a two-byte edit (XRefEntryException)', async () => {
    const r = await run(['search', '--terms', 't', 'beschadigd.pdf'], { t: 'wereld', 'beschadigd.pdf': await damagedPdf() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^worthmark search: beschadigd\.pdf: the file is damaged or not a PDF \(.*XRef.*\)\n$/);
  }, 30_000);

  it('exits 1 on a damaged PDF', async () => {
    const r = await run(['search', '--terms', 't', 'kapot.pdf'], { t: 'wereld', 'kapot.pdf': 'not a pdf at all' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^worthmark search: kapot\.pdf: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});

describe('worthmark search --project', () => {
  const projectPath = join(root, 'tests/fixtures/projects/small.worthmark.json');
  const project = JSON.parse(readFileSync(projectPath, 'utf8')) as { documents: Array<{ id: string; fileName: string }>; texts: Array<{ documentId: string; text: string }> };

  it('searches the documents of a project file, on their stored text, named by their file', async () => {
    const r = await run(['search', '--project', projectPath, '--terms', 't'], { t: 'buitenland\nwereld*' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as SearchReport;
    expect(report.documents.map((d) => d.file)).toEqual(project.documents.map((d) => d.fileName.replace(/\.[^.]+$/, '')));
    // Independent count on the stored texts.
    for (const [i, d] of project.documents.entries()) {
      const text = project.texts.find((x) => x.documentId === d.id)!.text.toLowerCase();
      expect(report.documents[i]!.byTerm).toEqual({
        buitenland: text.match(/(?<![\p{L}\p{N}])buitenland(?![\p{L}\p{N}])/gu)?.length ?? 0,
        'wereld*': text.match(/(?<![\p{L}\p{N}])wereld[\p{L}\p{N}]*/gu)?.length ?? 0,
      });
    }
    const h = report.hits[0]!;
    const stored = project.texts.find((x) => x.documentId === project.documents.find((d) => d.fileName.startsWith(h.file))!.id)!.text;
    expect(stored.slice(h.start, h.end)).toBe(h.match);
  });

  it('takes the term list of a search set saved in the project with --search, and adds files', async () => {
    const r = await run(['search', '--project', projectPath, '--search', 'internationalisering', 'extra.txt'], { 'extra.txt': 'Internationaal en over de grens.' });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as SearchReport;
    expect(Object.keys(report.documents[0]!.byTerm)).toEqual(['internationa*', 'buitenland', 'wereld*', 'grens*']);
    expect(report.documents.at(-1)).toEqual({ file: 'extra', hits: 2, byTerm: { 'internationa*': 1, buitenland: 0, 'wereld*': 0, 'grens*': 1 } });
  });

  it.each([
    [['search', '--search', 'x', 'a.txt'], 2, /--search NAME needs --project FILE/],
    [['search', '--project', 'p.json', '--search', 'x', '--terms', 't'], 2, /not both/],
    [['search', '--project', 'missing.json', '--terms', 't'], 1, /cannot read project file "missing.json": no such file/],
    [['search', '--project', 'p.json', '--terms', 't'], 1, /invalid project file "p.json": not valid JSON/],
  ])('refuses %j with one line naming the problem', async (argv, code, message) => {
    const r = await run(argv, { t: 'wereld', 'p.json': '{ not json', 'a.txt': DOC });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops a saved search set whose /regex/ runs away, in search and as the tally filter, with exit 1', async () => {
    const p = JSON.parse(readFileSync(projectPath, 'utf8')) as { searches: Array<{ name: string; terms: string }> };
    p.searches[0]!.terms = 'wereld*\n/([a-z ]+)+#/\n';
    const files = { 'p.json': JSON.stringify(p) };
    const name = p.searches[0]!.name;
    const search = await run(['search', '--project', 'p.json', '--search', name], files);
    expect(search.code).toBe(1);
    expect(search.stderr).toMatch(new RegExp(`^worthmark search: p\\.json search set "${name}": the regular expression on line 2 ran for more than 4 s and was stopped; .+\\n$`));
    const tally = await run(['tally', '--project', 'p.json', '--search', name], files);
    expect(tally.code).toBe(1);
    expect(tally.stdout).toBe('');
    expect(tally.stderr).toMatch(new RegExp(`^worthmark tally: the saved search "${name}": the regular expression on line 2 ran for more than 4 s and was stopped; .+\\n$`));
  }, 30_000);

  describe('--decisions', () => {
    const withDecisions = () => {
      type P = Record<string, unknown> & {
        searches: Array<{ id: string }>;
        texts: Array<{ documentId: string; text: string }>;
        fragments: Array<{ documentId: string; anchor: { start: number; end: number } }>;
      };
      const p = JSON.parse(readFileSync(projectPath, 'utf8')) as P;
      // A hit of the saved terms that no fragment covers: an open hit, dismissed here.
      const open = p.texts.flatMap((t) =>
        [...t.text.toLowerCase().matchAll(/\b(buitenland|wereld\p{L}*|internationa\p{L}*|grens\p{L}*)/gu)]
          .map((m) => ({ documentId: t.documentId, start: m.index, end: m.index + m[0].length }))
          .filter((h) => !p.fragments.some((f) => f.documentId === h.documentId && f.anchor.start < h.end && h.start < f.anchor.end)),
      )[0]!;
      p.hits = [{ id: 'h1', searchId: p.searches[0]!.id, ...open, state: 'dismissed', reason: 'inhoudsopgave', decidedAt: '2024-03-01T09:00:00.000Z' }];
      return JSON.stringify(p);
    };

    it('prints the worklist decisions of the project\'s search sets as CSV: every hit with state, reason and regimes', async () => {
      const r = await run(['search', '--project', 'p.json', '--decisions'], { 'p.json': withDecisions() });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\r\n');
      expect(lines[0]).toBe('search set,document,page,term,hit,left,right,state,reason,regimes,decided,start,end');
      const states = lines.slice(1).map((l) => (l.match(/,(open|coded|dismissed),/) ?? [])[1]);
      expect(states.every(Boolean)).toBe(true);
      expect(states).toContain('coded');
      expect(lines.find((l) => l.includes(',dismissed,'))).toMatch(/,dismissed,inhoudsopgave,,/);
    });

    it('prints them in Dutch as JSON or a table, for one search set', async () => {
      const json = await run(['search', '--project', 'p.json', '--decisions', '--search', 'internationalisering', '--format', 'json', '--lang', 'nl'], { 'p.json': withDecisions() });
      const rows = JSON.parse(json.stdout) as Array<{ state: string; reason: string; search: string }>;
      expect(rows.find((x) => x.state === 'dismissed')?.reason).toBe('inhoudsopgave');
      expect(new Set(rows.map((x) => x.search))).toEqual(new Set(['Internationalisering']));
      const table = await run(['search', '--project', 'p.json', '--decisions', '--format', 'table', '--lang', 'nl'], { 'p.json': withDecisions() });
      expect(table.stdout.split('\n')[0]).toMatch(/^document\s+pagina\s+treffer\s+status\s+reden\s+regimes$/);
      expect(table.stdout).toMatch(/afgewezen\s+inhoudsopgave/);
    });

    it.each([
      [['search', '--decisions', 'a.txt'], /--decisions needs --project FILE/],
      [['search', '--project', 'p.json', '--decisions', '--terms', 't'], /leave out --terms/],
      [['search', '--project', 'p.json', '--terms', 't', '--lang', 'nl'], /--lang goes with --decisions/],
    ])('refuses %j with one line', async (argv, message) => {
      const r = await run(argv, { 'p.json': withDecisions(), t: 'wereld', 'a.txt': DOC });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });

  it('ends every help text with a line break', async () => {
    for (const argv of [['--help'], ['search', '--help'], ['tally', '--help'], ['export', '--help']]) {
      const r = await run(argv);
      expect({ argv, end: r.stdout.slice(-1) }).toEqual({ argv, end: '\n' });
    }
  });

  it('names the search sets a project has when --search names none of them', async () => {
    const r = await run(['search', '--project', projectPath, '--search', 'Globalisering']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no search set named "Globalisering" \(search sets: "Internationalisering"\)/);
  });
});

// ---------------------------------------------------------------------------------------------
// Acceptance: counts on the real seed texts against an independent count with plain regexes.
// ---------------------------------------------------------------------------------------------

const seedDir = resolve(root, '../shared/seeds');
const seeds = existsSync(seedDir) ? readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort() : [];
if (seeds.length === 0) console.log(`skipping the seed acceptance test: no seed texts in ${seedDir}`);

/** The independent view: line-end hyphens joined, lower-cased, accents stripped (NFD). */
function plainView(raw: string): string {
  return raw
    .replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** Each syntax element of the query language with an independent regex for it. */
const ACCEPTANCE: Array<[term: string, independent: RegExp]> = [
  ['internationalisering', new RegExp(`${B}internationalisering${E}`, 'gu')],
  ['(inter-)', new RegExp(`${B}inter-`, 'gu')],
  ['internationaal', new RegExp(`${B}internationaal${E}`, 'gu')],
  ['internationale', new RegExp(`${B}internationale${E}`, 'gu')],
  ['buitenland', new RegExp(`${B}buitenland${E}`, 'gu')],
  ['wereld', new RegExp(`${B}wereld${E}`, 'gu')],
  ['wereldwijd(e)', new RegExp(`${B}wereldwijde?${E}`, 'gu')],
  ['grenzeloos', new RegExp(`${B}grenzeloos${E}`, 'gu')],
  ['grens/grenzen', new RegExp(`${B}(?:grens|grenzen)${E}`, 'gu')],
  ['globaal', new RegExp(`${B}globaal${E}`, 'gu')],
  ['globalisering', new RegExp(`${B}globalisering${E}`, 'gu')],
  ['Mondiaal: mondiaal', new RegExp(`${B}mondiaal${E}`, 'gu')],
  ['wereld*', new RegExp(`${B}wereld[\\p{L}\\p{N}]*${E}`, 'gu')],
  ['internationali*ring', new RegExp(`${B}internationali[\\p{L}\\p{N}]*ring${E}`, 'gu')],
  ['*nationaal', new RegExp(`${B}[\\p{L}\\p{N}]*nationaal${E}`, 'gu')],
  ['"culturele samenwerking"', new RegExp(`${B}culturele\\s+samenwerking${E}`, 'gu')],
  ['"internationale culturele samenwerking"', new RegExp(`${B}internationale\\s+culturele\\s+samenwerking${E}`, 'gu')],
  ['/internationa(al|le)/', /internationa(al|le)/gu],
  ['financiele', new RegExp(`${B}financiele${E}`, 'gu')],
  ['ideeen', new RegExp(`${B}ideeen${E}`, 'gu')],
];

describe.skipIf(seeds.length === 0)('worthmark search on the seed texts', () => {
  it('counts every syntax element as an independent plain-regex count does', async () => {
    const termFile = ACCEPTANCE.map(([t]) => t).join('\n') + '\n';
    const files = seeds.map((f) => join(seedDir, f));
    const r = await run(['search', '--terms', 'terms.txt', '--format', 'json', ...files], { 'terms.txt': termFile });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as SearchReport;
    const actual: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    for (const [i, f] of seeds.entries()) {
      const doc = report.documents[i]!;
      expect(doc.file).toBe(basename(f, '.txt'));
      const view = plainView(readFileSync(join(seedDir, f), 'utf8'));
      actual[doc.file] = doc.byTerm;
      expected[doc.file] = Object.fromEntries(ACCEPTANCE.map(([term, re]) => [term, view.match(re)?.length ?? 0]));
    }
    expect(actual).toEqual(expected);
    // The material really exercises the terms.
    const total = (term: string) => Object.values(actual).reduce((n, d) => n + d[term]!, 0);
    for (const term of ['internationale', '(inter-)', 'wereldwijd(e)', 'grens/grenzen', '"culturele samenwerking"', 'financiele']) {
      expect(total(term)).toBeGreaterThan(0);
    }
  }, 60_000);

  it('counts the hyphenated "(internatio-\\nnale)" in 003 as one internationale', async () => {
    const file = seeds.find((f) => f.startsWith('003'));
    expect(file).toBeDefined();
    const raw = readFileSync(join(seedDir, file!), 'utf8');
    expect(raw).toContain('(internatio-\nnale)');
    const r = await run(['search', '--terms', 't', join(seedDir, file!)], { t: 'internationale' });
    const report = JSON.parse(r.stdout) as SearchReport;
    expect(report.documents[0]!.byTerm['internationale']).toBe(2);
    expect(report.hits.map((h) => h.match)).toContain('internationale');
    expect(report.hits.some((h) => /\(internationale\)/.test(`${h.left.slice(-1)}${h.match}${h.right.slice(0, 1)}`))).toBe(true);
  }, 60_000);
});
