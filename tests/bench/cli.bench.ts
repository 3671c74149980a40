/**
 * The `worthmark` command as a user runs it: a new Node process each run (cold), on the build in
 * dist-cli/ (made here first by scripts/build-cli.mjs, so it is the build of these sources),
 * paired with the whole processes that do the same work (median of 5 each):
 *
 * - cli-help-cold: `worthmark --help` against `node -e 0` (Node starting and doing nothing: what
 *   any Node command pays). Target < 300 ms.
 * - cli-search-10mb-cold, cli-search-200mb-cold: `worthmark search --terms <thesis list>
 *   --format json FILE.txt` against one `rg --json` pass over the same file (ripgrep.ts: same
 *   terms, per-term counts compared, a difference explained where it is line-end hyphenation).
 *   Ours reads, decodes and normalises the text, then searches and prints every hit with its
 *   context; rg prints every matching line. Target ratio ≤ 5. The 200 MB line runs only with
 *   WORTHMARK_BENCH_LARGE=1: its ten processes take minutes and ours needs ~3 GB.
 * - cli-search-corpus-cold: the same over the ../shared/corpus PDFs against `pdftotext` on each
 *   PDF (to a text file) followed by one `rg --json` pass over those files. Target ratio ≤ 3.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { installed, line, paired, runProcess, type Bench, type BenchLine } from './harness.ts';
import { corpusPdfs, NO_SHARED, rawText, root, tempFile } from './material.ts';
import { countDifferences, countRgJson, RG, RG_BASELINE, rgJsonArgs, THESIS_TERM_FILE } from './ripgrep.ts';

const RUNS = 5;
const NODE = process.execPath;
const BIN = join(root, 'src/cli/worthmark.js');
export const PDFTOTEXT = process.env.PDFTOTEXT_PATH ?? '/usr/bin/pdftotext';

let built = false;
/** Builds dist-cli/ once per bench run, so the lines measure the current sources. */
function build(): void {
  if (built) return;
  execFileSync(NODE, [join(root, 'scripts/build-cli.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

/** `worthmark <args>` as a whole process. */
export function worthmark(args: readonly string[], keep = false) {
  build();
  return runProcess(NODE, [BIN, ...args], { keep });
}

/** Per-term counts from `worthmark search --format json` output, summed over its documents. */
function cliCounts(output: string): number[] {
  const report = JSON.parse(output) as { documents: Array<{ byTerm: Record<string, number> }> };
  const terms = THESIS_TERM_FILE.trim().split('\n');
  return terms.map((t) => report.documents.reduce((n, d) => n + (d.byTerm[t] ?? 0), 0));
}

async function searchText(name: string, size: number): Promise<BenchLine | string> {
  if (!(await installed(RG))) return `no ripgrep at ${RG}`;
  const text = rawText(size);
  if (text === undefined) return NO_SHARED;
  const file = tempFile(`${name}.txt`, text);
  const terms = tempFile('thesis-terms.txt', THESIS_TERM_FILE);
  const ours = ['search', '--terms', terms, '--format', 'json', file];
  const args = rgJsonArgs([file]);
  const t = await paired(() => worthmark(ours), () => runProcess(RG, args, { okCodes: [0, 1] }), RUNS, 0);
  const mine = cliCounts((await worthmark(ours, true)).stdout);
  const theirs = countRgJson((await runProcess(RG, args, { keep: true, okCodes: [0, 1] })).stdout);
  return line(name, t.ours, { name: RG_BASELINE, timings: t.theirs }, {
    note: `cold processes: worthmark search --format json on ${(size / 1e6).toFixed(0)} MB of raw text, paired`,
    count_differences: countDifferences(mine, theirs, text),
  });
}

/** Set to run the 200 MB line (five runs of each side take minutes; see the header). */
export const LARGE_FLAG = 'WORTHMARK_BENCH_LARGE';

/** The cold-process benches of the CLI. */
export const benches: Bench[] = [
  {
    name: 'cli-help-cold',
    run: async () => {
      const t = await paired(() => worthmark(['--help']), () => runProcess(NODE, ['-e', '0']), RUNS, 1);
      return line('cli-help-cold', t.ours, { name: 'node -e 0 (a Node process that does nothing)', timings: t.theirs }, { note: 'cold processes, paired' });
    },
  },
  { name: 'cli-search-10mb-cold', run: () => searchText('cli-search-10mb-cold', 10_000_000) },
  {
    name: 'cli-search-200mb-cold',
    run: () => (process.env[LARGE_FLAG] === '1' ? searchText('cli-search-200mb-cold', 200_000_000) : `runs only with ${LARGE_FLAG}=1 (about 20 s per run of ours, 3 GB of memory)`),
  },
  {
    name: 'cli-search-corpus-cold',
    run: async () => {
      const pdfs = corpusPdfs();
      if (pdfs.length === 0) return NO_SHARED;
      if (!(await installed(RG)) || !(await installed(PDFTOTEXT, '-v'))) return `needs ${RG} and ${PDFTOTEXT}`;
      const terms = tempFile('thesis-terms.txt', THESIS_TERM_FILE);
      const texts = pdfs.map((p, i) => tempFile(`corpus-${i}.txt`, ''));
      const ours = ['search', '--terms', terms, '--format', 'json', ...pdfs];
      const theirs = async () => {
        for (const [i, pdf] of pdfs.entries()) await runProcess(PDFTOTEXT, ['-enc', 'UTF-8', pdf, texts[i]!]);
        return runProcess(RG, rgJsonArgs(texts), { okCodes: [0, 1], keep: true });
      };
      const t = await paired(() => worthmark(ours), theirs, RUNS, 0);
      const mine = cliCounts((await worthmark(ours, true)).stdout);
      const counts = countRgJson((await theirs()).stdout);
      return line('cli-search-corpus-cold', t.ours, { name: `pdftotext -enc UTF-8 on each of the ${pdfs.length} PDFs, then ${RG_BASELINE} over their texts`, timings: t.theirs }, {
        note: `cold processes, paired; ${pdfs.length} PDFs`,
        count_differences: countDifferences(mine, counts),
      });
    },
  },
];
