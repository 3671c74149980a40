/**
 * A hand-computed fixture for the matrix and co-occurrence tests: three documents in two
 * regions, eight fragments (one outside the documents), with multi-regime, overlapping,
 * nested and touching fragments, and values within regimes. The expected numbers are worked
 * out by hand in the tests next to each assertion.
 *
 *   A (North, 2020): f0 [0,50) civic+market {civic:access}; f1 [40,80) civic {civic:access, civic:common}
 *                    (overlaps f0 on 40–49); f2 [100,120) no regime (mere statement)
 *   B (North, 2021): f3 [0,30) fame {fame:image}; f4 [10,20) market (inside f3);
 *                    f5 [30,60) civic {market:profit — not its regime, ignored} (touches f3)
 *   C (South, no year): f6 [5,25) civic+fame+market {market:profit}; f7 [25,40) fame (touches f6)
 *   Z (not a document): f8 [0,10) civic
 */
import type { Code } from '../../../src/model/codebook.ts';
import type { PolicyDocument } from '../../../src/model/document.ts';
import type { Fragment } from '../../../src/model/fragment.ts';
import type { CodeId, CoderId, DocumentId, FragmentId } from '../../../src/model/ids.ts';

const code = (id: string, values: string[]): Code => ({
  id: id as CodeId,
  name: { nl: id, en: id[0]!.toUpperCase() + id.slice(1) },
  description: { nl: '', en: '' },
  values: values.map((v) => ({ id: v, name: { nl: v, en: v } })),
  color: '#000000',
  key: id[0]!,
});

/** Codes in column order, with their values. */
export const codes: Code[] = [code('civic', ['access', 'common']), code('market', ['profit']), code('fame', ['image'])];

const doc = (id: string, region?: string, year?: number): PolicyDocument => ({
  id: id as DocumentId,
  title: `Doc ${id}`,
  fileName: `${id}.txt`,
  format: 'txt',
  contentHash: id,
  pages: [
    { index: 1, label: '14', start: 0, end: 60 },
    { index: 2, label: '15', start: 60, end: 200 },
  ],
  charCount: 200,
  meta: { region, year },
  report: { joinedHyphens: 0, removedLines: [], pageCount: 2 },
  createdAt: '2024-01-01T00:00:00.000Z',
});

/** The three documents. */
export const documents: PolicyDocument[] = [doc('A', 'North', 2020), doc('B', 'North', 2021), doc('C', 'South')];

let n = 0;
const frag = (documentId: string, start: number, end: number, codeIds: string[], values: string[] = [], extra: Partial<Fragment> = {}): Fragment => ({
  id: `f${n++}` as FragmentId,
  documentId: documentId as DocumentId,
  anchor: { start, end, exact: `text of f${n - 1}`, prefix: '', suffix: '' },
  codes: codeIds as CodeId[],
  values,
  flags: [],
  memo: '',
  coderId: 'anna' as CoderId,
  createdAt: '2024-03-01T10:00:00.000Z',
  updatedAt: '2024-03-01T10:00:00.000Z',
  ...extra,
});

/** f0 … f8 as in the module header. */
export const fragments: Fragment[] = [
  frag('A', 0, 50, ['civic', 'market'], ['civic:access']),
  frag('A', 40, 80, ['civic'], ['civic:access', 'civic:common']),
  frag('A', 100, 120, []),
  frag('B', 0, 30, ['fame'], ['fame:image']),
  frag('B', 10, 20, ['market']),
  frag('B', 30, 60, ['civic'], ['market:profit']),
  frag('C', 5, 25, ['civic', 'fame', 'market'], ['market:profit']),
  frag('C', 25, 40, ['fame']),
  frag('Z', 0, 10, ['civic']),
];
