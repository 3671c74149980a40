/**
 * Coding actions: create, change and delete fragments, saved as they happen.
 *
 * The step functions (createFragment, toggleRegime, …) take a CodingContext and record each
 * change in the undo history (actions/history.ts), so every coding action can be undone and
 * redone. The older plain functions (codeRange, updateFragment, …) write without history;
 * the sample loader uses them.
 *
 * Rules kept by every step:
 * - a value (`codeId:valueId`) is only on a fragment that carries its code: removing a regime
 *   removes its values, adding a value adds its regime;
 * - a fragment's range is never empty and stays inside the text; its quote selector is
 *   rebuilt whenever the range moves;
 * - a fragment keeps its id, coder and creation time through every change; updatedAt moves,
 *   `updatedBy` names who changed it when that was not its coder (a reviewer's edit never
 *   makes the fragment theirs), and its version vector counts the change (model/versions.ts),
 *   so a merge can tell the newer version from a concurrent one.
 */
import type { Codebook } from '../model/codebook.ts';
import type { CodeId, CoderId, DocumentId, Fragment, FragmentId } from '../model/index.ts';
import { anchorFromRange, bumpVersion, newId, valueRef } from '../model/index.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { deleteFragment, getFragment, getFragments, listFragments, putFragment } from '../storage/repository.ts';
import { widened, type PlacedFragment } from '../text/coded-passage.ts';
import { editCodebook, type CodebookEditError } from './codebook-edit.ts';
import type { CodingHistory, FragmentChange, Step, StepKind } from './history.ts';

/** What a new fragment carries besides its place. */
export interface NewFragmentOptions {
  /** A fixed id (the sample's examples, so every browser has them under the same ids); default a random one. */
  id?: FragmentId;
  codes?: CodeId[];
  values?: string[];
  flags?: string[];
  memo?: string;
}

/** Creates a fragment over [start, end) of a document's text and stores it (no undo history). */
export async function codeRange(
  db: WorthmarkDb,
  documentId: DocumentId,
  text: string,
  start: number,
  end: number,
  coderId: CoderId,
  options: NewFragmentOptions = {},
): Promise<Fragment> {
  const fragment = newFragment(documentId, text, start, end, coderId, options);
  await putFragment(db, fragment);
  return fragment;
}

/** Builds (does not store) a new fragment over [start, end); throws on a range outside the text. */
export function newFragment(
  documentId: DocumentId,
  text: string,
  start: number,
  end: number,
  coderId: CoderId,
  options: NewFragmentOptions = {},
  now = new Date().toISOString(),
): Fragment {
  if (!(start >= 0 && end > start && end <= text.length)) {
    throw new RangeError(`fragment range [${start}, ${end}) outside text of length ${text.length}`);
  }
  const fragment: Fragment = {
    id: options.id ?? newId<FragmentId>(),
    documentId,
    anchor: anchorFromRange(text, start, end),
    codes: options.codes ?? [],
    flags: options.flags ?? [],
    memo: options.memo ?? '',
    coderId,
    createdAt: now,
    updatedAt: now,
    versions: bumpVersion(undefined, coderId),
  };
  if (options.values && options.values.length > 0) fragment.values = options.values;
  return fragment;
}

/**
 * A fragment after a change by `by` at `at`: the changes applied, updatedAt moved, the change
 * counted in its version vector, and `updatedBy` set when `by` is not its coder (removed when it
 * is). The coder (`coderId`) never changes.
 */
export function changedBy(before: Fragment, changes: Partial<Fragment>, by: CoderId, at: string): Fragment {
  const after: Fragment = { ...before, ...changes, coderId: before.coderId, updatedAt: at, versions: bumpVersion(before.versions, by) };
  if (by === before.coderId) delete after.updatedBy;
  else after.updatedBy = by;
  return after;
}

/** Adds an item when absent, removes it when present; keeps the order items were given in. */
export function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** Changes a stored fragment's codes, flags or memo (no undo history). */
export async function updateFragment(
  db: WorthmarkDb,
  id: FragmentId,
  changes: Partial<Pick<Fragment, 'codes' | 'flags' | 'memo'>>,
): Promise<Fragment | undefined> {
  const current = await getFragment(db, id);
  if (!current) return undefined;
  const next: Fragment = { ...current, ...changes, updatedAt: new Date().toISOString() };
  await putFragment(db, next);
  return next;
}

