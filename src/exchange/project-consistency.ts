/**
 * What the parts of a project mean together: the checks a project file passes after its shape
 * and its references (project-file.ts), so that a file the app accepts never makes it cite a
 * wrong page, hide fragments in the reader or count a code twice. Pure and linear in the size
 * of the project (each list is walked once; sets for lookups).
 *
 * Per document and its text:
 * - pages: at least one; the first starts at 0, the last ends at the end of the text, each
 *   starts where the one before ends (no gap, no overlap — the import makes them so, and
 *   `pageAt` relies on it), and their PDF page numbers (`index`) ascend strictly;
 * - blocks: in order and not overlapping; only white space lies outside them (the import
 *   separates blocks by blank lines), so the reader shows every character;
 * - counts: `charCount` is the text's length, `report.pageCount` the number of pages,
 *   `report.joinedHyphens` the number of `report.joined` entries and `report.removedLines` as
 *   many as `report.removed` (where those lists are present); a joined word or removed line
 *   names a page of the document, and a joined word's split lies within the word;
 * - no two documents with the same content hash (the app keeps one document per content).
 * Per fragment and hit: no code, value or flag listed twice; a hit range is not empty.
 * Settings: the keys the app uses have their types (`lang` "nl"/"en", `coderId` a coder of the
 * file, `codebookId` a codebook of the file, `csvSeparator` "," or ";", `initialized` and
 * `sampleLoaded` booleans, `searchSeen:<search id>` a list of document ids of a search in the
 * file); every value, known or not, is nested at most {@link MAX_SETTING_DEPTH} levels deep,
 * since storing or writing a deeper value overflows the browser's stack.
 */
import type { LocalText } from '../model/codebook.ts';
import type { ProjectData } from './project-file.ts';
import { formatError, formatPath, type FormatError } from './format-error.ts';

/** How deep a setting's value may be nested (objects and arrays); far above anything the app writes. */
export const MAX_SETTING_DEPTH = 32;

const WHAT: Record<string, LocalText> = {
  textLength: { en: 'the length of the text', nl: 'de lengte van de tekst' },
  pages: { en: 'the number of pages', nl: 'het aantal pagina’s' },
  joined: { en: 'the number of joined words listed', nl: 'het aantal vermelde samengevoegde woorden' },
  removed: { en: 'the number of removed lines listed with their page', nl: 'het aantal vermelde verwijderde regels met hun pagina' },
};

const at = (...path: PropertyKey[]): string => formatPath(path);

/** The first id listed twice in a list (codes, flags, values of one fragment). */
function listedTwice(items: readonly string[], path: (i: number) => string): FormatError | undefined {
  const seen = new Map<string, number>();
  for (const [i, id] of items.entries()) {
    const first = seen.get(id);
    if (first !== undefined) return formatError(path(i), 'consistency.listedTwice', { id, first });
    seen.set(id, i);
  }
  return undefined;
}

/** Pages, blocks and counts of one document against its text. */
function checkDocument(p: ProjectData, i: number, text: { text: string; blocks: ProjectData['texts'][number]['blocks'] }, ti: number): FormatError | undefined {
  const d = p.documents[i]!;
  const length = text.text.length;
  if (d.charCount !== length) {
    return formatError(at('documents', i, 'charCount'), 'consistency.countMismatch', { value: d.charCount, what: WHAT.textLength!, actual: length });
  }
  if (d.pages.length === 0) return formatError(at('documents', i, 'pages'), 'consistency.noPages', {});
  const first = d.pages[0]!;
  if (first.start !== 0) return formatError(at('documents', i, 'pages', 0, 'start'), 'consistency.firstPageStart', { start: first.start });
  for (let g = 1; g < d.pages.length; g++) {
    const prev = d.pages[g - 1]!;
    const page = d.pages[g]!;
    if (page.index <= prev.index) {
      return formatError(at('documents', i, 'pages', g, 'index'), 'consistency.pageOrder', { index: page.index, previous: prev.index });
    }
    if (page.start !== prev.end) return formatError(at('documents', i, 'pages', g, 'start'), 'consistency.pageGap', { start: page.start, end: prev.end });
  }
  const last = d.pages[d.pages.length - 1]!;
  if (last.end !== length) return formatError(at('documents', i, 'pages', d.pages.length - 1, 'end'), 'consistency.lastPageEnd', { end: last.end, length });

  const r = d.report;
  if (r.pageCount !== d.pages.length) {
    return formatError(at('documents', i, 'report', 'pageCount'), 'consistency.countMismatch', { value: r.pageCount, what: WHAT.pages!, actual: d.pages.length });
  }
  const pageIndexes = new Set(d.pages.map((x) => x.index));
  if (r.joined) {
    if (r.joined.length !== r.joinedHyphens) {
      return formatError(at('documents', i, 'report', 'joinedHyphens'), 'consistency.countMismatch', { value: r.joinedHyphens, what: WHAT.joined!, actual: r.joined.length });
    }
    for (const [j, w] of r.joined.entries()) {
      if (!pageIndexes.has(w.page)) return formatError(at('documents', i, 'report', 'joined', j, 'page'), 'consistency.noSuchPage', { page: w.page });
      if ('word' in w && w.split > w.word.length) {
        return formatError(at('documents', i, 'report', 'joined', j, 'split'), 'consistency.splitOutside', { split: w.split, length: w.word.length });
      }
    }
  }
  if (r.removed) {
    if (r.removed.length !== r.removedLines.length) {
      return formatError(at('documents', i, 'report', 'removedLines'), 'consistency.countMismatch', { value: r.removedLines.length, what: WHAT.removed!, actual: r.removed.length });
    }
    for (const [j, line] of r.removed.entries()) {
      if (!pageIndexes.has(line.page)) return formatError(at('documents', i, 'report', 'removed', j, 'page'), 'consistency.noSuchPage', { page: line.page });
    }
  }

  // Blocks in order, and only white space outside them.
  for (let b = 1; b < text.blocks.length; b++) {
    const { start } = text.blocks[b]!;
    const end = text.blocks[b - 1]!.end;
    if (start < end) return formatError(at('texts', ti, 'blocks', b, 'start'), 'consistency.blockOrder', { start, end });
  }
  let covered = 0;
  for (const [b, block] of text.blocks.entries()) {
    const gap = firstNonSpace(text.text, covered, block.start);
    if (gap >= 0) return formatError(at('texts', ti, 'blocks', b), 'consistency.textOutsideBlocks', { at: gap });
    covered = block.end;
  }
  const tail = firstNonSpace(text.text, covered, length);
  if (tail >= 0) return formatError(at('texts', ti, 'blocks'), 'consistency.textOutsideBlocks', { at: tail });
  return undefined;
}

