import { describe, expect, it } from 'vitest';
import { decisionRows, decisionsTable } from '../../../src/exchange/decisions-table.ts';
import { typedTableToCsv } from '../../../src/exchange/table.ts';
import { anchorFromRange } from '../../../src/model/fragment.ts';
import type { Codebook } from '../../../src/model/codebook.ts';
import type { Fragment } from '../../../src/model/fragment.ts';
import type { CodeId, CoderId, DocumentId, FragmentId } from '../../../src/model/ids.ts';
import type { HitDecision, SavedSearch } from '../../../src/model/search.ts';

const TEXT = 'Inhoud: wereld 3, grenzen 7.\n\nDe regio kijkt naar de wereld. Zij werkt over de grenzen heen. Ook de wereld kijkt terug.';
const doc = { id: 'd1', title: 'Regioprofiel', pages: [{ index: 1, label: '1', start: 0, end: 30 }, { index: 2, label: '2', start: 30, end: TEXT.length }] };
const search: SavedSearch = { id: 's1' as never, name: 'Scriptie', terms: 'wereld\ngrens/grenzen', createdAt: '', updatedAt: '' };
const at = (word: string, from = 0) => {
  const start = TEXT.indexOf(word, from);
  return { start, end: start + word.length };
};
const sentence = at('Zij werkt over de grenzen heen.');
const fragment: Fragment = {
  id: 'f1' as FragmentId,
  documentId: 'd1' as DocumentId,
  anchor: anchorFromRange(TEXT, sentence.start, sentence.end),
  codes: ['civic' as CodeId, 'market' as CodeId],
  flags: [],
  memo: '',
  coderId: 'c1' as CoderId,
  createdAt: '2024-03-01T10:00:00.000Z',
  updatedAt: '2024-03-01T10:05:00.000Z',
};
const toc = at('wereld');
const dismissal: HitDecision = { id: 'x', searchId: 's1', documentId: 'd1', start: toc.start, end: toc.end, state: 'dismissed', reason: 'inhoudsopgave', decidedAt: '2024-03-01T09:00:00.000Z' };
const codebook = {
  codes: [
    { id: 'civic', name: { nl: 'Civiel', en: 'Civic' } },
    { id: 'market', name: { nl: 'Markt', en: 'Market' } },
  ],
} as unknown as Codebook;
const source = { searches: [search], documents: [doc], texts: new Map([['d1', TEXT]]), fragments: [fragment], decisions: [dismissal], codebooks: [codebook], width: 12 };

describe('the worklist decisions as a table', () => {
  it('lists every hit with its state, the reason of a dismissal and the regimes of the fragment that codes it', () => {
    const rows = decisionRows(source, 'nl');
    expect(rows.map((r) => [r.hit, r.page, r.state, r.reason, r.regimes.join('+')])).toEqual([
      ['wereld', '1', 'dismissed', 'inhoudsopgave', ''],
      ['grenzen', '1', 'open', '', ''],
      ['wereld', '2', 'open', '', ''],
      ['grenzen', '2', 'coded', '', 'Civiel+Markt'],
      ['wereld', '2', 'open', '', ''],
    ]);
    expect(rows[0]!.decided).toBe('2024-03-01T09:00:00.000Z');
    expect(rows[3]!.decided).toBe('2024-03-01T10:05:00.000Z');
    expect(rows[3]!.term).toBe('grens/grenzen');
  });

  it('writes CSV with Dutch headers and states for Dutch Excel', () => {
    const csv = typedTableToCsv(decisionsTable(decisionRows(source, 'nl'), 'nl'), { separator: ';', bom: false });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('zoekset;document;pagina;term;treffer;links;rechts;status;reden;regimes;beslist;begin;eind');
    expect(lines[1]).toMatch(/^Scriptie;Regioprofiel;1;wereld;wereld;Inhoud:;"3, grenzen 7";afgewezen;inhoudsopgave;;\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};8;14$/);
    expect(lines[4]).toContain(';gecodeerd;;Civiel + Markt;');
  });

  it('takes only the decisions of each search set, and skips a set whose terms no longer parse', () => {
    const other: SavedSearch = { ...search, id: 's2' as never, name: 'Ander', terms: 'wereld' };
    const broken: SavedSearch = { ...search, id: 's3' as never, name: 'Kapot', terms: '"wereld' };
    const rows = decisionRows({ ...source, searches: [other, broken] }, 'en');
    expect(rows.map((r) => `${r.search} ${r.state}`)).toEqual(['Ander open', 'Ander open', 'Ander open']);
    expect(decisionsTable(rows, 'en').rows[0]![7]).toBe('open');
  });
});