/** Toggles one code on a stored fragment (no undo history). */
export async function toggleCode(db: WorthmarkDb, id: FragmentId, code: CodeId): Promise<Fragment | undefined> {
  const current = await getFragment(db, id);
  if (!current) return undefined;
  return updateFragment(db, id, { codes: toggled(current.codes, code) });
}

/** Toggles one flag on a stored fragment (no undo history). */
export async function toggleFlag(db: WorthmarkDb, id: FragmentId, flag: string): Promise<Fragment | undefined> {
  const current = await getFragment(db, id);
  if (!current) return undefined;
  return updateFragment(db, id, { flags: toggled(current.flags, flag) });
}

/** Deletes a fragment (no undo history). */
export async function removeFragment(db: WorthmarkDb, id: FragmentId): Promise<void> {
  await deleteFragment(db, id);
}

// ---------------------------------------------------------------------------------------------
// Undoable steps.

/** What the step functions work with: the database, the history, the coder. */
export interface CodingContext {
  db: WorthmarkDb;
  history: CodingHistory;
  coderId: CoderId;
  /** The clock (ISO 8601); tests pass a fixed one. */
  now?: () => string;
}

const clock = (ctx: CodingContext) => (ctx.now ? ctx.now() : new Date().toISOString());

function step(kind: StepKind, fragments: FragmentChange[], extra: Partial<Step> = {}): Step {
  return { kind, fragments, at: Date.now(), ...extra };
}

/** Creates and stores a fragment as one undoable step. */
export async function createFragment(
  ctx: CodingContext,
  documentId: DocumentId,
  text: string,
  start: number,
  end: number,
  options: NewFragmentOptions = {},
): Promise<Fragment> {
  const fragment = newFragment(documentId, text, start, end, ctx.coderId, options, clock(ctx));
  await ctx.history.commit(ctx.db, step('create', [{ id: fragment.id, before: null, after: fragment }]));
  return fragment;
}

/** Stores an already built fragment (see newFragment) as one undoable step. */
export async function storeNewFragment(ctx: CodingContext, fragment: Fragment): Promise<Fragment> {
  await ctx.history.commit(ctx.db, step('create', [{ id: fragment.id, before: null, after: fragment }]));
  return fragment;
}

/**
 * Reads a fragment, applies `change` and stores the result as one step; undefined when the
 * fragment is gone or nothing changed.
 */
export async function changeFragment(
  ctx: CodingContext,
  id: FragmentId,
  kind: StepKind,
  change: (f: Fragment) => Partial<Fragment> | null,
  coalesceKey?: string,
): Promise<Fragment | undefined> {
  const before = await getFragment(ctx.db, id);
  if (!before) return undefined;
  const changes = change(before);
  if (!changes) return undefined;
  const after = changedBy(before, changes, ctx.coderId, clock(ctx));
  if (after.values && after.values.length === 0) delete after.values;
  await ctx.history.commit(ctx.db, step(kind, [{ id, before, after }], coalesceKey ? { coalesceKey } : {}));
  return after;
}

/** Toggles a regime; removing it also removes its values. */
export function toggleRegime(ctx: CodingContext, id: FragmentId, code: CodeId): Promise<Fragment | undefined> {
  return changeFragment(ctx, id, 'codes', (f) => {
    const codes = toggled(f.codes, code);
    const values = codes.includes(code) ? f.values : (f.values ?? []).filter((v) => !v.startsWith(`${code}:`));
    return { codes, values };
  });
}

/** Toggles a value within a regime; adding it also adds the regime. */
export function toggleValue(ctx: CodingContext, id: FragmentId, code: CodeId, valueId: string): Promise<Fragment | undefined> {
  return changeFragment(ctx, id, 'values', (f) => {
    const values = toggled(f.values ?? [], valueRef(code, valueId));
    const codes = values.includes(valueRef(code, valueId)) && !f.codes.includes(code) ? [...f.codes, code] : f.codes;
    return { codes, values };
  });
}