/** The offset of the first character in [from, to) that is not white space, or -1. */
function firstNonSpace(text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    // \s in JavaScript: ASCII white space, NBSP, the Unicode space separators, line/paragraph separators, BOM.
    if (!(c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && /\s/.test(text[k]!)))) return k;
  }
  return -1;
}

/** How deep a JSON value is nested (a scalar is 0), counted without recursion; stops past `limit`. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, here]);
  }
  return deepest;
}

/** The app's settings with the type each must have (keys as in storage/settings-keys.ts). */
function checkSettings(p: ProjectData): FormatError | undefined {
  const coderIds = new Set(p.coders.map((c) => c.id as string));
  const codebookIds = new Set(p.codebooks.map((c) => c.id as string));
  const searchIds = new Set(p.searches.map((s) => s.id as string));
  for (const [key, value] of Object.entries(p.settings)) {
    const path = at('settings', key);
    const depth = jsonDepth(value, MAX_SETTING_DEPTH);
    if (depth > MAX_SETTING_DEPTH) return formatError(path, 'consistency.settingTooDeep', { max: MAX_SETTING_DEPTH });
    const expect = (expected: LocalText, good: boolean): FormatError | undefined =>
      good ? undefined : formatError(path, 'consistency.settingType', { expected });
    let problem: FormatError | undefined;
    switch (key) {
      case 'lang':
        problem = expect({ en: '"nl" or "en"', nl: '"nl" of "en"' }, value === 'nl' || value === 'en');
        break;
      case 'csvSeparator':
        problem = expect({ en: '"," or ";"', nl: '"," of ";"' }, value === ',' || value === ';');
        break;
      case 'initialized':
      case 'sampleLoaded':
        problem = expect({ en: 'true or false', nl: 'true of false' }, typeof value === 'boolean');
        break;
      case 'coderId':
        problem = expect({ en: 'a coder id', nl: 'een codeur-id' }, typeof value === 'string');
        if (!problem && !coderIds.has(value as string)) problem = formatError(path, 'project.noCoder', { id: value as string });
        break;
      case 'codebookId':
        problem = expect({ en: 'a codebook id', nl: 'een codeboek-id' }, typeof value === 'string');
        if (!problem && !codebookIds.has(value as string)) problem = formatError(path, 'consistency.noCodebook', { id: value as string });
        break;
      default:
        if (key.startsWith('searchSeen:')) {
          const id = key.slice('searchSeen:'.length);
          problem = expect({ en: 'a list of document ids', nl: 'een lijst van document-id’s' }, Array.isArray(value) && value.every((x) => typeof x === 'string'));
          if (!problem && !searchIds.has(id)) problem = formatError(path, 'project.noSearch', { id });
        }
    }
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Checks what the parts of a shape-checked project with resolved references mean together (see
 * the module header). Returns the first problem with its path, or undefined.
 */
export function checkProjectConsistency(p: ProjectData): FormatError | undefined {
  const textIndex = new Map<string, number>();
  for (const [ti, t] of p.texts.entries()) textIndex.set(t.documentId, ti);
  const byHash = new Map<string, number>();
  for (const [i, d] of p.documents.entries()) {
    const ti = textIndex.get(d.id);
    if (ti === undefined) continue; // reported by the reference check
    const problem = checkDocument(p, i, p.texts[ti]!, ti);
    if (problem) return problem;
    const first = byHash.get(d.contentHash);
    if (first !== undefined) return formatError(at('documents', i, 'contentHash'), 'consistency.sameContent', { first });
    byHash.set(d.contentHash, i);
  }
  for (const [i, f] of p.fragments.entries()) {
    const problem =
      listedTwice(f.codes, (c) => at('fragments', i, 'codes', c)) ??
      listedTwice(f.values ?? [], (v) => at('fragments', i, 'values', v)) ??
      listedTwice(f.flags, (g) => at('fragments', i, 'flags', g));
    if (problem) return problem;
  }
  for (const [i, h] of p.hits.entries()) {
    if (h.start >= h.end) return formatError(at('hits', i, 'end'), 'consistency.emptyHit', { start: h.start, end: h.end });
  }
  return checkSettings(p);
}
