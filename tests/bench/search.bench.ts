/**
 * The search core on ~10 MB of Dutch policy text (the seed texts repeated) with the thesis term
 * list (12 terms), against ripgrep counting the same terms in the same text written to a file.
 *
 * - search-core-10mb: fold + findAll on the raw seed text (with its line-end hyphenations),
 *   baseline: one `rg --count-matches -i` process per term (per-term counts, like ours), summed.
 * - search-core-10mb-vs-rg-one-pass: the same, baseline: one `rg -c -i -w` process with all terms
 *   (counts lines with any term — less work than per-term counts, but rg's fastest form).
 * - search-core-10mb-normalised: fold + findAll on imported (normalised) text, as the CLI and app do.
 * - fold-10mb, findall-prepared-10mb: the two halves (the app keeps the folded text per document).
 * - search-app-10mb-cold / -warm: what the search screen's worker runs (corpus-search.ts runSearch:
 *   hits, pages, KWIC rows, counts) over the normalised seed texts as separate documents (~10 MB
 *   in all). Cold folds every document on every run; warm reuses the folded texts cached per
 *   document (PreparedTextCache), as the worker does from the second search on. Baseline: the
 *   fastest rg form (one process, all terms, -c -i -w) on the same texts in one file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold } from '../../src/text/fold.ts';
import { compileQuery, findAll, prepareText, type CompiledQuery } from '../../src/text/matcher.ts';
import { normaliseText, splitPlainText } from '../../src/text/normalise.ts';
import { parseQuery } from '../../src/text/query.ts';
import { PreparedTextCache, runSearch, type SearchableDocument } from '../../src/text/corpus-search.ts';
import { line, time, type Bench } from './harness.ts';

const RUNS = 9;
const TARGET = 10_000_000;
const RG = '/usr/bin/rg';
const seedDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/seeds');

/** The thesis list, with the ripgrep regex that counts the same thing. */
const TERMS: Array<[term: string, rg: string]> = [
  ['internationalisering', '\\binternationalisering\\b'],
  ['(inter-)', '\\binter-'],
  ['internationaal', '\\binternationaal\\b'],
  ['internationale', '\\binternationale\\b'],
  ['buitenland', '\\bbuitenland\\b'],
  ['wereld', '\\bwereld\\b'],
  ['wereldwijd(e)', '\\bwereldwijde?\\b'],
  ['grenzeloos', '\\bgrenzeloos\\b'],
  ['grens/grenzen', '\\b(?:grens|grenzen)\\b'],
  ['globaal', '\\bglobaal\\b'],
  ['globalisering', '\\bglobalisering\\b'],
  ['mondiaal', '\\bmondiaal\\b'],
];

function compiled(): CompiledQuery {
  const r = parseQuery(TERMS.map(([t]) => t).join('\n'));
  if (!('parsed' in r)) throw new Error(`bench query: ${JSON.stringify(r.error)}`);
  return compileQuery(r.parsed);
}

function repeatTo(text: string, size: number): string {
  let s = text;
  while (s.length < size) s += '\n\n' + text;
  return s.slice(0, size);
}

let corpus: { raw: string; normalised: string } | undefined;
function load(): { raw: string; normalised: string } | undefined {
  if (corpus) return corpus;
  if (!existsSync(seedDir)) return undefined;
  const texts = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(seedDir, f), 'utf8'));
  if (texts.length === 0) return undefined;
  const raw = texts.join('\n\n');
  const normalised = texts.map((t) => normaliseText(splitPlainText(t)).text).join('\n\n');
  corpus = { raw: repeatTo(raw, TARGET), normalised: repeatTo(normalised, TARGET) };
  return corpus;
}

const NO_SEEDS = `no seed texts in ${seedDir}`;