/** Toggles a flag (e.g. glocalisation). */
export function toggleFlagStep(ctx: CodingContext, id: FragmentId, flag: string): Promise<Fragment | undefined> {
  return changeFragment(ctx, id, 'flag', (f) => ({ flags: toggled(f.flags, flag) }));
}

/** Sets the memo; quick successive saves of one memo undo as one step. */
export function setMemo(ctx: CodingContext, id: FragmentId, memo: string): Promise<Fragment | undefined> {
  return changeFragment(ctx, id, 'memo', (f) => (f.memo === memo ? null : { memo }), `memo:${id}`);
}

/** Deletes a fragment as an undoable step (undo brings it back with its id, times and reviews). */
export async function deleteFragmentStep(ctx: CodingContext, id: FragmentId): Promise<boolean> {
  const before = await getFragment(ctx.db, id);
  if (!before) return false;
  await ctx.history.commit(ctx.db, step('delete', [{ id, before, after: null }], { by: ctx.coderId }));
  return true;
}

/** Why a boundary move, merge or split was refused. */
export type FragmentEditReason = 'gone' | 'empty-range' | 'outside-text' | 'other-document' | 'split-outside';

/** A refused fragment edit. */
export type FragmentEditResult = { ok: true; fragments: Fragment[]; removed?: FragmentId[] } | { ok: false; reason: FragmentEditReason };

/** Moves either boundary (or both) of a fragment; the quote is taken anew from the text. */
export async function moveBoundaries(
  ctx: CodingContext,
  id: FragmentId,
  text: string,
  start: number,
  end: number,
): Promise<FragmentEditResult> {
  if (!(start >= 0 && end <= text.length)) return { ok: false, reason: 'outside-text' };
  const trimmed = trimRange(text, start, end);
  if (!trimmed) return { ok: false, reason: 'empty-range' };
  const after = await changeFragment(ctx, id, 'boundary', (f) =>
    f.anchor.start === trimmed.start && f.anchor.end === trimmed.end ? null : { anchor: anchorFromRange(text, trimmed.start, trimmed.end) },
  );
  if (after) return { ok: true, fragments: [after] };
  const unchanged = await getFragment(ctx.db, id);
  return unchanged ? { ok: true, fragments: [unchanged] } : { ok: false, reason: 'gone' };
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  const out = [...a];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}

/**
 * One fragment made of several of one document, over [start, end): codes, values and flags
 * joined, memos put one after the other; `first` keeps its id and coder, the creation time is the
 * earliest. Pure.
 */
export function mergedFragment(first: Fragment, others: readonly Fragment[], text: string, start: number, end: number, by: CoderId, now: string): Fragment {
  const all = [first, ...others];
  const merged = changedBy(
    first,
    {
      anchor: anchorFromRange(text, start, end),
      codes: all.reduce<CodeId[]>((acc, f) => union(acc, f.codes), []),
      flags: all.reduce<string[]>((acc, f) => union(acc, f.flags), []),
      memo: all.map((f) => f.memo.trim()).filter(Boolean).join('\n\n'),
      createdAt: all.reduce((min, f) => (f.createdAt < min ? f.createdAt : min), first.createdAt),
    },
    by,
    now,
  );
  const values = all.reduce<string[]>((acc, f) => union(acc, f.values ?? []), []);
  if (values.length > 0) merged.values = values;
  else delete merged.values;
  return merged;
}

/**
 * Merges two fragments of one document into one over both ranges (and the text between):
 * codes, values and flags are joined, memos put one after the other. The earlier fragment
 * keeps its id, coder and creation time; the other is deleted. One undoable step.
 */
export async function mergeFragments(ctx: CodingContext, a: FragmentId, b: FragmentId, text: string): Promise<FragmentEditResult> {
  const found = await getFragments(ctx.db, [a, b]);
  if (found.length !== 2) return { ok: false, reason: 'gone' };
  const [first, second] = found.sort((x, y) => x.anchor.start - y.anchor.start || x.anchor.end - y.anchor.end) as [Fragment, Fragment];
  if (first.documentId !== second.documentId) return { ok: false, reason: 'other-document' };
  const start = Math.min(first.anchor.start, second.anchor.start);
  const end = Math.max(first.anchor.end, second.anchor.end);
  if (end > text.length) return { ok: false, reason: 'outside-text' };
  const merged = mergedFragment(first, [second], text, start, end, ctx.coderId, clock(ctx));
  await ctx.history.commit(
    ctx.db,
    step('merge', [
      { id: first.id, before: first, after: merged },
      { id: second.id, before: second, after: null },
    ], { by: ctx.coderId }),
  );
  return { ok: true, fragments: [merged], removed: [second.id] };
}

