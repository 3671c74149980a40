/**
 * Tally benches on a synthetic project of 20,000 fragments in 100 documents (seeded, so every
 * run measures the same data): one to three regimes per fragment, values, flags, two coders,
 * overlapping neighbours, and a saved search's hits.
 *
 * - tally-recompute-20k: median time to recompute a view (filter + code matrix + co-occurrence,
 *   analysis/tally-view.ts) when a filter changes; the filters cycle through none, a coder, a
 *   flag, a date range, a saved search's hits and groups per region. Target < 30 ms.
 *   The view keeps work that depends only on the fragment list (parsed dates, each fragment's
 *   columns, the per-document sweep order) between calls with the same list, as the app's live
 *   query passes it; so this measures a filter change on unchanged data.
 * - tally-recompute-data-change-20k: the same cycle with a new fragment list every time (as after
 *   an edit), so nothing prepared is reused; the list is shuffled (seeded), as storage need not
 *   hand fragments out in reading order, so the per-document sort is measured too.
 * - tally-matrix-only-20k, tally-co-occurrence-20k: the two halves (public functions, nothing reused).
 * - tally-xlsx-matrix: the matrix (100 rows) in all four measures plus co-occurrence to XLSX.
 * - tally-xlsx-workbook-20k: the full workbook including the 20,000-row fragment table, against
 *   exceljs writing the same tables (xlsx-exceljs.ts, the writer it replaced). Target < 2 s.
 */
import type { Code } from '../../src/model/codebook.ts';
import type { PolicyDocument } from '../../src/model/document.ts';
import type { Coder, Fragment } from '../../src/model/fragment.ts';
import type { CodeId, CodebookId, CoderId, DocumentId, FragmentId } from '../../src/model/ids.ts';
import { computeTallyView, type TallyViewInput } from '../../src/analysis/tally-view.ts';
import { coOccurrence } from '../../src/analysis/co-occurrence.ts';
import { codeColumns, tally } from '../../src/analysis/tally.ts';
import type { FragmentFilter } from '../../src/analysis/fragment-filter.ts';
import { coOccurrenceTable, MATRIX_MEASURES, matrixTable } from '../../src/exchange/tally-table.ts';
import { tallyTables } from '../../src/exchange/tally-workbook.ts';
import { tablesToXlsx } from '../../src/exchange/xlsx.ts';
import { line, paired, time, type Bench } from './harness.ts';
import { tablesToXlsxWithExceljs } from './xlsx-exceljs.ts';
import { seededRandom as random } from '../unit/support/random.ts';

const DOCS = 100;
const FRAGMENTS = 20_000;

const CODE_IDS = ['inspired', 'domestic', 'fame', 'civic', 'market', 'industrial', 'project'];
const codes: Code[] = CODE_IDS.map((id, i) => ({
  id: id as CodeId,
  name: { nl: id, en: id },
  description: { nl: '', en: '' },
  values: ['a', 'b', 'c'].map((v) => ({ id: v, name: { nl: v, en: v } })),
  color: '#000000',
  key: String(i + 1),
}));

let project: { documents: PolicyDocument[]; fragments: Fragment[]; coders: Coder[]; hits: FragmentFilter['hits'] } | undefined;
function load() {
  if (project) return project;
  const rnd = random(7);
  const documents: PolicyDocument[] = Array.from({ length: DOCS }, (_, d) => ({
    id: `doc-${d}` as DocumentId,
    title: `Regioprofiel ${d}`,
    fileName: `${d}.pdf`,
    format: 'pdf',
    contentHash: String(d),
    pages: Array.from({ length: 40 }, (_, p) => ({ index: p + 1, label: String(p + 1), start: p * 5000, end: (p + 1) * 5000 })),
    charCount: 200_000,
    meta: { region: `Regio ${d % 12}`, year: 2021 + (d % 2) * 4 },
    report: { joinedHyphens: 0, removedLines: [], pageCount: 40 },
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, d)).toISOString(),
  }));
  const fragments: Fragment[] = [];
  const hits: { documentId: string; start: number; end: number }[] = [];
  for (let i = 0; i < FRAGMENTS; i++) {
    const d = i % DOCS;
    const slot = Math.floor(i / DOCS);
    const start = slot * 900 + Math.floor(rnd() * 300);
    const end = start + 200 + Math.floor(rnd() * 900); // often overlaps the next one
    const k = rnd() < 0.15 ? 0 : rnd() < 0.7 ? 1 : rnd() < 0.9 ? 2 : 3;
    const fcodes = new Set<string>();
    while (fcodes.size < k) fcodes.add(CODE_IDS[Math.floor(rnd() * CODE_IDS.length)]!);
    const values = [...fcodes].flatMap((c) => (rnd() < 0.5 ? [`${c}:${'abc'[Math.floor(rnd() * 3)]}`] : []));
    const at = new Date(Date.UTC(2024, 2, 1) + Math.floor(rnd() * 90 * 86_400_000)).toISOString();
    fragments.push({
      id: `f${i}` as FragmentId,
      documentId: `doc-${d}` as DocumentId,
      anchor: { start, end, exact: `Fragment ${i} over internationale samenwerking en de regio.`, prefix: '', suffix: '' },
      codes: [...fcodes] as CodeId[],
      values,
      flags: rnd() < 0.1 ? ['glocalisation'] : [],
      memo: '',
      coderId: (rnd() < 0.8 ? 'anna' : 'bram') as CoderId,
      createdAt: at,
      updatedAt: at,
    });
    if (rnd() < 0.6) hits.push({ documentId: `doc-${d}`, start: start + 10, end: start + 25 });
  }
  const coders: Coder[] = [
    { id: 'anna' as CoderId, name: 'Anna', initials: 'A' },
    { id: 'bram' as CoderId, name: 'Bram', initials: 'B' },
  ];
  project = { documents, fragments, coders, hits };
  return project;
}

