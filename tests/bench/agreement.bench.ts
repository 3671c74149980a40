/**
 * Agreement benches on a synthetic project (seeded, so every run measures the same data): 100
 * documents of ~45,000 characters (4.5 MB of Dutch-like sentences in paragraphs), two coders
 * with 20,000 fragments each, each fragment a sentence around a keyword. Coder B agrees with A
 * on most fragments; the rest differ in regimes, in boundaries (a word more or less), are left
 * out, or (at hits) dismissed. Target for each unit: < 500 ms.
 *
 * - agreement-hit-20k: computeAgreement on the ~25,000 hits of the search set, given the hits
 *   (the app has them from its search worker); warm (in-process, after warm-up runs).
 * - agreement-hit-20k-with-search: the same plus running the search set over the 100 texts,
 *   as the CLI does once per call.
 * - agreement-sentence-20k: every sentence of the texts as a unit, sentences kept per document
 *   between runs (as the agreement view keeps them while the texts do not change).
 * - agreement-sentence-20k-cold: the same with the sentences split anew every run
 *   (Intl.Segmenter over 4.5 MB), as the first run after opening the view.
 * - agreement-character-20k: every character as a unit (runs of characters alike weighted).
 * - agreement-unitizing-20k: unitizing α of the two coders' fragments per regime (the agreement
 *   view's u-α column), the 100 texts end to end as one continuum.
 * No baseline: no other tool computes these units on this data in the same process.
 */
import { computeAgreement, fragmentUnitizing, SentenceCache, type AgreementDocument, type AgreementFragment, type AgreementInput } from '../../src/analysis/agreement-units.ts';
import { runSearch } from '../../src/text/corpus-search.ts';
import { parseQuery } from '../../src/text/query.ts';
import { line, time, type Bench } from './harness.ts';
import { seededRandom as random } from '../unit/support/random.ts';

const DOCS = 100;
const FRAGMENTS_PER_CODER = 20_000;
const CODES = ['inspired', 'domestic', 'fame', 'civic', 'market', 'industrial', 'project'];
const TERMS = 'internationa*\nbuitenland\nwereld*\ngrens*';

const WORDS = 'de regio cultuur samenwerking publiek musea bezoekers erfgoed kunstenaars festivals onderwijs gemeente provincie talent ontwikkeling participatie kwaliteit makers podia bibliotheek'.split(' ');
const KEYWORDS = ['internationale', 'buitenland', 'wereldwijd', 'grensoverschrijdend'];

interface Project {
  documents: AgreementDocument[];
  fragments: AgreementFragment[];
  dismissals: { documentId: string; start: number; end: number; coderId: string }[];
}