/** A fragment widened over a range with the fragments it takes in (see text/coded-passage.ts). */
export interface Widening {
  id: FragmentId;
  range: { start: number; end: number };
  merge: readonly FragmentId[];
}

/**
 * Widens a fragment over a range and merges the given fragments into it (mergedFragment), then
 * applies `change` to the result (e.g. a regime the key asked for) — one undoable step, so one
 * undo brings back every fragment as it was.
 */
export async function applyWidening(
  ctx: CodingContext,
  widening: Widening,
  text: string,
  change?: (f: Fragment) => Partial<Fragment> | null,
): Promise<FragmentEditResult> {
  const { start, end } = widening.range;
  if (!(start >= 0 && end > start && end <= text.length)) return { ok: false, reason: 'outside-text' };
  const found = await getFragments(ctx.db, [widening.id, ...widening.merge]);
  const base = found.find((f) => f.id === widening.id);
  if (!base || found.length !== widening.merge.length + 1) return { ok: false, reason: 'gone' };
  if (found.some((f) => f.documentId !== base.documentId)) return { ok: false, reason: 'other-document' };
  const others = found.filter((f) => f.id !== base.id);
  let after = mergedFragment(base, others, text, start, end, ctx.coderId, clock(ctx));
  const changes = change?.(after);
  if (changes) after = { ...after, ...changes };
  if (after.values && after.values.length === 0) delete after.values;
  await ctx.history.commit(
    ctx.db,
    step(others.length > 0 ? 'merge' : 'boundary', [
      { id: base.id, before: base, after },
      ...others.map((f) => ({ id: f.id, before: f, after: null })),
    ], { by: ctx.coderId }),
  );
  return { ok: true, fragments: [after], removed: others.map((f) => f.id) };
}

/**
 * Widens a fragment to cover `range` (its sentence, its paragraph) without laying it over coded
 * text: fragments of its coder that it then overlaps are merged in (text/coded-passage.ts). A
 * range already inside the fragment changes nothing.
 */
export async function widenFragment(ctx: CodingContext, id: FragmentId, text: string, range: { start: number; end: number }): Promise<FragmentEditResult> {
  const fragment = await getFragment(ctx.db, id);
  if (!fragment) return { ok: false, reason: 'gone' };
  const placed = (await listFragments(ctx.db, fragment.documentId)).map(placedFragment);
  const target = widened(placedFragment(fragment), range, placed);
  if (target.kind !== 'widen') return { ok: true, fragments: [fragment] };
  return applyWidening(ctx, { id, range: target.range, merge: target.merge as FragmentId[] }, text);
}

/** A fragment as the coded-passage rule sees it. */
export function placedFragment(f: Fragment): PlacedFragment {
  return { id: f.id, start: f.anchor.start, end: f.anchor.end, coderId: f.coderId };
}

/**
 * Splits a fragment at a text offset into two that each keep its codes, values, flags and
 * memo; the first keeps the id. Whitespace at the cut is left out of both. One undoable step.
 */
export async function splitFragment(ctx: CodingContext, id: FragmentId, text: string, at: number): Promise<FragmentEditResult> {
  const before = await getFragment(ctx.db, id);
  if (!before) return { ok: false, reason: 'gone' };
  const left = trimRange(text, before.anchor.start, at);
  const right = trimRange(text, at, before.anchor.end);
  if (!(at > before.anchor.start && at < before.anchor.end) || !left || !right) return { ok: false, reason: 'split-outside' };
  const now = clock(ctx);
  const first = changedBy(before, { anchor: anchorFromRange(text, left.start, left.end) }, ctx.coderId, now);
  // The second part is the coder's coding too, cut off by whoever split it.
  const second: Fragment = {
    ...before,
    id: newId<FragmentId>(),
    anchor: anchorFromRange(text, right.start, right.end),
    codes: [...before.codes],
    flags: [...before.flags],
    createdAt: now,
    updatedAt: now,
    versions: bumpVersion(undefined, ctx.coderId),
  };
  if (ctx.coderId === before.coderId) delete second.updatedBy;
  else second.updatedBy = ctx.coderId;
  if (before.values) second.values = [...before.values];
  await ctx.history.commit(
    ctx.db,
    step('split', [
      { id: first.id, before, after: first },
      { id: second.id, before: null, after: second },
    ]),
  );
  return { ok: true, fragments: [first, second] };
}

