import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WorthmarkDb } from '../../../src/storage/db.ts';
import * as repo from '../../../src/storage/repository.ts';
import { importFiles, type ImportSource } from '../../../src/actions/import-files.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';

const samplePdf = new Uint8Array(readFileSync(fileURLToPath(new URL('../../../samples/regioprofiel-rivierenland-oost.pdf', import.meta.url))));
const pdf = nodePdfSource();
const src = (name: string, bytes: Uint8Array): ImportSource => ({ name, bytes: async () => bytes });
const utf8 = (s: string) => new TextEncoder().encode(s);

let n = 0;
const open: WorthmarkDb[] = [];
function freshDb(): WorthmarkDb {
  const db = new WorthmarkDb(`import-${++n}`);
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('importing a batch of files', () => {
  it('imports the good files and names each bad one with its reason, storing nothing of the bad ones', async () => {
    const db = freshDb();
    const truncated = samplePdf.slice(0, Math.floor(samplePdf.length / 3));
    const results = await importFiles(db, pdf, [
      src('profiel.pdf', samplePdf),
      src('leeg.txt', new Uint8Array()),
      src('kapot.pdf', truncated),
      src('notities.docx.exe', utf8('x')),
      src('notitie.txt', utf8('De regio werkt internationaal samen.\n')),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : `${r.error.file}:${r.error.reason}`))).toEqual([
      'ok',
      'leeg.txt:empty',
      'kapot.pdf:corrupt',
      'notities.docx.exe:unsupported-type',
      'ok',
    ]);
    const docs = await repo.listDocuments(db);
    expect(docs.map((d) => d.fileName).sort()).toEqual(['notitie.txt', 'profiel.pdf']);
    expect(await db.texts.count()).toBe(2);
    expect(await db.originals.count()).toBe(2);
  });

  it('refuses a file whose content was already imported, naming the earlier document', async () => {
    const db = freshDb();
    const bytes = utf8('Cultuur over de grenzen.\n');
    await importFiles(db, pdf, [src('a.txt', bytes)]);
    const [again] = await importFiles(db, pdf, [src('b.txt', bytes)]);
    expect(again!.ok).toBe(false);
    if (!again!.ok) expect(again!.error).toMatchObject({ file: 'b.txt', reason: 'duplicate', detail: 'a' });
    expect(await repo.listDocuments(db)).toHaveLength(1);
  });

  it('reports page progress for a PDF', async () => {
    const db = freshDb();
    const seen: number[] = [];
    await importFiles(db, pdf, [src('profiel.pdf', samplePdf)], { onProgress: (_i, p) => seen.push(p.done) });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