let project: Project | undefined;
function load(): Project {
  if (project) return project;
  const rnd = random(12);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const documents: AgreementDocument[] = [];
  const fragments: AgreementFragment[] = [];
  const dismissals: Project['dismissals'] = [];
  const perDoc = FRAGMENTS_PER_CODER / DOCS;
  for (let d = 0; d < DOCS; d++) {
    const id = `doc-${d}`;
    let text = '';
    const keyed: { start: number; end: number; word: number }[] = [];
    // 400 sentences in paragraphs of 5; every other one holds a keyword.
    for (let s = 0; s < 2 * perDoc; s++) {
      const words = Array.from({ length: 8 + Math.floor(rnd() * 10) }, () => pick(WORDS));
      const withKeyword = s % 2 === 0;
      if (withKeyword) words.splice(1 + Math.floor(rnd() * (words.length - 1)), 0, pick(KEYWORDS));
      const sentence = words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
      const start = text.length;
      text += sentence;
      if (withKeyword) keyed.push({ start, end: text.length, word: sentence.indexOf(' ') + 1 });
      text += s % 5 === 4 ? '\n\n' : ' ';
    }
    documents.push({ id, title: `Regioprofiel ${d}`, text, pages: [{ index: 1, label: '1', start: 0, end: text.length }] });
    for (const [k, s] of keyed.entries()) {
      const codes = Array.from(new Set(Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => pick(CODES))));
      const exact = text.slice(s.start, s.end);
      fragments.push({ id: `a-${d}-${k}`, documentId: id, anchor: { start: s.start, end: s.end, exact }, codes, coderId: 'A' });
      const r = rnd();
      if (r < 0.75) fragments.push({ id: `b-${d}-${k}`, documentId: id, anchor: { start: s.start, end: s.end, exact }, codes: [...codes], coderId: 'B' });
      else if (r < 0.87) fragments.push({ id: `b-${d}-${k}`, documentId: id, anchor: { start: s.start, end: s.end, exact }, codes: [pick(CODES)], coderId: 'B' });
      else if (r < 0.95) fragments.push({ id: `b-${d}-${k}`, documentId: id, anchor: { start: s.start + s.word, end: s.end, exact: text.slice(s.start + s.word, s.end) }, codes: [...codes], coderId: 'B' });
      else if (r < 0.98) dismissals.push({ documentId: id, start: s.start, end: s.end, coderId: 'B' });
    }
  }
  // Coder B codes as many fragments as A: the ones left out are made up elsewhere in the text.
  let extra = FRAGMENTS_PER_CODER - fragments.filter((f) => f.coderId === 'B').length;
  for (let i = 0; extra > 0; i++, extra--) {
    const doc = documents[i % DOCS]!;
    const start = Math.floor(rnd() * (doc.text.length - 200));
    fragments.push({ id: `b-extra-${i}`, documentId: doc.id, anchor: { start, end: start + 120, exact: doc.text.slice(start, start + 120) }, codes: [pick(CODES)], coderId: 'B' });
  }
  project = { documents, fragments, dismissals };
  return project;
}

let hitsOf: AgreementInput['hits'] | undefined;
function search(p: Project): NonNullable<AgreementInput['hits']> {
  const query = parseQuery(TERMS);
  if (!('parsed' in query)) throw new Error('bench terms do not parse');
  return runSearch(p.documents, query.parsed, { width: 0 }).hits.map((h) => ({ documentId: h.documentId, start: h.start, end: h.end }));
}

function input(unit: AgreementInput['unit'], extra: Partial<AgreementInput> = {}): AgreementInput {
  const p = load();
  return { unit, coders: ['A', 'B'], codes: CODES, documents: p.documents, fragments: p.fragments, dismissals: p.dismissals, ...extra };
}

/** Checks the data is the size the line's name says, so the bench cannot quietly shrink. */
function checkSize(): void {
  const p = load();
  for (const coder of ['A', 'B']) {
    const n = p.fragments.filter((f) => f.coderId === coder).length;
    if (n !== FRAGMENTS_PER_CODER) throw new Error(`bench project has ${n} fragments of coder ${coder}`);
  }
}

/** The agreement benches. */
export const benches: Bench[] = [
  {
    name: 'agreement-hit-20k',
    run: async () => {
      checkSize();
      hitsOf ??= search(load());
      const hits = hitsOf;
      return line('agreement-hit-20k', await time(() => computeAgreement(input('hit', { hits })), 15));
    },
  },
  {
    name: 'agreement-hit-20k-with-search',
    run: async () => line('agreement-hit-20k-with-search', await time(() => computeAgreement(input('hit', { hits: search(load()) })), 9)),
  },
  {
    name: 'agreement-sentence-20k',
    run: async () => {
      const sentences = new SentenceCache();
      return line('agreement-sentence-20k', await time(() => computeAgreement(input('sentence', { sentences })), 15));
    },
  },
  {
    name: 'agreement-sentence-20k-cold',
    run: async () => line('agreement-sentence-20k-cold', await time(() => computeAgreement(input('sentence', { sentences: new SentenceCache() })), 7, 1)),
  },
  {
    name: 'agreement-unitizing-20k',
    run: async () => {
      const p = load();
      return line('agreement-unitizing-20k', await time(() => fragmentUnitizing({ coders: ['A', 'B'], documents: p.documents, fragments: p.fragments }), 15));
    },
  },
  {
    name: 'agreement-character-20k',
    run: async () => line('agreement-character-20k', await time(() => computeAgreement(input('character')), 15)),
  },
];