/** The outcome of adding a value on the fly. */
export type AddValueResult =
  | { ok: true; valueId: string; fragment: Fragment; codebook: Codebook }
  | { ok: false; error: CodebookEditError | { reason: 'gone' } };

/**
 * Adds a new value to a regime in the codebook and puts it on a fragment (with the regime),
 * as one undoable step: undo removes both. An existing value with that name is reused.
 */
export async function addValueOnTheFly(
  ctx: CodingContext,
  book: Codebook,
  id: FragmentId,
  code: CodeId,
  name: string,
): Promise<AddValueResult> {
  const before = await getFragment(ctx.db, id);
  if (!before) return { ok: false, error: { reason: 'gone' } };
  const existing = book.codes
    .find((c) => c.id === code)
    ?.values.find((v) => [v.name.nl, v.name.en].some((n) => n.trim().toLocaleLowerCase() === name.trim().toLocaleLowerCase()));
  let next = book;
  let valueId: string;
  if (existing) valueId = existing.id;
  else {
    const edited = editCodebook(book, { kind: 'add-value', codeId: code, name: { nl: name, en: name } }, { at: clock(ctx), coderId: ctx.coderId });
    if (!edited.ok) return { ok: false, error: edited.error };
    next = edited.book;
    valueId = edited.createdId!;
  }
  const ref = valueRef(code, valueId);
  const after = changedBy(
    before,
    { codes: before.codes.includes(code) ? before.codes : [...before.codes, code], values: union(before.values ?? [], [ref]) },
    ctx.coderId,
    clock(ctx),
  );
  await ctx.history.commit(
    ctx.db,
    step('values', [{ id, before, after }], next === book ? {} : { codebook: { before: book, after: next } }),
  );
  return { ok: true, valueId, fragment: after, codebook: next };
}

// ---------------------------------------------------------------------------------------------
// Ranges: trimming and moving by words (pure).

const SPACE_OR_PUNCT = /[\s\p{P}\p{Z}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** [start, end) without whitespace (and punctuation) at either end; null when nothing is left. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && SPACE_OR_PUNCT.test(text[s]!) && !/[("'‘“]/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

/** The offset just past the next word after `offset` (a word end), or the text's end. */
export function nextWordEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !WORD_CHAR.test(text[i]!)) i++;
  while (i < text.length && WORD_CHAR.test(text[i]!)) i++;
  // Keep a sentence-final stop or closing bracket with the word.
  while (i < text.length && /[.,;:!?)\]’”'"]/.test(text[i]!)) i++;
  return i;
}

/** The start of the word before `offset` (a word start), or 0. */
export function previousWordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !WORD_CHAR.test(text[i - 1]!)) i--;
  while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i--;
  return i;
}

/** The end of the word before `offset` (drop the last word from a range ending at offset). */
export function previousWordEnd(text: string, offset: number): number {
  let i = previousWordStart(text, offset);
  while (i > 0 && !WORD_CHAR.test(text[i - 1]!)) i--;
  // Keep punctuation that belongs to the word before.
  let j = i;
  while (j < text.length && /[.,;:!?)\]’”'"]/.test(text[j]!)) j++;
  return j;
}

/** The start of the word after the first word at `offset` (drop the first word of a range). */
export function nextWordStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && WORD_CHAR.test(text[i]!)) i++;
  while (i < text.length && !WORD_CHAR.test(text[i]!)) i++;
  return i;
}

/** Fragments of a list next to `id` in reading order (the list is in reading order). */
export function neighbours<T extends { id: string }>(list: readonly T[], id: string): { previous?: T; next?: T } {
  const i = list.findIndex((f) => f.id === id);
  if (i < 0) return {};
  return { previous: list[i - 1], next: list[i + 1] };
}
