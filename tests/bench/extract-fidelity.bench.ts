/**
 * Extraction fidelity against poppler's `pdftotext` on ../shared/corpus and on the fault fixtures
 * (tests/fixtures/make-pdf-faults.ts), measured in the same run.
 *
 * One line per PDF, `extract-fidelity-<name>`: median_ms is our extraction (extractFile with the
 * Node pdf.js source, warm: pdf.js loaded once), the baseline one `pdftotext -enc UTF-8 <file> -`
 * process, runs alternating. Extra fields:
 * - word_agreement_pdftotext: share of pdftotext's words that our text has in the same order
 *   (tests/fixtures/word-agreement.ts; an LCS alignment, so reading order counts);
 * - keyword_agreement_pdftotext: share of the thesis terms (the search screen's default list,
 *   counted with Worthmark's own matcher) whose counts equal on both texts;
 * - keyword_counts_equal_source: every term counted as often as in the text the PDF was made from
 *   (the seed text for the corpus, the drawn text for a fixture) — the target: exact;
 * - word_agreement_source: share of the source's words we keep, in order.
 * Where pdftotext is itself wrong (a fixture's fault that poppler shares, e.g. spaces drawn as
 * control characters), agreement with it is below 1 and agreement with the source is what counts.
 * Two summary lines, extract-fidelity-corpus and extract-fidelity-fixtures, give the sums of the
 * medians and the mean agreements. Count differences are printed on stderr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../../src/import/extract.ts';
import { nodePdfSource } from '../../src/import/pdf-node.ts';
import { compileQuery, findAll } from '../../src/text/matcher.ts';
import { normaliseText, splitPlainText } from '../../src/text/normalise.ts';
import { parseQuery } from '../../src/text/query.ts';
import { FAULT_PDFS } from '../fixtures/make-pdf-faults.ts';
import { wordAgreement } from '../fixtures/word-agreement.ts';
import { line, median, time, type Bench, type BenchLine } from './harness.ts';

const RUNS = 5;
const PDFTOTEXT = '/usr/bin/pdftotext';
const sharedDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared');
const corpusDir = join(sharedDir, 'corpus');
const seedDir = join(sharedDir, 'seeds');

/** The thesis' term list (chapter 3), as the search screen's default. */
const TERMS = ['internationalisering', '(inter-)', 'internationaal', 'internationale', 'buitenland', 'wereld', 'wereldwijd(e)', 'grenzeloos', 'grens/grenzen', 'globaal', 'globalisering', 'mondiaal'];
const query = (() => {
  const parsed = parseQuery(TERMS.join('\n'));
  if (!('parsed' in parsed)) throw new Error(`bench query: ${JSON.stringify(parsed.error)}`);
  return compileQuery(parsed.parsed);
})();

function countTerms(text: string): number[] {
  const counts = new Array<number>(TERMS.length).fill(0);
  for (const hit of findAll(text, query)) counts[hit.termIndex]! += 1;
  return counts;
}

