/** Coding actions: create, change and delete fragments, saved as they happen. */
import type { CodeId, CoderId, DocumentId, Fragment, FragmentId } from '../model/index.ts';
import { anchorFromRange, newId } from '../model/index.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { deleteFragment, getFragment, putFragment } from '../storage/repository.ts';

/** What a new fragment carries besides its place. */
export interface NewFragmentOptions {
  codes?: CodeId[];
  flags?: string[];
  memo?: string;
}

/** Creates a fragment over [start, end) of a document's text and stores it. */
export async function codeRange(
  db: WorthmarkDb,
  documentId: DocumentId,
  text: string,
  start: number,
  end: number,
  coderId: CoderId,
  options: NewFragmentOptions = {},
): Promise<Fragment> {
  if (!(start >= 0 && end > start && end <= text.length)) {
    throw new RangeError(`fragment range [${start}, ${end}) outside text of length ${text.length}`);
  }
  const now = new Date().toISOString();
  const fragment: Fragment = {
    id: newId<FragmentId>(),
    documentId,
    anchor: anchorFromRange(text, start, end),
    codes: options.codes ?? [],
    flags: options.flags ?? [],
    memo: options.memo ?? '',
    coderId,
    createdAt: now,
    updatedAt: now,
  };
  await putFragment(db, fragment);
  return fragment;
}

/** Adds a code when absent, removes it when present; keeps the order codes were given in. */
export function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** Changes a stored fragment's codes, flags or memo. */
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

/** Toggles one code on a stored fragment. */
export async function toggleCode(db: WorthmarkDb, id: FragmentId, code: CodeId): Promise<Fragment | undefined> {
  const current = await getFragment(db, id);
  if (!current) return undefined;
  return updateFragment(db, id, { codes: toggled(current.codes, code) });
}

/** Toggles one flag on a stored fragment. */
export async function toggleFlag(db: WorthmarkDb, id: FragmentId, flag: string): Promise<Fragment | undefined> {
  const current = await getFragment(db, id);
  if (!current) return undefined;
  return updateFragment(db, id, { flags: toggled(current.flags, flag) });
}

/** Deletes a fragment. */
export async function removeFragment(db: WorthmarkDb, id: FragmentId): Promise<void> {
  await deleteFragment(db, id);
}
