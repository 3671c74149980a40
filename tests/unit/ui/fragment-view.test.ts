import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codesOf, codesText, contrast, highlightOf, inkOn } from '../../../src/ui/reader/fragment-view.ts';
import { editCodebook } from '../../../src/actions/codebook-edit.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import type { CoderId, DocumentId, Fragment, FragmentId } from '../../../src/model/index.ts';

const book = (() => {
  const r = parseCodebook(readFileSync(new URL('../../../codebooks/boltanski-thevenot.json', import.meta.url), 'utf8'));
  if (!('parsed' in r)) throw new Error('invalid');
  return r.parsed;
})();
const en = (t: { en: string }) => t.en;
const fragment = (codes: string[], values: string[] = []): Fragment => ({
  id: 'f' as FragmentId,
  documentId: 'd' as DocumentId,
  anchor: { start: 0, end: 4, exact: 'test', prefix: '', suffix: '' },
  codes: codes as Fragment['codes'],
  values,
  flags: [],
  memo: 'Waarom dit telt.',
  coderId: 'c' as CoderId,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

describe('key chips', () => {
  it('meet WCAG AA (4.5:1) on every default colour and every colour given to new codes', () => {
    let b = book;
    for (let i = 0; i < 9; i++) {
      const r = editCodebook(b, { kind: 'add-code', name: { nl: `Nieuw ${i}`, en: `New ${i}` } }, { at: '2024-01-01T00:00:00.000Z' });
      if (!r.ok) throw new Error(r.error.reason);
      b = r.book;
    }
    const low = b.codes.map((c) => ({ color: c.color, ratio: contrast(c.color, inkOn(c.color)) })).filter((x) => x.ratio < 4.5);
    expect(low).toEqual([]);
  });
});

describe('a fragment in words', () => {
  it('names regimes with their values, and shows the key of each regime on its highlight', () => {
    const f = fragment(['civic', 'market'], ['civic:accessibility']);
    expect(codesText(f, book, en, 'mere statement')).toBe('Civic (accessibility), Market');
    const h = highlightOf(f, book, en, 'mere statement');
    expect(h.keys).toEqual(['4', '5']);
    expect(h.label).toContain('Waarom dit telt.');
  });

  it('shows a merged code under the code that took it over', () => {
    const r = editCodebook(book, { kind: 'merge-code', codeId: 'fame', into: 'market' }, { at: '2024-01-01T00:00:00.000Z' });
    if (!r.ok) throw new Error(r.error.reason);
    expect(codesOf(fragment(['fame']), r.book).map((x) => x.code.id)).toEqual(['market']);
  });
});
