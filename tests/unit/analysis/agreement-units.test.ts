import { describe, expect, it } from 'vitest';
import {
  agreementRows,
  computeAgreement,
  disagreesOn,
  fragmentUnitizing,
  SentenceCache,
  valueFromKey,
  valueKey,
  type AgreementDocument,
  type AgreementFragment,
  type AgreementInput,
  type CoderValue,
} from '../../../src/analysis/agreement-units.ts';
import { cohenKappa, krippendorffAlpha } from '../../../src/analysis/agreement.ts';
import { unitizingAlpha } from '../../../src/analysis/agreement-unitizing.ts';

const text =
  'De regio zoekt de wereld op. Internationale samenwerking is belangrijk. ' +
  'De markt voor cultuur groeit over de grens. Het publiek komt uit het buitenland.\n\n' +
  'Een alinea zonder treffers.';
const doc: AgreementDocument = { id: 'd1', title: 'Regioprofiel', text, pages: [{ index: 1, label: '1', start: 0, end: text.length }] };
const at = (word: string) => ({ documentId: 'd1', start: text.indexOf(word), end: text.indexOf(word) + word.length });
const sentenceOf = (word: string) => {
  const i = text.indexOf(word);
  const start = text.lastIndexOf('. ', i) < 0 ? 0 : text.lastIndexOf('. ', i) + 2;
  const end = text.indexOf('.', i) + 1;
  return { start, end };
};
let n = 0;
function frag(coderId: string, word: string, codes: string[], range = sentenceOf(word)): AgreementFragment {
  return { id: `f${++n}`, documentId: 'd1', anchor: { ...range, exact: text.slice(range.start, range.end) }, codes, coderId };
}

const hits = ['wereld', 'Internationale', 'grens', 'buitenland'].map(at);
const CODES = ['civic', 'market', 'fame'];
const base: Omit<AgreementInput, 'unit'> = {
  coders: ['A', 'B'],
  codes: CODES,
  documents: [doc],
  hits,
  fragments: [
    // wereld: A civic, B civic — agree.
    frag('A', 'wereld', ['civic']),
    frag('B', 'wereld', ['civic']),
    // Internationale: A civic + market, B market — differ.
    frag('A', 'Internationale', ['market', 'civic']),
    frag('B', 'Internationale', ['market']),
    // grens: A mere statement; B not coded but dismissed.
    frag('A', 'grens', []),
    // buitenland: A fame; B not coded.
    frag('A', 'buitenland', ['fame']),
    // A coder not compared.
    frag('C', 'buitenland', ['civic']),
  ],
  dismissals: [{ ...at('grens'), coderId: 'B' }],
};

