/**
 * PDF extraction on ../shared/corpus (all PDFs) against poppler's `pdftotext` on the same files in
 * the same run, and the text's fidelity to the seed texts the PDFs were made from.
 *
 * - extract-<pdf>: extractFile (pdf.js legacy build in Node, line building, column order, header
 *   removal, normalisation) on one PDF; baseline `pdftotext <pdf> -` (its default reading order).
 *   Extra fields: pages, ms_per_page, and — for PDFs made from a seed — word_agreement (share of
 *   the seed's words kept in order, tests/fixtures/word-agreement.ts; target ≥ 0.995) and
 *   keyword_counts_equal (every term of the thesis list counted as often as in the seed). Our runs
 *   and pdftotext's alternate, after untimed warm-up runs of both, so both see the same machine load.
 * - extract-corpus-all: the sum over all PDFs; ratio = our time per page / pdftotext's time per
 *   page (the same pages), target ≤ 2.
 * Count differences and unmatched words are printed on stderr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../../src/import/extract.ts';
import { nodePdfSource } from '../../src/import/pdf-node.ts';
import { compileQuery, findAll } from '../../src/text/matcher.ts';
import { normaliseText, splitPlainText } from '../../src/text/normalise.ts';
import { parseQuery } from '../../src/text/query.ts';
import { wordAgreement } from '../fixtures/word-agreement.ts';
import { line, median, time, type Bench, type BenchLine } from './harness.ts';

const RUNS = 7;
const PDFTOTEXT = '/usr/bin/pdftotext';
const sharedDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared');
const corpusDir = join(sharedDir, 'corpus');
const seedDir = join(sharedDir, 'seeds');

/** The thesis' term list (chapter 3), as the search screen's default. */
const TERMS = [
  'internationalisering',
  '(inter-)',
  'internationaal',
  'internationale',
  'buitenland',
  'wereld',
  'wereldwijd(e)',
  'grenzeloos',
  'grens/grenzen',
  'globaal',
  'globalisering',
  'mondiaal',
];

function countTerms(text: string): number[] {
  const parsed = parseQuery(TERMS.join('\n'));
  if (!('parsed' in parsed)) throw new Error(`bench query: ${JSON.stringify(parsed.error)}`);
  const counts = new Array<number>(TERMS.length).fill(0);
  for (const hit of findAll(text, compileQuery(parsed.parsed))) counts[hit.termIndex]! += 1;
  return counts;
}

/** The seed a corpus PDF was made from ("004-twocolumn.pdf" → "004_….txt"). */
function seedOf(pdf: string): string | undefined {
  const prefix = pdf.slice(0, 3);
  return readdirSync(seedDir).find((f) => f.startsWith(prefix + '_') && f.endsWith('.txt'));
}

function hasPdftotext(): boolean {
  try {
    execFileSync(PDFTOTEXT, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type Measured = BenchLine & { path: string; pages: number; ms_per_page: number; word_agreement?: number; keyword_counts_equal?: boolean };

/** What is timed on our side: the CLI's path, on one thread, per file (pdf.js loaded once). */
const PATH = 'node: extractFile + nodePdfSource (pdf.js legacy build, in-process fake worker, 1 thread)';
/** What it is compared with: one pdftotext process per file, so its start-up time counts too. */
const BASELINE = 'pdftotext (poppler) -enc UTF-8 <file> -, one process per file, same file';

const results = new Map<string, { ours: number[]; theirs: number[]; pages: number }>();

async function measure(file: string): Promise<Measured | string> {
  const pdf = nodePdfSource();
  const path = join(corpusDir, file);
  const bytes = new Uint8Array(readFileSync(path));
  const first = await extractFile(file, bytes, pdf);
  if (!first.ok) return `${file} did not import: ${first.error.reason}`;
  const pages = first.value.pages.length;
  const pdftotext = (): unknown => execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', path, '-'], { maxBuffer: 64 << 20 });
  const withBaseline = hasPdftotext();
  // Runs alternate (ours, theirs, ours, …) so a change in the machine's load hits both sides alike.
  const ours: number[] = [];
  const theirs: number[] = [];
  await extractFile(file, bytes, pdf);
  if (withBaseline) pdftotext();
  for (let i = 0; i < RUNS; i++) {
    ours.push(...(await time(() => extractFile(file, bytes, pdf), 1, 0)));
    if (withBaseline) theirs.push(...(await time(pdftotext, 1, 0)));
  }
  results.set(file, { ours, theirs, pages });
  const out: Measured = {
    ...line(`extract-${file.replace(/\.pdf$/, '')}`, ours, theirs.length ? { name: BASELINE, timings: theirs } : undefined),
    path: PATH,
    pages,
    ms_per_page: Math.round((median(ours) / pages) * 100) / 100,
  };
  const seed = seedOf(file);
  if (seed) {
    const source = normaliseText(splitPlainText(readFileSync(join(seedDir, seed), 'utf8'))).text;
    const w = wordAgreement(source, first.value.text);
    out.word_agreement = Math.round(w.agreement * 100000) / 100000;
    const a = countTerms(source);
    const b = countTerms(first.value.text);
    out.keyword_counts_equal = a.every((n, i) => n === b[i]);
    const differs = TERMS.flatMap((t, i) => (a[i] === b[i] ? [] : [`${t}: seed ${a[i]}, pdf ${b[i]}`]));
    if (differs.length) process.stderr.write(`${file}: keyword counts differ from ${seed}: ${differs.join('; ')}\n`);
    if (w.agreement < 1) process.stderr.write(`${file}: ${w.sourceWords - w.matched} of ${w.sourceWords} seed words not matched, e.g. ${w.samples.slice(0, 3).join(' | ')}\n`);
  }
  return out;
}

const pdfs = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.pdf')).sort() : [];
const NO_CORPUS = `no corpus PDFs in ${corpusDir}`;

/** The extraction benches: one per corpus PDF, then the total. */
export const benches: Bench[] = [
  ...pdfs.map((file): Bench => ({ name: `extract-${file.replace(/\.pdf$/, '')}`, run: () => measure(file) })),
  {
    name: 'extract-corpus-all',
    run: async () => {
      if (pdfs.length === 0) return NO_CORPUS;
      for (const f of pdfs) if (!results.has(f)) await measure(f);
      const all = [...results.values()];
      const pages = all.reduce((n, r) => n + r.pages, 0);
      // Per run: the sum of each file's median, so the two sides cover the same pages.
      const ours = [all.reduce((n, r) => n + median(r.ours), 0)];
      const theirs = all.every((r) => r.theirs.length) ? [all.reduce((n, r) => n + median(r.theirs), 0)] : [];
      return {
        ...line('extract-corpus-all', ours, theirs.length ? { name: `${BASELINE.replace('same file', `same ${pdfs.length} files`)}`, timings: theirs } : undefined),
        path: PATH,
        runs: RUNS,
        pages,
        ms_per_page: Math.round((ours[0]! / pages) * 100) / 100,
      };
    },
  },
];
