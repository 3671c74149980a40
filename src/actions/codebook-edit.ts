/**
 * Codebook edits as pure functions: each takes a codebook and returns the next one with the
 * change recorded in its log, or a reason why the edit is refused (turned into words in
 * ui/messages.ts).
 *
 * Policy (why earlier coding stays valid):
 * - code and value ids never change and are never reused: a rename changes the name only, and
 *   a merged or nested code leaves an alias to the code that took it over;
 * - values are nested one level only (regime → values): a code that has values of its own
 *   cannot be nested under another code;
 * - keys stay unique (case-insensitive) and never take a letter the reader uses as a shortcut;
 * - fragments are rewritten by actions/codebook.ts, in the same transaction as the codebook.
 */
import type { Code, Codebook, CodebookChange, CodebookChangeKind, CodeValue, LocalText } from '../model/codebook.ts';
import type { CodeId } from '../model/ids.ts';
import { freeKeyAmong, RESERVED_KEYS } from '../model/codebook.ts';

// Key hand-out lives in the model, where a merge of codebooks needs it too.
export { freeKeyAmong, RESERVED_KEYS };

/** One change to a codebook. */
export type CodebookEdit =
  | { kind: 'add-code'; name: LocalText; color?: string; description?: LocalText }
  | { kind: 'rename-code'; codeId: string; name: LocalText }
  | { kind: 'recolour-code'; codeId: string; color: string }
  | { kind: 'rekey-code'; codeId: string; key: string }
  | { kind: 'describe-code'; codeId: string; description: LocalText }
  | { kind: 'move-code'; codeId: string; to: number }
  | { kind: 'merge-code'; codeId: string; into: string }
  | { kind: 'nest-code'; codeId: string; under: string }
  | { kind: 'add-value'; codeId: string; name: LocalText; description?: LocalText }
  | { kind: 'rename-value'; codeId: string; valueId: string; name: LocalText }
  | { kind: 'describe-value'; codeId: string; valueId: string; description: LocalText }
  | { kind: 'move-value'; codeId: string; valueId: string; to: number }
  | { kind: 'rename-codebook'; name: LocalText };

/** Why an edit was refused. */
export type CodebookEditReason =
  | 'empty-name'
  | 'duplicate-name'
  | 'bad-colour'
  | 'bad-key'
  | 'duplicate-key'
  | 'reserved-key'
  | 'no-free-key'
  | 'unknown-code'
  | 'unknown-value'
  | 'same-code'
  | 'has-values'
  | 'duplicate-value';

/** A refused edit. */
export interface CodebookEditError {
  reason: CodebookEditReason;
  /** The offending name, key or id, for the message. */
  detail?: string;
}

/** The outcome of an edit: the next codebook and, for an add, the new id. */
export type CodebookEditResult =
  | { ok: true; book: Codebook; createdId?: string }
  | { ok: false; error: CodebookEditError };

/** Who and when, recorded with each change. */
export interface EditStamp {
  at: string;
  coderId?: string;
}

/** Colours for new codes: distinguishable from the Okabe–Ito defaults, dark enough for a stripe. */
const NEW_COLOURS = ['#882255', '#117733', '#332288', '#AA4499', '#44AA99', '#999933', '#661100', '#6699CC', '#888888'];

const COLOUR = /^#[0-9A-Fa-f]{6}$/;
const KEY = /^[0-9A-Za-z]$/;

/** Makes an id from a name: lower-case ASCII letters, digits and hyphens. */
export function slugId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'code';
}

