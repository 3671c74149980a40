import { describe, expect, it } from 'vitest';
import { withCpuTime } from '../support/cpu-time.ts';
import { anchorFromRange, type CoderId, type DocumentId, type Fragment, type FragmentId } from '../../../src/model/index.ts';
import { farSearches, reanchorFragments, reanchorProject } from '../../../src/text/reanchor-fragments.ts';

const TEXT = 'De regio werkt internationaal samen. Over de grenzen heen ontstaan netwerken.';
const NOW = '2026-11-23T00:00:00.000Z';

function fragment(id: string, text: string, start: number, end: number, documentId = 'd'): Fragment {
  return {
    id: id as FragmentId,
    documentId: documentId as DocumentId,
    anchor: anchorFromRange(text, start, end),
    codes: [],
    flags: [],
    memo: '',
    coderId: 'c' as CoderId,
    createdAt: NOW,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('placing fragments by their quote', () => {
  it('leaves fragments whose offsets hold their quote untouched', () => {
    const f = fragment('a', TEXT, 15, 29);
    const r = reanchorFragments([f], TEXT, NOW);
    expect(r.fragments).toEqual([f]);
    expect(r.moved).toBe(0);
    expect(r.orphaned).toEqual([]);
  });

  it('moves a fragment whose offsets point elsewhere to where its quote is', () => {
    const f = fragment('a', TEXT, 15, 29);
    const shifted = { ...f, anchor: { ...f.anchor, start: 3, end: 17 } };
    const r = reanchorFragments([shifted], TEXT, NOW);
    expect(r.moved).toBe(1);
    expect(TEXT.slice(r.fragments[0]!.anchor.start, r.fragments[0]!.anchor.end)).toBe('internationaal');
    expect(r.fragments[0]!.updatedAt).toBe(NOW);
  });

  it('keeps a fragment whose quote is not in the text as an orphan with an empty range', () => {
    const other = 'Een heel andere tekst zonder het citaat, lang genoeg om niets te vinden.';
    const f = fragment('a', TEXT, 15, 29);
    const r = reanchorFragments([f], other, NOW);
    expect(r.orphaned.map((x) => x.id)).toEqual(['a']);
    expect(r.fragments).toHaveLength(1);
    const a = r.fragments[0]!.anchor;
    expect(a.end).toBe(a.start);
    expect(a.exact).toBe('internationaal');
  });

  it('checks every document of a project against its own text', () => {
    const second = 'Tweede document: grenzen en wereld.';
    const good = fragment('a', TEXT, 15, 29);
    const wrong = { ...fragment('b', second, 17, 24, 'e'), anchor: { ...fragment('b', second, 17, 24, 'e').anchor, start: 0, end: 7 } };
    const r = reanchorProject([good, wrong], new Map([['d', TEXT], ['e', second]]), NOW);
    expect(r.moved).toBe(1);
    const b = r.fragments.find((f) => f.id === 'b')!;
    expect(second.slice(b.anchor.start, b.anchor.end)).toBe('grenzen');
    expect(r.fragments.find((f) => f.id === 'a')).toEqual(good);
  });
});

describe('bounded work over many fragments', () => {
  // Issue 15: re-anchoring copied a document's list per fragment (40,000 fragments took 101 s).
  const sentence = (k: number) => `Zin ${k} over cultuur en samenwerking in de regio. `;
  const words = Array.from({ length: 40_000 }, (_, k) => sentence(k));
  const text = words.join('');
  const starts: number[] = [];
  let at = 0;
  for (const w of words) {
    starts.push(at);
    at += w.length;
  }
  const fragments = starts.map((s, k) => ({
    id: `f${k}` as FragmentId,
    documentId: (k % 2 ? 'a' : 'b') as DocumentId,
    anchor: anchorFromRange(text, s, s + sentence(k).length - 1),
    codes: [],
    flags: [],
    memo: '',
    coderId: 'c' as CoderId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));

  it('places 40,000 fragments whose text moved within 2 s, each by its quote near its place', () => {
    const changed = `Voorwoord. ${text}`;
    const { value: r, cpuMs } = withCpuTime(() => reanchorProject(fragments, new Map([['a', changed], ['b', changed]]), '2026-02-01T00:00:00.000Z'));
    // A hang check with issue 15's bound, not a benchmark.
    expect(cpuMs).toBeLessThan(2_000);
    expect(r.fragments).toHaveLength(40_000);
    expect(r.orphaned).toHaveLength(0);
    expect(r.moved).toBe(40_000);
    const f = r.fragments.find((x) => x.id === 'f39999')!;
    expect(changed.slice(f.anchor.start, f.anchor.end)).toBe(sentence(39_999).trimEnd());
  });

  it('keeps 40,000 fragments whose quotes are gone as orphans, with a bounded number of whole-text searches', () => {
    const other = 'Een heel andere tekst zonder die zinnen. '.repeat(20_000);
    const r = reanchorProject(fragments, new Map([['a', other], ['b', other]]), '2026-02-01T00:00:00.000Z');
    expect(r.fragments).toHaveLength(40_000);
    expect(r.orphaned).toHaveLength(40_000);
    // Two documents, each with its budget: the rest is near-window work per fragment (linear).
    expect(r.farSearches).toBe(2 * farSearches(other.length));
  });
});
