/**
 * Codebook actions: edit the codebook in use (undoably) and bring in a codebook file.
 *
 * A merge or nest also rewrites every fragment that carries the code that goes, in the same
 * transaction as the codebook, and keeps an alias so anything still naming the old id
 * resolves. An imported codebook is merged into the one in use: codes with the same id (or
 * the same name) are updated, new ones added, and none are removed — fragments may use them.
 */
import type { Code, Codebook, CodebookChange, LocalText } from '../model/codebook.ts';
import type { CodeId, Fragment } from '../model/index.ts';
import { listFragmentsWithCodes } from '../storage/repository.ts';
import { editCodebook, fragmentRewriter, freeKeyAmong, mergeValues, RESERVED_KEYS, type CodebookEdit, type CodebookEditError } from './codebook-edit.ts';
import { changedBy, type CodingContext } from './coding.ts';
import type { FragmentChange } from './history.ts';

/** The outcome of a codebook action. */
export type CodebookActionResult =
  | { ok: true; book: Codebook; createdId?: string; fragmentsChanged: number }
  | { ok: false; error: CodebookEditError };

/** Applies one codebook edit (and the fragment rewrites it implies) as one undoable step. */
export async function changeCodebook(ctx: CodingContext, book: Codebook, edit: CodebookEdit): Promise<CodebookActionResult> {
  const now = ctx.now ? ctx.now() : new Date().toISOString();
  const result = editCodebook(book, edit, { at: now, coderId: ctx.coderId });
  if (!result.ok) return result;
  if (result.book === book) return { ok: true, book, fragmentsChanged: 0 };
  const rewrite = fragmentRewriter(book, edit);
  const changes: FragmentChange[] = [];
  if (rewrite && 'codeId' in edit) {
    for (const before of await listFragmentsWithCodes(ctx.db, [edit.codeId])) {
      const next = rewrite(before);
      if (!next) continue;
      const after = changedBy(before, { codes: next.codes as CodeId[] }, ctx.coderId, now);
      if (next.values.length > 0) after.values = next.values;
      else delete after.values;
      changes.push({ id: before.id, before, after });
    }
  }
  await ctx.history.commit(ctx.db, {
    kind: 'codebook',
    fragments: changes,
    codebook: { before: book, after: result.book },
    at: Date.now(),
  });
  return { ok: true, book: result.book, createdId: result.createdId, fragmentsChanged: changes.length };
}

/** What importing a codebook into the one in use did. */
export interface CodebookImportSummary {
  added: number;
  updated: number;
  /** Codes the imported file did not have; kept because fragments may use them. */
  kept: number;
}

/**
 * The text to keep for a matched code: a single-language text from the file (nl equals en, as
 * REFI-QDA gives) that equals either side of ours changes nothing, so the other language stays.
 */
function keepSide(mine: LocalText, incoming: LocalText): LocalText {
  const k = (s: string) => s.trim().toLocaleLowerCase();
  if (incoming.nl === incoming.en && (k(mine.nl) === k(incoming.nl) || k(mine.en) === k(incoming.en))) return mine;
  return incoming;
}

function sameName(a: Code, b: Code): boolean {
  const k = (s: string) => s.trim().toLocaleLowerCase();
  return k(a.name.nl) === k(b.name.nl) || k(a.name.en) === k(b.name.en);
}

/**
 * Merges an imported codebook into the one in use (pure): codes matched by id, else by name,
 * take the imported name, description, colour and order, and gain its values; unmatched
 * imported codes are added (with a free key when theirs is taken); codes the import lacks stay
 * at the end. Ids of the codebook in use never change.
 */
export function mergeImportedCodebook(current: Codebook, imported: Codebook, at: string, coderId?: string): { book: Codebook; summary: CodebookImportSummary } {
  const matched = new Set<string>();
  const codes: Code[] = [];
  let added = 0;
  let updated = 0;
  const usedKeys = new Set<string>();
  const pending: Code[] = [];
  for (const inc of imported.codes) {
    const mine = current.codes.find((c) => c.id === inc.id && !matched.has(c.id)) ?? current.codes.find((c) => !matched.has(c.id) && sameName(c, inc));
    if (mine) {
      matched.add(mine.id);
      updated++;
      codes.push({
        ...mine,
        name: keepSide(mine.name, inc.name),
        description: keepSide(mine.description, inc.description),
        color: inc.color,
        values: mergeValues(mine.values, inc.values).values.map((v) => {
          const fresh = inc.values.find((x) => x.id === v.id);
          if (!fresh) return v;
          const next = { ...v, name: keepSide(v.name, fresh.name) };
          if (fresh.description) next.description = v.description ? keepSide(v.description, fresh.description) : fresh.description;
          return next;
        }),
      });
      usedKeys.add(mine.key.toLowerCase());
    } else {
      pending.push(inc);
    }
  }
  const rest = current.codes.filter((c) => !matched.has(c.id));
  for (const c of rest) usedKeys.add(c.key.toLowerCase());
  const takenIds = new Set([...current.codes.map((c) => c.id as string), ...Object.keys(current.aliases ?? {})]);
  for (const inc of pending) {
    let id = inc.id as string;
    for (let i = 2; takenIds.has(id); i++) id = `${inc.id}-${i}`;
    takenIds.add(id);
    let key = inc.key;
    if (usedKeys.has(key.toLowerCase()) || RESERVED_KEYS.includes(key.toLowerCase())) key = freeKeyAmong(usedKeys) ?? key;
    usedKeys.add(key.toLowerCase());
    codes.push({ ...inc, id: id as CodeId, key });
    added++;
  }
  codes.push(...rest);
  const change: CodebookChange = { at, kind: 'import', target: imported.id, after: `${added} added, ${updated} updated, ${rest.length} kept` };
  if (coderId) change.coderId = coderId;
  const book: Codebook = { ...current, codes, changes: [...(current.changes ?? []), change] };
  return { book, summary: { added, updated, kept: rest.length } };
}

/** Imports a codebook into the one in use as one undoable step. */
export async function importCodebook(ctx: CodingContext, current: Codebook, imported: Codebook): Promise<CodebookImportSummary> {
  const now = ctx.now ? ctx.now() : new Date().toISOString();
  const { book, summary } = mergeImportedCodebook(current, imported, now, ctx.coderId);
  await ctx.history.commit(ctx.db, { kind: 'codebook', fragments: [], codebook: { before: current, after: book }, at: Date.now() });
  return summary;
}