/** A fresh id from a name that is not in `taken` (suffixes -2, -3, … when needed). */
export function freshId(name: string, taken: ReadonlySet<string>): string {
  const base = slugId(name);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function cleanText(text: LocalText): LocalText | undefined {
  const nl = text.nl.trim();
  const en = text.en.trim();
  if (!nl && !en) return undefined;
  // A name typed in one language only stands for both, so the codebook stays valid.
  return { nl: nl || en, en: en || nl };
}

function sameName(a: LocalText, b: LocalText): boolean {
  const k = (s: string) => s.trim().toLocaleLowerCase();
  return k(a.nl) === k(b.nl) || k(a.en) === k(b.en);
}

/** Ids a new code may not take: current codes and every id that was ever merged away. */
function takenCodeIds(book: Codebook): Set<string> {
  return new Set([...book.codes.map((c) => c.id as string), ...Object.keys(book.aliases ?? {})]);
}

/** The next key no code uses, or undefined when all are taken. */
export function freeKey(book: Codebook): string | undefined {
  return freeKeyAmong(new Set(book.codes.map((c) => c.key.toLowerCase())));
}

/** A colour for a new code that no code uses yet (cycling when all are used). */
export function freeColour(book: Codebook): string {
  const used = new Set(book.codes.map((c) => c.color.toLowerCase()));
  return NEW_COLOURS.find((c) => !used.has(c.toLowerCase())) ?? NEW_COLOURS[book.codes.length % NEW_COLOURS.length]!;
}

function describeText(t: LocalText | undefined): string | undefined {
  return t ? (t.nl === t.en ? t.nl : `${t.nl} / ${t.en}`) : undefined;
}

function withChange(
  book: Codebook,
  next: Omit<Codebook, 'changes'>,
  stamp: EditStamp,
  kind: CodebookChangeKind,
  target: string,
  before?: string,
  after?: string,
): Codebook {
  const change: CodebookChange = { at: stamp.at, kind, target };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  if (stamp.coderId) change.coderId = stamp.coderId;
  return { ...next, changes: [...(book.changes ?? []), change] };
}

const fail = (reason: CodebookEditReason, detail?: string): CodebookEditResult => ({
  ok: false,
  error: detail === undefined ? { reason } : { reason, detail },
});

function replaceCode(book: Codebook, id: string, f: (c: Code) => Code): Code[] {
  return book.codes.map((c) => (c.id === id ? f(c) : c));
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

/**
 * Merges the values of `from` into `into`: a value with the same id or the same name is the
 * same value; others are appended (with a fresh id when theirs is taken). Returns the merged
 * list and how each old value id maps to a value id of `into`.
 */
export function mergeValues(into: readonly CodeValue[], from: readonly CodeValue[]): { values: CodeValue[]; map: Map<string, string> } {
  const values = [...into];
  const map = new Map<string, string>();
  for (const v of from) {
    const same = values.find((x) => x.id === v.id && sameName(x.name, v.name)) ?? values.find((x) => sameName(x.name, v.name));
    if (same) {
      map.set(v.id, same.id);
      continue;
    }
    const id = freshId(v.id, new Set(values.map((x) => x.id)));
    values.push({ ...v, id });
    map.set(v.id, id);
  }
  return { values, map };
}

/** Applies one edit to a codebook; never throws on bad input. */
export function editCodebook(book: Codebook, edit: CodebookEdit, stamp: EditStamp): CodebookEditResult {
  const code = 'codeId' in edit ? book.codes.find((c) => c.id === edit.codeId) : undefined;
  if ('codeId' in edit && !code) return fail('unknown-code', edit.codeId);
  const value = code && 'valueId' in edit ? code.values.find((v) => v.id === edit.valueId) : undefined;
  if ('valueId' in edit && !value) return fail('unknown-value', edit.valueId);

  switch (edit.kind) {
    case 'rename-codebook': {
      const name = cleanText(edit.name);
      if (!name) return fail('empty-name');
      return { ok: true, book: withChange(book, { ...book, name }, stamp, 'rename-codebook', book.id, describeText(book.name), describeText(name)) };
    }
    case 'add-code': {
      const name = cleanText(edit.name);
      if (!name) return fail('empty-name');
      const clash = book.codes.find((c) => sameName(c.name, name));
      if (clash) return fail('duplicate-name', clash.name.en);
      const color = edit.color ?? freeColour(book);
      if (!COLOUR.test(color)) return fail('bad-colour', color);
      const key = freeKey(book);
      if (!key) return fail('no-free-key');
      const id = freshId(name.en, takenCodeIds(book)) as CodeId;
      const added: Code = { id, name, description: cleanText(edit.description ?? name) ?? name, values: [], color, key };
      const next = withChange(book, { ...book, codes: [...book.codes, added] }, stamp, 'add-code', id, undefined, describeText(name));
      return { ok: true, book: next, createdId: id };
    }
    case 'rename-code': {
      const name = cleanText(edit.name);
      if (!name) return fail('empty-name');
      const clash = book.codes.find((c) => c.id !== code!.id && sameName(c.name, name));
      if (clash) return fail('duplicate-name', clash.name.en);
      const next = { ...book, codes: replaceCode(book, code!.id, (c) => ({ ...c, name })) };
      return { ok: true, book: withChange(book, next, stamp, 'rename-code', code!.id, describeText(code!.name), describeText(name)) };
    }
    case 'recolour-code': {
      if (!COLOUR.test(edit.color)) return fail('bad-colour', edit.color);
      const color = edit.color.toUpperCase();
      const next = { ...book, codes: replaceCode(book, code!.id, (c) => ({ ...c, color })) };
      return { ok: true, book: withChange(book, next, stamp, 'recolour-code', code!.id, code!.color, color) };
    }
    case 'rekey-code': {
      const key = edit.key.trim();
      if (!KEY.test(key)) return fail('bad-key', key);
      if (RESERVED_KEYS.includes(key.toLowerCase())) return fail('reserved-key', key);
      const clash = book.codes.find((c) => c.id !== code!.id && c.key.toLowerCase() === key.toLowerCase());
      if (clash) return fail('duplicate-key', key);
      const next = { ...book, codes: replaceCode(book, code!.id, (c) => ({ ...c, key })) };
      return { ok: true, book: withChange(book, next, stamp, 'rekey-code', code!.id, code!.key, key) };
    }
    case 'describe-code': {
      const description = cleanText(edit.description) ?? code!.name;
      const next = { ...book, codes: replaceCode(book, code!.id, (c) => ({ ...c, description })) };
      return { ok: true, book: withChange(book, next, stamp, 'describe-code', code!.id, describeText(code!.description), describeText(description)) };
    }
    case 'move-code': {
      const from = book.codes.indexOf(code!);
      const to = Math.max(0, Math.min(edit.to, book.codes.length - 1));
      if (from === to) return { ok: true, book };
      const next = { ...book, codes: move(book.codes, from, to) };
      return { ok: true, book: withChange(book, next, stamp, 'move-code', code!.id, String(from + 1), String(to + 1)) };
    }
    case 'merge-code':
    case 'nest-code': {
      const targetId = edit.kind === 'merge-code' ? edit.into : edit.under;
      const target = book.codes.find((c) => c.id === targetId);
      if (!target) return fail('unknown-code', targetId);
      if (target.id === code!.id) return fail('same-code', targetId);
      let values: CodeValue[];
      if (edit.kind === 'merge-code') {
        values = mergeValues(target.values, code!.values).values;
      } else {
        if (code!.values.length > 0) return fail('has-values', code!.id);
        values = mergeValues(target.values, [{ id: code!.id, name: code!.name, description: code!.description }]).values;
      }
      const codes = book.codes.filter((c) => c.id !== code!.id).map((c) => (c.id === target.id ? { ...c, values } : c));
      // Aliases that pointed at the code that goes now point at its successor.
      const aliases: Record<string, string> = {};
      for (const [k, v] of Object.entries(book.aliases ?? {})) aliases[k] = v === code!.id ? target.id : v;
      aliases[code!.id] = target.id;
      const next = { ...book, codes, aliases };
      return { ok: true, book: withChange(book, next, stamp, edit.kind, code!.id, describeText(code!.name), target.id) };
    }
    case 'add-value': {
      const name = cleanText(edit.name);
      if (!name) return fail('empty-name');
      const clash = code!.values.find((v) => sameName(v.name, name));
      if (clash) return fail('duplicate-value', clash.name.en);
      const id = freshId(name.en, new Set(code!.values.map((v) => v.id)));
      const added: CodeValue = { id, name };
      const description = edit.description && cleanText(edit.description);
      if (description) added.description = description;
      const next = { ...book, codes: replaceCode(book, code!.id, (c) => ({ ...c, values: [...c.values, added] })) };
      return { ok: true, book: withChange(book, next, stamp, 'add-value', `${code!.id}:${id}`, undefined, describeText(name)), createdId: id };
    }
    case 'rename-value': {
      const name = cleanText(edit.name);
      if (!name) return fail('empty-name');
      const clash = code!.values.find((v) => v.id !== value!.id && sameName(v.name, name));
      if (clash) return fail('duplicate-value', clash.name.en);
      const next = {
        ...book,
        codes: replaceCode(book, code!.id, (c) => ({ ...c, values: c.values.map((v) => (v.id === value!.id ? { ...v, name } : v)) })),
      };
      return { ok: true, book: withChange(book, next, stamp, 'rename-value', `${code!.id}:${value!.id}`, describeText(value!.name), describeText(name)) };
    }
    case 'describe-value': {
      const description = cleanText(edit.description);
      const next = {
        ...book,
        codes: replaceCode(book, code!.id, (c) => ({
          ...c,
          values: c.values.map((v) => {
            if (v.id !== value!.id) return v;
            const { description: _old, ...rest } = v;
            return description ? { ...rest, description } : rest;
          }),
        })),
      };
      return {
        ok: true,
        book: withChange(book, next, stamp, 'describe-value', `${code!.id}:${value!.id}`, describeText(value!.description), describeText(description)),
      };
    }
    case 'move-value': {
      const from = code!.values.indexOf(value!);
      const to = Math.max(0, Math.min(edit.to, code!.values.length - 1));
      if (from === to) return { ok: true, book };
      const next = { ...book, codes: replaceCode(book, code!.id, (c) => ({ ...c, values: move(c.values, from, to) })) };
      return { ok: true, book: withChange(book, next, stamp, 'move-value', `${code!.id}:${value!.id}`, String(from + 1), String(to + 1)) };
    }
  }
}

/** How a merge or nest changes a fragment's codes and values. */
export interface FragmentRewrite {
  codes: string[];
  values: string[];
}

/**
 * For a merge or nest edit, the function that rewrites one fragment's codes and values
 * (null when the fragment does not carry the code that goes); null for every other edit,
 * which leaves fragments alone. Computed on the codebook before the edit.
 */
export function fragmentRewriter(
  book: Codebook,
  edit: CodebookEdit,
): ((f: { codes: readonly string[]; values?: readonly string[] }) => FragmentRewrite | null) | null {
  if (edit.kind !== 'merge-code' && edit.kind !== 'nest-code') return null;
  const code = book.codes.find((c) => c.id === edit.codeId);
  const targetId = edit.kind === 'merge-code' ? edit.into : edit.under;
  const target = book.codes.find((c) => c.id === targetId);
  if (!code || !target || code.id === target.id) return null;
  const valueMap =
    edit.kind === 'merge-code'
      ? mergeValues(target.values, code.values).map
      : mergeValues(target.values, [{ id: code.id, name: code.name }]).map;
  const nestedValue = edit.kind === 'nest-code' ? `${target.id}:${valueMap.get(code.id)}` : undefined;
  return (f) => {
    const hasCode = f.codes.includes(code.id);
    const oldValues = f.values ?? [];
    const hasValue = oldValues.some((v) => v.startsWith(`${code.id}:`));
    if (!hasCode && !hasValue) return null;
    const codes: string[] = [];
    for (const c of f.codes) {
      const next = c === code.id ? target.id : c;
      if (!codes.includes(next)) codes.push(next);
    }
    if (!codes.includes(target.id)) codes.push(target.id);
    const values: string[] = [];
    const add = (v: string) => {
      if (!values.includes(v)) values.push(v);
    };
    for (const v of oldValues) {
      if (v.startsWith(`${code.id}:`)) {
        const mapped = valueMap.get(v.slice(code.id.length + 1));
        if (mapped) add(`${target.id}:${mapped}`);
      } else add(v);
    }
    if (nestedValue && hasCode) add(nestedValue);
    return { codes, values };
  };
}