describe('agreement on keyword hits', () => {
  const r = computeAgreement({ ...base, unit: 'hit' });

  it('gives each coder the regimes of their fragment at the hit, in regime order', () => {
    expect(r.units).toBe(4);
    expect(r.rows.map((row) => row.values.map(valueKey))).toEqual([
      ['c:civic', 'c:civic'],
      [valueKey({ state: 'coded', codes: ['civic', 'market'] }), 'c:market'],
      ['c:', 'd'],
      ['c:fame', 'n'],
    ]);
  });

  it('marks the rows that disagree and keeps their fragments per coder', () => {
    expect(r.rows.map((row) => row.disagrees)).toEqual([false, true, true, true]);
    expect(r.rows[1]!.fragmentIds).toEqual([['f3'], ['f4']]);
    expect(r.rows[0]!.fragmentIds).toEqual([['f1'], ['f2']]);
  });

  it('measures overall agreement on the whole value', () => {
    expect(r.overall.percent.percent).toBe(25);
    expect(r.overall.cohen!.units).toBe(4);
  });

  it('measures each regime on presence and absence, with n the units where someone gave it', () => {
    const civic = r.byCode.find((x) => x.code === 'civic')!;
    // civic: A 1 1 0 0, B 1 0 0 0.
    expect(civic.n).toBe(2);
    expect(civic.summary.percent.percent).toBe(75);
    expect(civic.summary.cohen!.kappa).toBeCloseTo(cohenKappa({ units: [[1, 1], [1, 0], [0, 0], [0, 0]] }).kappa!, 12);
    expect(civic.summary.alpha.alpha).toBeCloseTo(krippendorffAlpha({ units: [[1, 1], [1, 0], [0, 0], [0, 0]] }).alpha!, 12);
    const market = r.byCode.find((x) => x.code === 'market')!;
    expect(market.n).toBe(1);
    expect(market.summary.percent.percent).toBe(100);
  });

  it('crosses the two coders’ values in the confusion matrix', () => {
    const labels = r.confusion.values.map(String);
    const cell = (a: string, b: string) => r.confusion.counts[labels.indexOf(a)]![labels.indexOf(b)];
    expect(cell('c:civic', 'c:civic')).toBe(1);
    expect(cell('c:', 'd')).toBe(1);
    expect(cell('c:fame', 'n')).toBe(1);
    expect(r.confusion.units).toBe(4);
  });

  it('with "not coded" missing, compares only hits both decided', () => {
    const m = computeAgreement({ ...base, unit: 'hit', notCoded: 'missing' });
    expect(m.rows.map((row) => row.disagrees)).toEqual([false, true, true, false]);
    expect(m.overall.cohen!.units).toBe(3);
  });

  it('lets a fragment decide every hit it covers, and several fragments add their regimes', () => {
    const wide = { start: 0, end: text.indexOf('De markt') - 1 };
    const rows = agreementRows({
      ...base,
      unit: 'hit',
      fragments: [frag('A', 'wereld', ['civic'], wide), frag('A', 'wereld', ['fame']), frag('B', 'wereld', [], wide)],
    });
    expect(rows.slice(0, 2).map((row) => row.values.map(valueKey))).toEqual([
      [valueKey({ state: 'coded', codes: ['civic', 'fame'] }), 'c:'],
      ['c:civic', 'c:'],
    ]);
  });

  it('reads a dismissal without a coder as the one coder’s when told so, else as nobody’s', () => {
    const dismissals = [{ ...at('buitenland') }];
    expect(agreementRows({ ...base, unit: 'hit', dismissals })[3]!.values[1]).toEqual({ state: 'not-coded' });
    expect(agreementRows({ ...base, unit: 'hit', dismissals, unattributedDismissalsBy: 'B' })[3]!.values[1]).toEqual({ state: 'dismissed' });
  });

  it('filters disagreements per regime', () => {
    const [agree, both, mere, fame] = r.rows;
    expect(disagreesOn(agree!, 'civic')).toBe(false);
    expect(disagreesOn(both!, 'civic')).toBe(true);
    expect(disagreesOn(both!, 'market')).toBe(false);
    expect(disagreesOn(mere!, 'civic')).toBe(false);
    expect(disagreesOn(fame!, 'fame')).toBe(true);
    expect(disagreesOn(fame!, 'fame', 'missing')).toBe(false);
  });
});

describe('a coder alongside (the consensus)', () => {
  it('gets a value in every row but does not count in the comparison', () => {
    const fragments = [...base.fragments, frag('K', 'Internationale', ['market']), frag('K', 'wereld', ['fame'])];
    const r = computeAgreement({ ...base, unit: 'hit', fragments, alongside: ['K'] });
    const plain = computeAgreement({ ...base, unit: 'hit' });
    expect(r.rows.map((row) => row.values.map(valueKey))).toEqual([
      ['c:civic', 'c:civic', 'c:fame'],
      [valueKey({ state: 'coded', codes: ['civic', 'market'] }), 'c:market', 'c:market'],
      ['c:', 'd', 'n'],
      ['c:fame', 'n', 'n'],
    ]);
    expect(r.rows.map((row) => row.disagrees)).toEqual(plain.rows.map((row) => row.disagrees));
    expect(r.overall).toEqual(plain.overall);
    expect(r.byCode).toEqual(plain.byCode);
    expect(disagreesOn(r.rows[0]!, 'fame', 'value', 2)).toBe(false);
    expect(disagreesOn(r.rows[0]!, 'fame')).toBe(true);
  });
});

describe('agreement on sentences', () => {
  const r = computeAgreement({ ...base, unit: 'sentence' });

  it('makes every sentence a unit, coded or not', () => {
    expect(r.units).toBe(5);
    expect(r.rows.map((row) => text.slice(row.start, row.end))).toEqual([
      'De regio zoekt de wereld op.',
      'Internationale samenwerking is belangrijk.',
      'De markt voor cultuur groeit over de grens.',
      'Het publiek komt uit het buitenland.',
      'Een alinea zonder treffers.',
    ]);
  });

  it('does not know dismissals: a dismissed hit’s sentence is not coded', () => {
    expect(r.rows.map((row) => row.values.map(valueKey))[2]).toEqual(['c:', 'n']);
    expect(r.rows[4]!.values.map(valueKey)).toEqual(['n', 'n']);
    expect(r.rows[4]!.disagrees).toBe(false);
  });

  it('counts a fragment in every sentence it overlaps', () => {
    const two = { start: 0, end: text.indexOf('Internationale') + 5 };
    const rows = agreementRows({ ...base, unit: 'sentence', fragments: [frag('A', 'wereld', ['fame'], two)] });
    expect(rows.slice(0, 3).map((row) => valueKey(row.values[0]!))).toEqual(['c:fame', 'c:fame', 'n']);
  });

  it('keeps the sentences of a document between runs', () => {
    const cache = new SentenceCache();
    const first = cache.get('d1', text);
    expect(cache.get('d1', text)).toBe(first);
    expect(cache.get('d1', text + ' Meer.')).not.toBe(first);
  });
});

