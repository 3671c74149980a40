import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../support/db.ts';
import { expectBroughtBack } from '../support/fragment.ts';
import * as repo from '../../../src/storage/repository.ts';
import { CodingHistory } from '../../../src/actions/history.ts';
import { createFragment, type CodingContext } from '../../../src/actions/coding.ts';
import { changeCodebook, mergeImportedCodebook } from '../../../src/actions/codebook.ts';
import { editCodebook, slugId } from '../../../src/actions/codebook-edit.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { resolveCode, type Codebook, type CodeId, type CoderId, type DocumentId } from '../../../src/model/index.ts';
import { storeDocuments } from '../support/document.ts';

const shipped = (() => {
  const r = parseCodebook(readFileSync(new URL('../../../codebooks/boltanski-thevenot.json', import.meta.url), 'utf8'));
  if (!('parsed' in r)) throw new Error('shipped codebook invalid');
  return r.parsed;
})();
const AT = { at: '2024-05-01T10:00:00.000Z', coderId: 'c1' };

const freshDb = freshDbs('coding-codebook');
function context(): CodingContext {
  const db = freshDb();
  void storeDocuments(db, 'doc', 'doc-2');
  return { db, history: new CodingHistory(), coderId: 'c1' as CoderId, now: () => AT.at };
}
const TEXT = 'De regio werkt over de grenzen heen.';
const DOC = 'doc' as DocumentId;

function ok(r: ReturnType<typeof editCodebook>): Codebook {
  if (!r.ok) throw new Error(`refused: ${r.error.reason}`);
  return r.book;
}

describe('codebook edits', () => {
  it('renames a code without changing its id and logs the change with its time', () => {
    const book = ok(editCodebook(shipped, { kind: 'rename-code', codeId: 'civic', name: { nl: 'Burgerlijk', en: 'Civil' } }, AT));
    const civic = book.codes.find((c) => c.id === 'civic')!;
    expect(civic.name).toEqual({ nl: 'Burgerlijk', en: 'Civil' });
    expect(book.changes).toEqual([{ at: AT.at, kind: 'rename-code', target: 'civic', before: 'Civiel / Civic', after: 'Burgerlijk / Civil', coderId: 'c1' }]);
  });

  it('adds a code with a fresh id, the next free key and a colour', () => {
    const r = editCodebook(shipped, { kind: 'add-code', name: { nl: 'Groen', en: 'Green' } }, AT);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.createdId).toBe('green');
    const added = r.book.codes.at(-1)!;
    expect(added.key).toBe('8');
    expect(added.color).toMatch(/^#[0-9A-F]{6}$/);
    expect(parseCodebook(r.book)).toHaveProperty('parsed');
  });

  it('refuses a duplicate name, a taken key, a reserved key and a bad colour', () => {
    expect(editCodebook(shipped, { kind: 'add-code', name: { nl: 'markt', en: '' } }, AT)).toMatchObject({ ok: false, error: { reason: 'duplicate-name' } });
    expect(editCodebook(shipped, { kind: 'rekey-code', codeId: 'civic', key: '5' }, AT)).toMatchObject({ ok: false, error: { reason: 'duplicate-key' } });
    expect(editCodebook(shipped, { kind: 'rekey-code', codeId: 'civic', key: 'g' }, AT)).toMatchObject({ ok: false, error: { reason: 'reserved-key' } });
    expect(editCodebook(shipped, { kind: 'recolour-code', codeId: 'civic', color: 'green' }, AT)).toMatchObject({ ok: false, error: { reason: 'bad-colour' } });
  });

  it('reorders codes and values', () => {
    const book = ok(editCodebook(shipped, { kind: 'move-code', codeId: 'project', to: 0 }, AT));
    expect(book.codes[0]!.id).toBe('project');
    const civic = book.codes.find((c) => c.id === 'civic')!;
    const moved = ok(editCodebook(book, { kind: 'move-value', codeId: 'civic', valueId: civic.values[2]!.id, to: 0 }, AT));
    expect(moved.codes.find((c) => c.id === 'civic')!.values[0]!.id).toBe(civic.values[2]!.id);
  });

  it('merges a code into another: its values join, and its id resolves to the survivor', () => {
    const book = ok(editCodebook(shipped, { kind: 'merge-code', codeId: 'fame', into: 'market' }, AT));
    expect(book.codes.map((c) => c.id)).not.toContain('fame');
    expect(resolveCode(book, 'fame')?.id).toBe('market');
    const market = book.codes.find((c) => c.id === 'market')!;
    const fame = shipped.codes.find((c) => c.id === 'fame')!;
    for (const v of fame.values) expect(market.values.map((x) => x.name.nl)).toContain(v.name.nl);
    expect(parseCodebook(book)).toHaveProperty('parsed');
  });

  it('nests a code without values under another as a value, but not one that has values', () => {
    const added = editCodebook(shipped, { kind: 'add-code', name: { nl: 'Duurzaam', en: 'Sustainable' } }, AT);
    if (!added.ok) throw new Error('not added');
    const book = ok(editCodebook(added.book, { kind: 'nest-code', codeId: added.createdId!, under: 'civic' }, AT));
    expect(book.codes.find((c) => c.id === 'civic')!.values.at(-1)!.name.en).toBe('Sustainable');
    expect(editCodebook(shipped, { kind: 'nest-code', codeId: 'fame', under: 'civic' }, AT)).toMatchObject({ ok: false, error: { reason: 'has-values' } });
  });

  it('makes ids of lower-case ASCII from names with accents', () => {
    expect(slugId('Geïnspireerd & Co')).toBe('geinspireerd-co');
  });
});