function hasPdftotext(): boolean {
  try {
    execFileSync(PDFTOTEXT, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type Fidelity = BenchLine & {
  word_agreement_pdftotext: number;
  keyword_agreement_pdftotext: number;
  keyword_counts_equal_source: boolean;
  word_agreement_source: number;
};

const round = (x: number): number => Math.round(x * 100000) / 100000;
const pdf = nodePdfSource();

/** Measures one PDF file against pdftotext and against its source text. */
async function measure(name: string, path: string, source: string): Promise<Fidelity | string> {
  const bytes = new Uint8Array(readFileSync(path));
  const ours = await extractFile(`${name}.pdf`, bytes, pdf);
  if (!ours.ok) return `${name} did not import: ${ours.error.reason}`;
  const pdftotext = (): string => execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', path, '-'], { maxBuffer: 64 << 20 }).toString('utf8');
  // pdftotext's text read through the same normalisation as a text file (form feeds are pages).
  const theirs = normaliseText(splitPlainText(pdftotext())).text;
  const a = countTerms(theirs);
  const b = countTerms(ours.value.text);
  const s = countTerms(source);
  const agreeing = a.filter((n, i) => n === b[i]).length;
  const vsPdftotext = TERMS.flatMap((t, i) => (a[i] === b[i] ? [] : [`${t}: pdftotext ${a[i]}, ours ${b[i]}`]));
  const vsSource = TERMS.flatMap((t, i) => (s[i] === b[i] ? [] : [`${t}: source ${s[i]}, ours ${b[i]}`]));
  if (vsPdftotext.length) process.stderr.write(`${name}: keyword counts differ from pdftotext: ${vsPdftotext.join('; ')}\n`);
  if (vsSource.length) process.stderr.write(`${name}: keyword counts differ from the source: ${vsSource.join('; ')}\n`);
  const ourTimes: number[] = [];
  const theirTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ourTimes.push(...(await time(() => extractFile(`${name}.pdf`, bytes, pdf), 1, 0)));
    theirTimes.push(...(await time(pdftotext, 1, 0)));
  }
  return {
    ...line(`extract-fidelity-${name}`, ourTimes, { name: 'pdftotext (poppler) -enc UTF-8 <file> -, one process', timings: theirTimes }),
    word_agreement_pdftotext: round(wordAgreement(theirs, ours.value.text).agreement),
    keyword_agreement_pdftotext: round(agreeing / TERMS.length),
    keyword_counts_equal_source: vsSource.length === 0,
    word_agreement_source: round(wordAgreement(source, ours.value.text).agreement),
  };
}

/** The seed a corpus PDF was made from ("004-twocolumn.pdf" → "004_….txt"). */
function seedOf(pdfName: string): string | undefined {
  const prefix = pdfName.slice(0, 3);
  return readdirSync(seedDir).find((f) => f.startsWith(prefix + '_') && f.endsWith('.txt'));
}

const corpus = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.pdf') && seedOf(f) !== undefined).sort() : [];
const fixtures = Object.keys(FAULT_PDFS);
const results = new Map<string, Fidelity>();
let fixtureDir: string | undefined;

async function fixturePath(name: string): Promise<{ path: string; source: string }> {
  fixtureDir ??= mkdtempSync(join(tmpdir(), 'worthmark-fidelity-'));
  const made = await FAULT_PDFS[name]!();
  const path = join(fixtureDir, `${name}.pdf`);
  writeFileSync(path, made.bytes);
  return { path, source: made.source };
}

function summary(name: string, lines: readonly Fidelity[]): Fidelity | string {
  if (lines.length === 0) return `no ${name} measured`;
  const mean = (f: (l: Fidelity) => number): number => round(lines.reduce((n, l) => n + f(l), 0) / lines.length);
  const ours = lines.reduce((n, l) => n + l.median_ms, 0);
  const theirs = lines.reduce((n, l) => n + (l.baseline_median_ms ?? 0), 0);
  return {
    ...line(name, [ours], { name: `pdftotext, one process per file, same ${lines.length} files (sum of medians)`, timings: [theirs] }),
    runs: RUNS,
    word_agreement_pdftotext: mean((l) => l.word_agreement_pdftotext),
    keyword_agreement_pdftotext: mean((l) => l.keyword_agreement_pdftotext),
    keyword_counts_equal_source: lines.every((l) => l.keyword_counts_equal_source),
    word_agreement_source: mean((l) => l.word_agreement_source),
  };
}

const NO_PDFTOTEXT = `${PDFTOTEXT} is not installed (apt-get install poppler-utils)`;

/** The fidelity benches: one per corpus PDF and fixture, then the two summaries. */
export const benches: Bench[] = [
  ...corpus.map(
    (file): Bench => ({
      name: `extract-fidelity-${file.replace(/\.pdf$/, '')}`,
      run: async () => {
        if (!hasPdftotext()) return NO_PDFTOTEXT;
        const seed = normaliseText(splitPlainText(readFileSync(join(seedDir, seedOf(file)!), 'utf8'))).text;
        const r = await measure(file.replace(/\.pdf$/, ''), join(corpusDir, file), seed);
        if (typeof r !== 'string') results.set(`corpus:${file}`, r);
        return r;
      },
    }),
  ),
  ...fixtures.map(
    (name): Bench => ({
      name: `extract-fidelity-fixture-${name}`,
      run: async () => {
        if (!hasPdftotext()) return NO_PDFTOTEXT;
        const { path, source } = await fixturePath(name);
        const r = await measure(`fixture-${name}`, path, source);
        if (typeof r !== 'string') results.set(`fixture:${name}`, r);
        return r;
      },
    }),
  ),
  {
    name: 'extract-fidelity-corpus',
    run: () => (corpus.length === 0 ? `no corpus PDFs in ${corpusDir}` : summary('extract-fidelity-corpus', [...results].filter(([k]) => k.startsWith('corpus:')).map(([, v]) => v))),
  },
  {
    name: 'extract-fidelity-fixtures',
    run: () => {
      const out = summary('extract-fidelity-fixtures', [...results].filter(([k]) => k.startsWith('fixture:')).map(([, v]) => v));
      if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
      return out;
    },
  },
];