describe('agreement on characters', () => {
  const r = computeAgreement({ ...base, unit: 'character' });

  it('counts every character once, in runs of characters coded alike', () => {
    expect(r.units).toBe(text.length);
    expect(r.rows.reduce((s, row) => s + row.weight, 0)).toBe(text.length);
    for (let i = 1; i < r.rows.length; i++) expect(r.rows[i]!.start).toBe(r.rows[i - 1]!.end);
    // Neighbouring rows differ in some coder's value.
    for (let i = 1; i < r.rows.length; i++) expect(r.rows[i]!.values.map(valueKey)).not.toEqual(r.rows[i - 1]!.values.map(valueKey));
  });

  it('weights the measures by the characters: the same as one row per character', () => {
    const perChar = { units: [] as (string | null)[][] };
    for (const row of r.rows) for (let i = row.start; i < row.end; i++) perChar.units.push(row.values.map(valueKey));
    expect(r.overall.alpha.alpha).toBeCloseTo(krippendorffAlpha(perChar).alpha!, 10);
    expect(r.overall.cohen!.kappa).toBeCloseTo(cohenKappa(perChar).kappa!, 10);
  });

  it('treats partly overlapping fragments by the characters they share', () => {
    const rows = agreementRows({
      ...base,
      unit: 'character',
      fragments: [frag('A', 'wereld', ['civic'], { start: 0, end: 10 }), frag('B', 'wereld', ['civic'], { start: 5, end: 15 })],
    });
    expect(rows.slice(0, 4).map((row) => [row.start, row.end, row.values.map(valueKey).join('|')])).toEqual([
      [0, 5, 'c:civic|n'],
      [5, 10, 'c:civic|c:civic'],
      [10, 15, 'n|c:civic'],
      [15, text.length, 'n|n'],
    ]);
  });
});

describe('value keys', () => {
  it('turn back into the value they stand for', () => {
    const values: CoderValue[] = [{ state: 'not-coded' }, { state: 'dismissed' }, { state: 'coded', codes: [] }, { state: 'coded', codes: ['civic', 'market'] }];
    for (const v of values) {
      expect(valueFromKey(valueKey(v))).toEqual(v);
    }
  });
});

describe('unitizing α of the coders’ fragments', () => {
  it('is 1 per regime for identical fragments, and lays the documents end to end', () => {
    const other: AgreementDocument = { id: 'd2', title: 'Tweede', text: 'Nog een zin over de markt.', pages: [] };
    const fragments = [
      frag('A', 'wereld', ['civic']),
      frag('B', 'wereld', ['civic']),
      { ...frag('A', 'wereld', ['market']), documentId: 'd2', anchor: { start: 0, end: 10, exact: '' } },
      { ...frag('B', 'wereld', ['market']), documentId: 'd2', anchor: { start: 0, end: 10, exact: '' } },
    ];
    const r = fragmentUnitizing({ coders: ['A', 'B'], documents: [doc, other], fragments })!;
    expect(r.byCategory.get('civic')!.alpha).toBe(1);
    expect(r.byCategory.get('market')!.alpha).toBe(1);
  });

  it('equals unitizing α of the segments, with a coder’s overlapping fragments of one regime joined', () => {
    const a = sentenceOf('wereld');
    const fragments = [
      frag('A', 'wereld', ['civic'], { start: a.start, end: a.start + 10 }),
      frag('A', 'wereld', ['civic', 'fame'], { start: a.start + 5, end: a.end }),
      frag('B', 'wereld', ['civic'], { start: a.start + 3, end: a.end }),
      frag('C', 'wereld', ['civic'], a),
    ];
    const r = fragmentUnitizing({ coders: ['A', 'B'], documents: [doc], fragments })!;
    const direct = unitizingAlpha({
      begin: 0,
      length: text.length,
      coders: 2,
      segments: [
        { coder: 0, start: a.start, length: a.end - a.start, category: 'civic' },
        { coder: 0, start: a.start + 5, length: a.end - a.start - 5, category: 'fame' },
        { coder: 1, start: a.start + 3, length: a.end - a.start - 3, category: 'civic' },
      ],
    });
    expect(direct.ok && r.alpha).toBeCloseTo(direct.ok ? direct.value.alpha! : NaN, 12);
    expect(r.byCategory.get('civic')!.alpha).toBeLessThan(1);
  });
});