describe('codebook changes and fragments', () => {
  it('keeps old fragments valid through a rename: they show the new name', async () => {
    const ctx = context();
    await repo.putCodebook(ctx.db, shipped);
    const f = await createFragment(ctx, DOC, TEXT, 0, 8, { codes: ['civic' as CodeId] });
    const r = await changeCodebook(ctx, shipped, { kind: 'rename-code', codeId: 'civic', name: { nl: 'Burgerlijk', en: 'Civil' } });
    if (!r.ok) throw new Error(r.error.reason);
    const stored = (await repo.getCodebook(ctx.db, shipped.id))!;
    expect(resolveCode(stored, (await repo.getFragment(ctx.db, f.id))!.codes[0]!)?.name.en).toBe('Civil');
  });

  it('rewrites the fragments of a merged code in the same step, and undo restores both', async () => {
    const ctx = context();
    await repo.putCodebook(ctx.db, shipped);
    const fame = shipped.codes.find((c) => c.id === 'fame')!;
    const f = await createFragment(ctx, DOC, TEXT, 0, 8, { codes: ['fame' as CodeId, 'market' as CodeId], values: [`fame:${fame.values[0]!.id}`] });
    const g = await createFragment(ctx, DOC, TEXT, 9, 14, { codes: ['civic' as CodeId] });
    const r = await changeCodebook(ctx, shipped, { kind: 'merge-code', codeId: 'fame', into: 'market' });
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.fragmentsChanged).toBe(1);
    const merged = (await repo.getFragment(ctx.db, f.id))!;
    expect(merged.codes).toEqual(['market']);
    expect(merged.values).toEqual([`market:${fame.values[0]!.id}`]);
    expect(await repo.getFragment(ctx.db, g.id)).toEqual(g);
    await ctx.history.undo(ctx.db);
    expectBroughtBack(await repo.getFragment(ctx.db, f.id), f);
    expect((await repo.getCodebook(ctx.db, shipped.id))!.codes.map((c) => c.id)).toContain('fame');
  });
});

describe('importing a codebook into the one in use', () => {
  it('updates codes matched by id, adds new ones with a free key and keeps the rest', () => {
    const imported: Codebook = {
      ...shipped,
      id: 'other' as Codebook['id'],
      codes: [
        { ...shipped.codes[3]!, name: { nl: 'Civiel!', en: 'Civic!' }, color: '#123456' },
        { id: 'green' as CodeId, name: { nl: 'Groen', en: 'Green' }, description: { nl: 'g', en: 'g' }, values: [], color: '#00AA00', key: '4' },
      ],
    };
    const { book, summary } = mergeImportedCodebook(shipped, imported, AT.at);
    expect(summary).toEqual({ added: 1, updated: 1, kept: 6 });
    expect(book.codes[0]!.id).toBe('civic');
    expect(book.codes[0]!.name.en).toBe('Civic!');
    const green = book.codes.find((c) => c.id === 'green')!;
    expect(green.key).toBe('8');
    expect(book.codes).toHaveLength(8);
    expect(parseCodebook(book)).toHaveProperty('parsed');
  });
});
