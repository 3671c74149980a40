/**
 * Search sets as files: a saved search is exported as a plain .txt term list (one term per line,
 * UTF-8, the name as a first `#` comment line) and a .txt term list is imported as a new saved
 * search. An import that cannot be read or has an error in any line stores nothing.
 */
import type { SavedSearch, SearchId } from '../model/index.ts';
import { newId } from '../model/index.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { listDocuments, listSearches, putSearch, setSearchBaseline } from '../storage/repository.ts';
import { parseQuery, type QueryError } from '../text/query.ts';

/** Why a term-list file could not be imported. */
export type SearchSetImportError =
  | { reason: 'not-text'; file: string }
  | { reason: 'too-large'; file: string }
  | { reason: 'no-terms'; file: string }
  | { reason: 'query'; file: string; errors: QueryError[] };

/** The largest term-list file accepted: a term list is a few hundred bytes. */
export const MAX_SEARCH_SET_BYTES = 1024 * 1024;

const NAME_LINE = /^#\s*(?:Zoekset|Search set)\s*:\s*(.+)$/i;

/** The name a term list gives itself (`# Zoekset: …` / `# Search set: …` on its first line), if any. */
export function nameInTermList(text: string): string | undefined {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  return NAME_LINE.exec(first.trim())?.[1]?.trim() || undefined;
}

/** The file a saved search is exported as: `name.txt`, with the name line first. */
export function searchSetFile(search: Pick<SavedSearch, 'name' | 'terms'>): { fileName: string; text: string } {
  const terms = search.terms.replace(/\r\n|\r/g, '\n');
  const body = nameInTermList(terms) ? terms : `# Zoekset: ${search.name}\n${terms}`;
  const fileName = `${search.name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim() || 'zoekset'}.txt`;
  return { fileName, text: body.endsWith('\n') ? body : `${body}\n` };
}

/** Reads a term-list file: UTF-8 (a BOM is dropped), every line must parse. Never throws. */
export function readSearchSet(fileName: string, bytes: Uint8Array): { parsed: { name: string; terms: string } } | { error: SearchSetImportError } {
  const file = fileName.split(/[/\\]/).pop() ?? fileName;
  if (bytes.byteLength > MAX_SEARCH_SET_BYTES) return { error: { reason: 'too-large', file } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { error: { reason: 'not-text', file } };
  }
  if (text.includes('\u0000')) return { error: { reason: 'not-text', file } };
  const parsed = parseQuery(text);
  if ('error' in parsed) return { error: { reason: 'query', file, errors: parsed.errors } };
  if (parsed.parsed.terms.length === 0) return { error: { reason: 'no-terms', file } };
  const dot = file.lastIndexOf('.');
  const name = nameInTermList(text) ?? (dot > 0 ? file.slice(0, dot) : file);
  return { parsed: { name, terms: text } };
}

/** Stores a term list as a new saved search that has seen the documents there are now. */
export async function addSearchSet(db: WorthmarkDb, name: string, terms: string): Promise<SavedSearch> {
  const now = new Date().toISOString();
  const search: SavedSearch = { id: newId<SearchId>(), name, terms, createdAt: now, updatedAt: now };
  await putSearch(db, search);
  await setSearchBaseline(db, search.id, (await listDocuments(db)).map((d) => d.id));
  return search;
}

/** The terms of a list as they count: lines trimmed, without blank and `#` comment lines. */
function termLines(terms: string): string[] {
  return terms
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Whether two term lists search the same (same terms in the same order; comments and blank lines aside). */
export function sameTermList(a: string, b: string): boolean {
  const x = termLines(a);
  const y = termLines(b);
  return x.length === y.length && x.every((l, i) => l === y[i]);
}

/**
 * Stores a term list as a new saved search unless a saved search with the same terms exists: that
 * one is returned instead (`added` false), so asking twice never makes two identical sets.
 */
export async function addSearchSetOnce(db: WorthmarkDb, name: string, terms: string): Promise<{ search: SavedSearch; added: boolean }> {
  const existing = (await listSearches(db)).find((s) => sameTermList(s.terms, terms));
  if (existing) return { search: existing, added: false };
  return { search: await addSearchSet(db, name, terms), added: true };
}

/** Imports a term-list file as a new saved search (or finds the saved one with the same terms); nothing is stored when the file has a problem. */
export async function importSearchSet(
  db: WorthmarkDb,
  fileName: string,
  bytes: Uint8Array,
): Promise<{ ok: true; search: SavedSearch; added: boolean } | { ok: false; error: SearchSetImportError }> {
  const read = readSearchSet(fileName, bytes);
  if ('error' in read) return { ok: false, error: read.error };
  return { ok: true, ...(await addSearchSetOnce(db, read.parsed.name, read.parsed.terms)) };
}
