/**
 * PDF extraction on ../shared/corpus against poppler's `pdftotext` on the same files in the same
 * run, paired, and the text's fidelity to the seed texts the PDFs were made from.
 *
 * - extract-warm-<pdf>: extractFile (pdf.js legacy build in Node, line building, column order,
 *   header removal, normalisation) in this process, pdf.js loaded and earlier runs done (warm);
 *   baseline one `pdftotext` process per run (cold: it cannot be warm). Extra fields: pages,
 *   ms_per_page, and — for PDFs made from a seed — word_agreement (share of the seed's words kept
 *   in order, tests/fixtures/word-agreement.ts) and keyword_counts_equal (every term of the thesis
 *   list counted as often as in the seed).
 * - extract-cold-<pdf>: a new `worthmark search` process on the PDF (one term, so what it costs
 *   besides extraction is small), against a `pdftotext` process: cold against cold.
 * - extract-corpus-all-warm / -cold: every PDF in one timed run (warm: in process, one file after
 *   the other; cold: one `worthmark search` process over all of them), against `pdftotext` on each
 *   of them in turn; runs = timed runs of the whole corpus. Target (cold) ≤ 2.
 * Count differences and unmatched words are printed on stderr.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractFile } from '../../src/import/extract.ts';
import { nodePdfSource } from '../../src/import/pdf-node.ts';
import { compileQuery, findAll } from '../../src/text/matcher.ts';
import { normaliseText, splitPlainText } from '../../src/text/normalise.ts';
import { wordAgreement } from '../fixtures/word-agreement.ts';
import { installed, line, median, paired, runProcess, type Bench, type BenchLine } from './harness.ts';
import { corpusPdfs, NO_SHARED, seedDir, tempFile } from './material.ts';
import { PDFTOTEXT, worthmark } from './cli.bench.ts';
import { THESIS_TERMS, thesisQuery } from './ripgrep.ts';

const WARM_RUNS = 7;
const COLD_RUNS = 5;
const PATH = 'node: extractFile + nodePdfSource (pdf.js legacy build; its parser in a worker thread, which reads the next page while this one is laid out)';
const pdftotext = (pdf: string) => runProcess(PDFTOTEXT, ['-enc', 'UTF-8', pdf, '-']);
const BASELINE = 'pdftotext -enc UTF-8 <file> - (poppler), a new process each run';

function countTerms(text: string): number[] {
  const counts = new Array<number>(THESIS_TERMS.length).fill(0);
  for (const hit of findAll(text, compileQuery(thesisQuery()))) counts[hit.termIndex]! += 1;
  return counts;
}

/** The seed a corpus PDF was made from ("004-twocolumn.pdf" → "004_….txt"), if any. */
function seedOf(pdf: string): string | undefined {
  const prefix = basename(pdf).slice(0, 3);
  try {
    return readdirSync(seedDir).find((f) => f.startsWith(prefix + '_') && f.endsWith('.txt'));
  } catch {
    return undefined;
  }
}

const short = (pdf: string) => basename(pdf).replace(/\.pdf$/, '');
const pageCounts = new Map<string, number>();

async function warm(pdf: string): Promise<BenchLine | string> {
  if (!(await installed(PDFTOTEXT, '-v'))) return `no pdftotext at ${PDFTOTEXT}`;
  const source = nodePdfSource();
  const bytes = new Uint8Array(readFileSync(pdf));
  const first = await extractFile(basename(pdf), bytes, source);
  if (!first.ok) return `${pdf} did not import: ${first.error.reason}`;
  const pages = first.value.pages.length;
  pageCounts.set(pdf, pages);
  const t = await paired(() => extractFile(basename(pdf), bytes, source), () => pdftotext(pdf), WARM_RUNS, 1);
  const extra: Record<string, unknown> = { path: PATH, pages, ms_per_page: Math.round((median(t.ours) / pages) * 100) / 100 };
  const seed = seedOf(pdf);
  if (seed) {
    const text = normaliseText(splitPlainText(readFileSync(join(seedDir, seed), 'utf8'))).text;
    const w = wordAgreement(text, first.value.text);
    extra.word_agreement = Math.round(w.agreement * 100000) / 100000;
    const a = countTerms(text);
    const b = countTerms(first.value.text);
    extra.keyword_counts_equal = a.every((n, i) => n === b[i]);
    const differs = THESIS_TERMS.flatMap(([term], i) => (a[i] === b[i] ? [] : [`${term}: seed ${a[i]}, pdf ${b[i]}`]));
    if (differs.length) process.stderr.write(`${short(pdf)}: keyword counts differ from ${seed}: ${differs.join('; ')}\n`);
    if (w.agreement < 1) process.stderr.write(`${short(pdf)}: ${w.sourceWords - w.matched} of ${w.sourceWords} seed words not matched, e.g. ${w.samples.slice(0, 3).join(' | ')}\n`);
  }
  return line(`extract-warm-${short(pdf)}`, t.ours, { name: BASELINE, timings: t.theirs }, extra);
}

