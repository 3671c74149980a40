import { describe, expect, it } from 'vitest';
import { planAdjudication, planAgreements, type AdjudicationContext, type AdjudicationFragment } from '../../../src/analysis/adjudication.ts';
import { computeAgreement, type AgreementFragment } from '../../../src/analysis/agreement-units.ts';

const text = 'De regio zoekt de wereld op. De markt groeit over de grens. Het publiek komt uit het buitenland.';
const sentence = (word: string) => {
  const at = text.indexOf(word);
  const start = text.lastIndexOf('. ', at) < 0 ? 0 : text.lastIndexOf('. ', at) + 2;
  return { start, end: text.indexOf('.', at) + 1 };
};
const hit = (word: string) => ({ documentId: 'd', start: text.indexOf(word), end: text.indexOf(word) + word.length });
type F = AgreementFragment & AdjudicationFragment;
const frag = (id: string, coderId: string, word: string, codes: string[], extra: Partial<F> = {}): F => {
  const r = extra.anchor ?? sentence(word);
  return { id, documentId: 'd', anchor: { start: r.start, end: r.end, exact: text.slice(r.start, r.end) }, codes, flags: [], coderId, ...extra };
};

const fragments: F[] = [
  frag('a1', 'A', 'wereld', ['civic'], { values: ['civic:toegang'], flags: ['glocalisation'] }),
  frag('b1', 'B', 'wereld', ['market', 'civic'], { anchor: { start: 3, end: 28, exact: '' } }),
  frag('a2', 'A', 'grens', ['market']),
  frag('b2', 'B', 'grens', ['market']),
  frag('a3', 'A', 'buitenland', ['fame']),
  frag('k1', 'K', 'wereld', ['inspired']),
];
const byId = new Map(fragments.map((f) => [f.id, f]));
const result = computeAgreement({
  unit: 'hit',
  coders: ['A', 'B'],
  alongside: ['K'],
  codes: ['inspired', 'civic', 'market', 'fame'],
  documents: [{ id: 'd', title: 'D', text, pages: [] }],
  hits: ['wereld', 'grens', 'buitenland'].map(hit),
  fragments,
  dismissals: [{ ...hit('buitenland'), coderId: 'B' }],
});
const [wereld, grens, buitenland] = result.rows as [typeof result.rows[0], typeof result.rows[0], typeof result.rows[0]];
const ctx: AdjudicationContext = {
  unit: 'hit',
  fragment: (id) => byId.get(id),
  consensusFragments: fragments.filter((f) => f.coderId === 'K'),
  codes: ['inspired', 'civic', 'market', 'fame'],
  defaultRange: (row) => sentence(text.slice(row.start, row.end)),
};

describe('adjudicating a disagreement', () => {
  it('takes A: a copy of A’s fragment with its regimes, values and flags, replacing the consensus there', () => {
    const plan = planAdjudication(wereld, { take: 'a' }, ctx);
    expect(plan.remove).toEqual(['k1']);
    expect(plan.add).toEqual([{ documentId: 'd', ...sentence('wereld'), codes: ['civic'], values: ['civic:toegang'], flags: ['glocalisation'], from: ['a1'] }]);
    expect(plan.undismiss).toEqual([hit('wereld')]);
  });

  it('takes B: B’s range and regimes', () => {
    expect(planAdjudication(wereld, { take: 'b' }, ctx).add).toEqual([{ documentId: 'd', start: 3, end: 28, codes: ['market', 'civic'], values: [], flags: [], from: ['b1'] }]);
  });

  it('takes both: one fragment over both ranges with both coders’ regimes in regime order', () => {
    expect(planAdjudication(wereld, { take: 'both' }, ctx).add).toEqual([
      { documentId: 'd', start: 0, end: 28, codes: ['civic', 'market'], values: ['civic:toegang'], flags: ['glocalisation'], from: ['a1', 'b1'] },
    ]);
  });

  it('takes the dismissal of a coder who dismissed the hit, and "both" keeps the one who coded it', () => {
    expect(planAdjudication(buitenland, { take: 'b' }, ctx)).toMatchObject({ add: [], dismiss: [hit('buitenland')], undismiss: [] });
    expect(planAdjudication(buitenland, { take: 'both' }, ctx).add.map((f) => f.codes)).toEqual([['fame']]);
  });

  it('edits: the regimes chosen over the coders’ ranges, values only under chosen regimes; or a mere statement; or a dismissal', () => {
    expect(planAdjudication(wereld, { edit: 'codes', codes: ['market'] }, ctx).add).toEqual([
      { documentId: 'd', start: 0, end: 28, codes: ['market'], values: [], flags: ['glocalisation'], from: ['a1', 'b1'] },
    ]);
    expect(planAdjudication(wereld, { edit: 'codes', codes: [] }, ctx).add[0]!.codes).toEqual([]);
    expect(planAdjudication(wereld, { edit: 'dismiss' }, ctx)).toMatchObject({ add: [], remove: ['k1'], dismiss: [hit('wereld')] });
    expect(planAdjudication(wereld, { edit: 'none' }, ctx)).toMatchObject({ add: [], remove: ['k1'], dismiss: [] });
  });

  it('edits a unit neither coder coded over its default range', () => {
    const row = { ...grens, values: [{ state: 'not-coded' as const }, { state: 'not-coded' as const }], fragmentIds: [[], []] };
    expect(planAdjudication(row, { edit: 'codes', codes: ['fame'] }, ctx).add).toEqual([{ documentId: 'd', ...sentence('grens'), codes: ['fame'], values: [], flags: [], from: [] }]);
  });
});

describe('taking the agreements over', () => {
  it('copies the first coder’s fragment of each agreeing unit the consensus has not decided, once', () => {
    expect(grens.disagrees).toBe(false);
    const plan = planAgreements(result.rows, { unit: 'hit', fragment: (id) => byId.get(id), codes: ctx.codes });
    expect(plan.add.map((f) => f.from)).toEqual([['a2']]);
    // Decided already (the consensus has a value there): left alone.
    const decided = { ...grens, values: [...grens.values.slice(0, 2), { state: 'coded' as const, codes: ['fame'] }] };
    expect(planAgreements([decided], { unit: 'hit', fragment: (id) => byId.get(id), codes: ctx.codes }).add).toEqual([]);
    // Two hits in one sentence: the fragment is copied once.
    expect(planAgreements([grens, { ...grens, start: grens.start + 1 }], { unit: 'hit', fragment: (id) => byId.get(id), codes: ctx.codes }).add).toHaveLength(1);
  });

  it('dismisses for the consensus a hit both coders dismissed', () => {
    const both = { ...buitenland, disagrees: false, values: [{ state: 'dismissed' as const }, { state: 'dismissed' as const }, { state: 'not-coded' as const }] };
    expect(planAgreements([both], { unit: 'hit', fragment: (id) => byId.get(id), codes: ctx.codes }).dismiss).toEqual([hit('buitenland')]);
  });
});
