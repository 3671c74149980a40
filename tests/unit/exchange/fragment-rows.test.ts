import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fragmentRows } from '../../../src/exchange/fragment-rows.ts';
import { parseProjectFile, type ProjectData } from '../../../src/exchange/project-file.ts';
import type { CodeId, DocumentId } from '../../../src/model/ids.ts';

const read = parseProjectFile(readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8'));
if ('error' in read) throw new Error(read.error.reason);
const project: ProjectData = read.parsed;

describe('fragmentRows', () => {
  it('gives one row per fragment, ordered by document and start', () => {
    const rows = fragmentRows(project, 'en');
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.document)).toEqual([...Array(4).fill('Cultuurprofiel Rivierstad'), ...Array(4).fill('Regioprofiel Kustregio')]);
    for (const i of [1, 2, 3, 5, 6, 7]) expect(rows[i]!.start).toBeGreaterThan(rows[i - 1]!.start);
  });

  it('takes the page label from the page that holds the start of the fragment', () => {
    const rows = fragmentRows(project, 'en');
    expect(rows.slice(0, 4).map((r) => r.page)).toEqual(['14', '14', '15', '15']);
    expect(rows[4]!.page).toBe('3');
  });

  it('names regimes and flags in the chosen language', () => {
    const multi = (lang: 'nl' | 'en') => fragmentRows(project, lang).find((r) => r.regimes.length === 2 && r.flags.length === 1)!;
    expect(multi('nl')).toMatchObject({ regimes: ['Huiselijk', 'Civiel'], flags: ['Glocalisering / andere trend'] });
    expect(multi('en')).toMatchObject({ regimes: ['Domestic', 'Civic'], flags: ['Glocalisation / other trend'] });
  });

  it('names the coder and copies text, memo and creation time', () => {
    const first = fragmentRows(project, 'en')[0]!;
    const fragment = project.fragments[0]!;
    expect(first).toMatchObject({ coder: 'Anna de Vries', text: fragment.anchor.exact, memo: fragment.memo, created: fragment.createdAt });
  });

  it('falls back to ids for what it cannot resolve', () => {
    const stray = { ...project.fragments[0]!, documentId: 'gone' as DocumentId, codes: ['unknown' as CodeId], coderId: project.fragments[0]!.coderId };
    const rows = fragmentRows({ ...project, fragments: [stray], coders: [] }, 'en');
    expect(rows[0]).toMatchObject({ document: 'gone', page: '', regimes: ['unknown'], coder: stray.coderId });
  });
});

describe('fragmentRows for an orphaned fragment', () => {
  it('cites no page for a fragment whose quote was not found again (empty range), but keeps its quote', () => {
    const first = project.fragments[0]!;
    const orphan = { ...first, anchor: { ...first.anchor, end: first.anchor.start } };
    const rows = fragmentRows({ ...project, fragments: [orphan] }, 'en');
    expect(rows[0]!.page).toBe('');
    expect(rows[0]!.text).toBe(first.anchor.exact);
  });
});