/** `worthmark search` with one term over `pdfs`: extraction plus a search that costs little. */
function coldOurs(pdfs: readonly string[]) {
  const terms = tempFile('one-term.txt', 'cultuur\n');
  return () => worthmark(['search', '--terms', terms, '--format', 'json', ...pdfs]);
}

async function cold(pdf: string): Promise<BenchLine | string> {
  if (!(await installed(PDFTOTEXT, '-v'))) return `no pdftotext at ${PDFTOTEXT}`;
  const t = await paired(coldOurs([pdf]), () => pdftotext(pdf), COLD_RUNS, 0);
  const pages = pageCounts.get(pdf);
  return line(`extract-cold-${short(pdf)}`, t.ours, { name: BASELINE, timings: t.theirs }, {
    path: 'a new process: worthmark search --terms <1 term> <pdf> (plain Node, the built CLI)',
    ...(pages ? { pages, ms_per_page: Math.round((median(t.ours) / pages) * 100) / 100 } : {}),
  });
}

const pdfs = corpusPdfs();

/** The extraction benches: warm and cold per corpus PDF, then the whole corpus. */
export const benches: Bench[] = [
  ...pdfs.map((pdf): Bench => ({ name: `extract-warm-${short(pdf)}`, run: () => warm(pdf) })),
  ...pdfs.map((pdf): Bench => ({ name: `extract-cold-${short(pdf)}`, run: () => cold(pdf) })),
  {
    name: 'extract-corpus-all-warm',
    run: async () => {
      if (pdfs.length === 0) return NO_SHARED;
      if (!(await installed(PDFTOTEXT, '-v'))) return `no pdftotext at ${PDFTOTEXT}`;
      const source = nodePdfSource();
      const files = pdfs.map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
      const ours = async () => {
        let pages = 0;
        for (const f of files) {
          const r = await extractFile(f.name, f.bytes, source);
          if (r.ok) pages += r.value.pages.length;
        }
        return pages;
      };
      const pages = await ours();
      const t = await paired(ours, async () => {
        for (const p of pdfs) await pdftotext(p);
      }, WARM_RUNS, 1);
      return line('extract-corpus-all-warm', t.ours, { name: `${BASELINE}, each of the ${pdfs.length} PDFs in turn`, timings: t.theirs }, {
        path: PATH,
        pages,
        ms_per_page: Math.round((median(t.ours) / pages) * 100) / 100,
      });
    },
  },
  {
    name: 'extract-corpus-all-cold',
    run: async () => {
      if (pdfs.length === 0) return NO_SHARED;
      if (!(await installed(PDFTOTEXT, '-v'))) return `no pdftotext at ${PDFTOTEXT}`;
      const t = await paired(coldOurs(pdfs), async () => {
        for (const p of pdfs) await pdftotext(p);
      }, COLD_RUNS, 0);
      return line('extract-corpus-all-cold', t.ours, { name: `${BASELINE}, each of the ${pdfs.length} PDFs in turn`, timings: t.theirs }, {
        path: `one new process: worthmark search --terms <1 term> over all ${pdfs.length} PDFs`,
      });
    },
  },
];
