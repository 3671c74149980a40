/**
 * The search core in process, on ~10 MB of Dutch policy text (the seed texts repeated) with the
 * thesis term list (12 terms). Every line with a baseline is paired with one `rg --json` pass
 * over the same text in a file (ripgrep.ts: same terms, per-term counts, ASCII word boundaries);
 * where the counts differ, the line says how (`count_differences`) and ripgrep.ts says why.
 * Our side runs in this process after warm-up runs (warm: JIT-compiled, nothing else cached
 * unless the name says so); rg is a whole process each time, so the ratio includes its start
 * (a few ms).
 *
 * - search-core-incl-normalise-10mb: what every import and CLI search pays on a raw text file:
 *   normalisation (splitPlainText + normaliseText) and the matcher (fold + findAll). Baseline rg
 *   on the raw text. Target < 500 ms.
 * - search-core-normalised-10mb: fold + findAll on the normalised text (as stored after import);
 *   baseline rg on the same normalised text.
 * - search-app-10mb-cold / -warm: what the search screen's worker runs (corpus-search.ts
 *   runSearch: hits, pages, keyword-in-context rows, counts) over the normalised seed texts as
 *   separate documents. Cold folds every document on every run; warm reuses the folded texts
 *   (PreparedTextCache), as the worker does from the second search on. Baseline rg on the same
 *   texts in one file.
 * - normalise-10mb, fold-10mb, findall-prepared-10mb: the parts, without a baseline.
 */
import { fold } from '../../src/text/fold.ts';
import { compileQuery, findAll, prepareText } from '../../src/text/matcher.ts';
import { normaliseText, splitPlainText } from '../../src/text/normalise.ts';
import { PreparedTextCache, runSearch, type SearchableDocument } from '../../src/text/corpus-search.ts';
import { installed, line, paired, runProcess, time, type Bench, type BenchLine } from './harness.ts';
import { NO_SHARED, rawText, seedTexts, tempFile } from './material.ts';
import { countDifferences, countRgJson, RG, RG_BASELINE, rgJsonArgs, THESIS_TERMS, thesisQuery } from './ripgrep.ts';

const RUNS = 9;
const SIZE = 10_000_000;

let normalisedCache: string | undefined;
function normalised(): string | undefined {
  const raw = rawText(SIZE);
  if (raw === undefined) return undefined;
  return (normalisedCache ??= normaliseText(splitPlainText(raw)).text);
}

/** Per-term counts of hits. */
function countTerms(hits: ReadonlyArray<{ termIndex: number }>): number[] {
  const counts = new Array<number>(THESIS_TERMS.length).fill(0);
  for (const h of hits) counts[h.termIndex]! += 1;
  return counts;
}

/**
 * Times `ours` (returning per-term counts) against one `rg --json` pass over `text`, paired, and
 * reports where the counts differ.
 */
async function againstRg(name: string, text: string, ours: () => number[], note: string): Promise<BenchLine> {
  if (!(await installed(RG))) return line(name, await time(ours, RUNS), undefined, { note: `${note}; no ripgrep at ${RG}` });
  const file = tempFile(`${name}.txt`, text);
  const args = rgJsonArgs([file]);
  const t = await paired(ours, () => runProcess(RG, args, { okCodes: [0, 1] }), RUNS);
  const theirs = countRgJson((await runProcess(RG, args, { keep: true, okCodes: [0, 1] })).stdout);
  const differences = countDifferences(ours(), theirs, text);
  return line(name, t.ours, { name: RG_BASELINE, timings: t.theirs }, { note, count_differences: differences });
}

/** The normalised seed texts as separate documents, copied until ~10 MB of text. */
function appDocuments(): SearchableDocument[] {
  const texts = seedTexts().map((t) => normaliseText(splitPlainText(t)).text);
  const docs: SearchableDocument[] = [];
  for (let i = 0, size = 0; size < SIZE; i++) {
    const text = texts[i % texts.length]!;
    docs.push({ id: `d${i}`, title: `d${i}`, text, pages: [{ index: 1, label: '1', start: 0, end: text.length }] });
    size += text.length;
  }
  return docs;
}

async function app(name: string, warm: boolean): Promise<BenchLine | string> {
  if (seedTexts().length === 0) return NO_SHARED;
  const docs = appDocuments();
  const query = thesisQuery();
  const cache = new PreparedTextCache();
  const search = () => countSum(runSearch(docs, query, { cache: warm ? cache : new PreparedTextCache() }).documents);
  return againstRg(name, docs.map((d) => d.text).join('\n\n'), search, warm ? 'runSearch over documents already folded (cache)' : 'runSearch, folding every document');
}

function countSum(documents: ReadonlyArray<{ byTerm: number[] }>): number[] {
  return THESIS_TERMS.map((_, t) => documents.reduce((n, d) => n + (d.byTerm[t] ?? 0), 0));
}

/** The search benches. */
export const benches: Bench[] = [
  {
    name: 'search-core-incl-normalise-10mb',
    run: () => {
      const raw = rawText(SIZE);
      if (raw === undefined) return NO_SHARED;
      const compiled = compileQuery(thesisQuery());
      return againstRg(
        'search-core-incl-normalise-10mb',
        raw,
        () => countTerms(findAll(normaliseText(splitPlainText(raw)).text, compiled)),
        'in process: splitPlainText + normaliseText + fold + findAll on the raw text',
      );
    },
  },
  {
    name: 'search-core-normalised-10mb',
    run: () => {
      const text = normalised();
      if (text === undefined) return NO_SHARED;
      const compiled = compileQuery(thesisQuery());
      return againstRg('search-core-normalised-10mb', text, () => countTerms(findAll(text, compiled)), 'in process: fold + findAll on normalised text');
    },
  },
  { name: 'search-app-10mb-cold', run: () => app('search-app-10mb-cold', false) },
  { name: 'search-app-10mb-warm', run: () => app('search-app-10mb-warm', true) },
  {
    name: 'normalise-10mb',
    run: async () => {
      const raw = rawText(SIZE);
      return raw === undefined ? NO_SHARED : line('normalise-10mb', await time(() => normaliseText(splitPlainText(raw)), RUNS));
    },
  },
  {
    name: 'fold-10mb',
    run: async () => {
      const text = normalised();
      return text === undefined ? NO_SHARED : line('fold-10mb', await time(() => fold(text), RUNS));
    },
  },
  {
    name: 'findall-prepared-10mb',
    run: async () => {
      const text = normalised();
      if (text === undefined) return NO_SHARED;
      const prepared = prepareText(text);
      const compiled = compileQuery(thesisQuery());
      return line('findall-prepared-10mb', await time(() => findAll(prepared, compiled), RUNS));
    },
  },
];