function hasRg(): boolean {
  try {
    execFileSync(RG, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs ripgrep; exit code 1 (no match) is not an error. */
function rg(args: string[]): string {
  try {
    return execFileSync(RG, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status === 1) return err.stdout ?? '';
    throw e;
  }
}

/** Times the search core on `text`, and ripgrep on the same text, if wanted and installed. */
async function measure(name: string, text: string, baseline: 'per-term' | 'one-pass' | 'none') {
  const q = compiled();
  const timings = await time(() => findAll(text, q), RUNS);
  if (baseline === 'none' || !hasRg()) return line(name, timings);
  const dir = mkdtempSync(join(tmpdir(), 'worthmark-bench-'));
  try {
    const file = join(dir, 'corpus.txt');
    writeFileSync(file, text);
    if (baseline === 'per-term') {
      const ours = new Array<number>(TERMS.length).fill(0);
      for (const h of findAll(text, q)) ours[h.termIndex]!++;
      const theirs: number[] = [];
      const rgTimings = await time(() => {
        theirs.length = 0;
        for (const [, re] of TERMS) theirs.push(Number(rg(['--count-matches', '-i', '--no-filename', '-e', re, file]).trim() || 0));
      }, RUNS, 1);
      const differs = TERMS.flatMap(([t], i) => (ours[i] === theirs[i] ? [] : [`${t}: ours ${ours[i]}, rg ${theirs[i]}`]));
      if (differs.length) process.stderr.write(`${name}: counts differ from rg (accents, hyphenation): ${differs.join('; ')}\n`);
      return line(name, timings, { name: 'rg --count-matches -i, one process per term (12)', timings: rgTimings });
    }
    const args = ['-c', '-i', '-w', ...TERMS.flatMap(([, re]) => ['-e', re.replace(/\\b/g, '')]), file];
    const rgTimings = await time(() => rg(args), RUNS, 1);
    return line(name, timings, { name: 'rg -c -i -w, all terms in one process', timings: rgTimings });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let appDocs: SearchableDocument[] | undefined;
/** The normalised seed texts as separate documents, copied until ~10 MB of text. */
function appDocuments(): SearchableDocument[] | undefined {
  if (appDocs) return appDocs;
  if (!existsSync(seedDir)) return undefined;
  const texts = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => normaliseText(splitPlainText(readFileSync(join(seedDir, f), 'utf8'))).text);
  if (texts.length === 0) return undefined;
  const docs: SearchableDocument[] = [];
  let size = 0;
  for (let i = 0; size < TARGET; i++) {
    const text = texts[i % texts.length]!;
    docs.push({ id: `d${i}`, title: `d${i}`, text, pages: [{ index: 1, label: '1', start: 0, end: text.length }] });
    size += text.length;
  }
  appDocs = docs;
  return docs;
}

async function measureApp(name: string, warm: boolean) {
  const docs = appDocuments();
  if (!docs) return NO_SEEDS;
  const r = parseQuery(TERMS.map(([t]) => t).join('\n'));
  if (!('parsed' in r)) throw new Error('bench query');
  const query = r.parsed;
  const cache = new PreparedTextCache();
  if (warm) runSearch(docs, query, { cache });
  const timings = await time(() => runSearch(docs, query, warm ? { cache } : { cache: new PreparedTextCache() }), RUNS);
  if (!hasRg()) return line(name, timings);
  const dir = mkdtempSync(join(tmpdir(), 'worthmark-bench-'));
  try {
    const file = join(dir, 'corpus.txt');
    writeFileSync(file, docs.map((d) => d.text).join('\n\n'));
    const args = ['-c', '-i', '-w', ...TERMS.flatMap(([, re]) => ['-e', re.replace(/\\b/g, '')]), file];
    const rgTimings = await time(() => rg(args), RUNS, 1);
    return line(name, timings, { name: 'rg -c -i -w, all terms in one process', timings: rgTimings });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The search benches. */
export const benches: Bench[] = [
  { name: 'search-app-10mb-cold', run: () => measureApp('search-app-10mb-cold', false) },
  { name: 'search-app-10mb-warm', run: () => measureApp('search-app-10mb-warm', true) },
  {
    name: 'search-core-10mb',
    run: () => {
      const c = load();
      return c ? measure('search-core-10mb', c.raw, 'per-term') : NO_SEEDS;
    },
  },
  {
    name: 'search-core-10mb-vs-rg-one-pass',
    run: () => {
      const c = load();
      return c ? measure('search-core-10mb-vs-rg-one-pass', c.raw, 'one-pass') : NO_SEEDS;
    },
  },
  {
    name: 'search-core-10mb-normalised',
    run: () => {
      const c = load();
      return c ? measure('search-core-10mb-normalised', c.normalised, 'per-term') : NO_SEEDS;
    },
  },
  {
    name: 'fold-10mb',
    run: async () => {
      const c = load();
      return c ? line('fold-10mb', await time(() => fold(c.raw), RUNS)) : NO_SEEDS;
    },
  },
  {
    name: 'findall-prepared-10mb',
    run: async () => {
      const c = load();
      if (!c) return NO_SEEDS;
      const prepared = prepareText(c.raw);
      const q = compiled();
      return line('findall-prepared-10mb', await time(() => findAll(prepared, q), RUNS));
    },
  },
];