/** The filter changes a user makes one after another. */
function inputs(): TallyViewInput[] {
  const p = load();
  const base = { documents: p.documents, fragments: p.fragments, codes, rows: 'document' as const, columns: 'codes' as const, lang: 'nl' as const };
  return [
    { ...base, filter: {} },
    { ...base, filter: { coderIds: ['anna'] } },
    { ...base, filter: { flag: { with: 'glocalisation' } } },
    { ...base, filter: { from: Date.UTC(2024, 2, 15), to: Date.UTC(2024, 4, 1) } },
    { ...base, filter: { hits: p.hits } },
    { ...base, filter: { documentIds: p.documents.slice(0, 50).map((d) => d.id) } },
    { ...base, filter: {}, rows: 'region' },
    { ...base, filter: {}, columns: 'values' },
  ];
}

/** Runs `fn` over the inputs in turn, timing each call. */
async function cycle(fn: (input: TallyViewInput) => unknown, runs: number): Promise<number[]> {
  const list = inputs();
  let i = 0;
  return time(() => fn(list[i++ % list.length]!), runs, list.length);
}

/** The tally benches. */
export const benches: Bench[] = [
  {
    name: 'tally-recompute-20k',
    run: async () => line('tally-recompute-20k', await cycle(computeTallyView, 40)),
  },
  {
    name: 'tally-recompute-data-change-20k',
    run: async () => {
      const shuffled = [...load().fragments];
      const rnd = random(11);
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      return line('tally-recompute-data-change-20k', await cycle((input) => computeTallyView({ ...input, fragments: [...shuffled] }), 40));
    },
  },
  {
    name: 'tally-matrix-only-20k',
    run: async () => {
      const p = load();
      return line('tally-matrix-only-20k', await time(() => tally({ documents: p.documents, codes: [], columns: codeColumns(codes.map((c) => c.id)), fragments: p.fragments }), 30));
    },
  },
  {
    name: 'tally-co-occurrence-20k',
    run: async () => {
      const p = load();
      return line('tally-co-occurrence-20k', await time(() => coOccurrence({ codes: CODE_IDS, fragments: p.fragments }), 30));
    },
  },
  {
    name: 'tally-xlsx-matrix',
    run: async () => {
      const view = computeTallyView(inputs()[0]!);
      const names = { codeNames: view.columnNames, lang: 'nl' as const };
      const tables = [...MATRIX_MEASURES.map((m) => matrixTable(view.matrix, m, names)), coOccurrenceTable(view.coOccurrence, 'sameFragment', names), coOccurrenceTable(view.coOccurrence, 'overlapping', names)];
      return line('tally-xlsx-matrix', await time(() => tablesToXlsx(tables), 9, 1));
    },
  },
  {
    name: 'tally-xlsx-workbook-20k',
    run: async () => {
      const p = load();
      const view = computeTallyView(inputs()[0]!);
      const book = { id: 'b' as CodebookId, formatVersion: 1 as const, name: { nl: 'b', en: 'b' }, codes, flags: [] };
      // Each run builds the tables and writes them, as an export does.
      const tables = () => tallyTables({ view, codebooks: [book], coders: p.coders, lang: 'nl' });
      const t = await paired(() => tablesToXlsx(tables()), () => tablesToXlsxWithExceljs(tables()), 5, 1);
      return line('tally-xlsx-workbook-20k', t.ours, { name: 'the same tables with exceljs 4.4 (in-memory writer, shared styles, deflate 3)', timings: t.theirs }, { note: 'in process, warm' });
    },
  },
];
