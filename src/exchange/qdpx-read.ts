/**
 * Reading a REFI-QDA project (`.qdpx` zip or bare `.qde` XML) as a Worthmark project, with a
 * report of what could not be carried. Read leniently (../shared/refi-qda/README.md):
 *
 * - the zip: any `*.qde` (the shallowest; `project.qde` first when there are several), source
 *   files in `sources/` or `Sources/` beside it, names matched without regard to case;
 * - text: inline `PlainTextContent` or `internal://` files (a `relative://`, `absolute://` or bare
 *   path looked for by its file name in sources/), UTF-8 with or without a BOM or UTF-16 with one
 *   (a file that is neither keeps its passages as a text missing), CRLF, CR or LF line ends (stored with LF); a PDF source through its text `Representation`, with the PDF
 *   itself kept as the document's original when it is in the zip, a Word `richTextPath` too;
 * - positions are Unicode code points, end exclusive; a CRLF counts as two, except in files whose
 *   `origin` names ATLAS.ti, where it counts as one. Each selection whose `name` looks like its
 *   quote (ATLAS.ti and Worthmark write the quote there, cut with "…") is checked against the text,
 *   and where a text has CRLFs the convention that matches more quotes is used;
 * - codes: the tree as in refi-qda-codebook.ts (GUIDs as ids, nesting as values with their parent,
 *   `isCodable`, colours); users are coders; each `PlainTextSelection` becomes one fragment with
 *   all its codes (a coding of a value also gives its code), or one per coder when several coders
 *   coded it; its `Description` and the notes it (or its codings) refers to become its memo;
 * - two sources with the same text are one document;
 * - left out, and listed in the report: pictures, audio and video (with their selections and
 *   transcripts), PDF rectangles, codings of a whole source, cases, variables, sets, graphs, links,
 *   notes not attached to a passage, codings of unknown codes, selections outside their text.
 *
 * A file written by Worthmark also has the note "Worthmark project data" (see qdpx-write.ts): then
 * ids, both language names, keys, flags, pages, blocks, document details, searches, decisions and
 * settings come back from it, while the XML stays the authority for what is coded. The result
 * passes the same checks as a project file (project-file.ts), or the read fails with the reason
 * (fragments are made sound by construction, everything else is checked by parseProjectFile).
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Codebook, CodeValue } from '../model/codebook.ts';
import type { Block, DocumentText, Page, PolicyDocument } from '../model/document.ts';
import { anchorFromRange, type Coder, type Fragment } from '../model/fragment.ts';
import type { CodeId, CoderId, DocumentId, FragmentId } from '../model/ids.ts';
import { codebookSchema, toCodebook } from './codebook-file.ts';
import { formatError, type FormatError } from './format-error.ts';
import { parseProjectFile, toProjectFile, type ProjectData } from './project-file.ts';
import { codeGuid, guidToId, readCodes, slug, stableGuid, valueGuid, type CodeTarget } from './refi-qda-codebook.ts';
import { childNamed, childrenNamed, parseXml, type XmlElement } from './refi-qda-xml.ts';
import { SIDECAR_FORMAT, SIDECAR_NOTE_NAME, projectGuids } from './qdpx-write.ts';
import { someNames, type ReadReport, type ReportNote } from './exchange-report.ts';
import { utf16Offsets } from './code-points.ts';
import { placeholderText, type KnownSpan } from '../text/missing-text.ts';

/** An original file that came with a read project. */
export interface ReadOriginal {
  documentId: string;
  fileName: string;
  type: string;
  bytes: Uint8Array;
}

/** A project read from a file: the data, its originals, and what was left out. */
export interface ReadProject {
  data: ProjectData;
  originals: ReadOriginal[];
  report: ReadReport;
}

/** Largest total size of the files in a .qdpx, unpacked (a guard against zip bombs). */
export const MAX_QDPX_UNPACKED = 2 * 1024 * 1024 * 1024 - 1;

/**
 * The longest stand-in for a missing text, in code points (a selection ending past it is left out
 * as not fitting): 20 million, some ten thousand pages, beyond any policy text.
 */
export const MAX_STAND_IN = 20_000_000;

/** Zip entries by path. */
export type ZipFiles = Record<string, Uint8Array>;

/** Unpacks a zip with a bound on its unpacked size; errors name the file. */
export function unzipBounded(bytes: Uint8Array, fileName: string): { parsed: ZipFiles } | { error: FormatError } {
  let total = 0;
  let tooLarge = false;
  try {
    const files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_QDPX_UNPACKED) tooLarge = true;
        return !tooLarge && !f.name.endsWith('/');
      },
    });
    if (tooLarge) return { error: formatError('', 'zip.tooLarge', { max: MAX_QDPX_UNPACKED }) };
    return { parsed: files };
  } catch (e) {
    return { error: formatError('', 'zip.unreadable', { detail: e instanceof Error ? e.message : String(e) }) };
  }
}

/** Reads a `.qdpx` (zip) project. */
export async function readQdpx(bytes: Uint8Array, fileName: string): Promise<{ parsed: ReadProject } | { error: FormatError }> {
  const zip = unzipBounded(bytes, fileName);
  if ('error' in zip) return zip;
  return readQdpxFiles(zip.parsed, fileName);
}

/** Reads an unpacked `.qdpx`: finds its `.qde` and its sources. */
export async function readQdpxFiles(files: ZipFiles, fileName: string): Promise<{ parsed: ReadProject } | { error: FormatError }> {
  const qdes = Object.keys(files)
    .filter((p) => /\.qde$/i.test(p))
    .sort((a, b) => a.split('/').length - b.split('/').length || Number(!/(^|\/)project\.qde$/i.test(a)) - Number(!/(^|\/)project\.qde$/i.test(b)));
  const qde = qdes[0];
  if (!qde) return { error: formatError('', 'qdpx.noQde', {}) };
  const folder = qde.slice(0, qde.lastIndexOf('/') + 1);
  const byName = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(files)) {
    if (!path.startsWith(folder)) continue;
    const rest = path.slice(folder.length);
    const m = /^sources\/([^/]+)$/i.exec(rest);
    if (m) byName.set(m[1]!.toLowerCase(), data);
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(files[qde]!);
  } catch {
    return { error: formatError(qde, 'qdpx.notUtf8', {}) };
  }
  return readQde(xml, { fileName, pathPrefix: qde, kind: 'qdpx', file: (name) => byName.get(name.toLowerCase()) });
}

/** Options for reading a `.qde`. */
export interface ReadQdeOptions {
  /** The file's name, for errors and the codebook's name. */
  fileName: string;
  /** Where the XML is inside the file read (the .qde's path in a .qdpx), put before error paths. */
  pathPrefix?: string;
  /** What the file is (a bare .qde, or the one in a .qdpx). */
  kind?: 'qdpx' | 'qde';
  /** The bytes of a source file by its name in `sources/` (`internal://NAME`); none for a bare .qde without its folder. */
  file?: (name: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

interface SidecarData {
  lang: 'nl' | 'en';
  versions: Record<string, unknown>;
  reviews: NonNullable<ProjectData['reviews']>;
  conflicts: NonNullable<ProjectData['conflicts']>;
  deletions: NonNullable<ProjectData['deletions']>;
  ids: Record<string, string>;
  documents: PolicyDocument[];
  texts: Map<string, Block[]>;
  /** The stand-in texts of documents whose text is missing (the only texts the note keeps). */
  standIns: Map<string, string>;
  codebooks: Codebook[];
  coders: Coder[];
  searches: ProjectData['searches'];
  hits: ProjectData['hits'];
  settings: Record<string, unknown>;
}

type Target = CodeTarget | { flagId: string };

const attr = (el: XmlElement, name: string) => el.attrs[name]?.trim() || undefined;
const isDate = (s: string | undefined): s is string => !!s && !Number.isNaN(Date.parse(s));
const toIso = (s: string | undefined, fallback: string) => (isDate(s) ? new Date(Date.parse(s)).toISOString() : fallback);

/** SHA-256 of bytes as lower-case hex (Web Crypto). */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Initials from a name: the first letters of the first and last word. */
function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Reads the sidecar note's JSON, when there is one. */
function readSidecar(root: XmlElement, report: ReportNote[]): SidecarData | undefined {
  const notes = childNamed(root, 'Notes');
  const note = notes && childrenNamed(notes, 'Note').find((n) => n.attrs.name === SIDECAR_NOTE_NAME);
  if (!note) return undefined;
  const unreadable = (reason: string) => {
    report.push({ code: 'worthmarkDataUnreadable', values: { reason } });
    return undefined;
  };
  let json: unknown;
  try {
    json = JSON.parse(childNamed(note, 'PlainTextContent')?.text ?? '');
  } catch (e) {
    return unreadable(e instanceof Error ? e.message : String(e));
  }
  const s = json as { format?: unknown; version?: unknown; lang?: unknown; ids?: unknown; project?: unknown };
  if (!s || typeof s !== 'object' || s.format !== SIDECAR_FORMAT || s.version !== 1) return unreadable(`not ${SIDECAR_FORMAT} version 1`);
  const p = s.project as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return unreadable('no project');
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  const codebooks: Codebook[] = [];
  for (const b of list<unknown>(p.codebooks)) {
    const r = codebookSchema.safeParse(b);
    if (!r.success) return unreadable('a codebook in it is not valid');
    codebooks.push(toCodebook(r.data));
  }
  const ids: Record<string, string> = {};
  if (s.ids && typeof s.ids === 'object') for (const [k, v] of Object.entries(s.ids as Record<string, unknown>)) if (typeof v === 'string') ids[k.toLowerCase()] = v;
  const versions = (json as { versions?: unknown }).versions;
  return {
    lang: s.lang === 'nl' ? 'nl' : 'en',
    versions: versions && typeof versions === 'object' && !Array.isArray(versions) ? (versions as Record<string, unknown>) : {},
    reviews: list<NonNullable<ProjectData['reviews']>[number]>(p.reviews),
    conflicts: list<NonNullable<ProjectData['conflicts']>[number]>(p.conflicts),
    deletions: list<NonNullable<ProjectData['deletions']>[number]>(p.deletions),
    ids,
    documents: list<PolicyDocument>(p.documents).filter((d) => d && typeof d.id === 'string'),
    texts: new Map(list<DocumentText>(p.texts).filter((t) => t && typeof t.documentId === 'string').map((t) => [t.documentId as string, Array.isArray(t.blocks) ? t.blocks : []])),
    standIns: new Map(list<DocumentText>(p.texts).filter((t) => t && typeof t.documentId === 'string' && typeof t.text === 'string' && t.text !== '').map((t) => [t.documentId as string, t.text])),
    codebooks,
    coders: list<Coder>(p.coders).filter((c) => c && typeof c.id === 'string'),
    searches: list<ProjectData['searches'][number]>(p.searches),
    hits: list<ProjectData['hits'][number]>(p.hits),
    settings: p.settings && typeof p.settings === 'object' && !Array.isArray(p.settings) ? (p.settings as Record<string, unknown>) : {},
  };
}

/**
 * The text of a source file: UTF-8 (as the standard says), or UTF-16 when it starts with a byte-order
 * mark (some Windows programs write it); undefined when it is neither.
 */
export function decodeSourceText(bytes: Uint8Array): string | undefined {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  try {
    if (utf16) return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A source text as Worthmark stores it (LF line ends, no BOM), with the maps from REFI positions. */
export interface SourceText {
  text: string;
  /** Code point (CR and LF counted apart) → UTF-16 offset in `text`. */
  spec: (cp: number) => number;
  /** Code point with a CRLF counted as one (ATLAS.ti) → UTF-16 offset in `text`. */
  atlas: (cp: number) => number;
  /** Number of code points by each count, for range checks. */
  specLength: number;
  atlasLength: number;
  hasCrlf: boolean;
}

/** Converts a raw source text: BOM dropped, CRLF and CR become LF, positions mapped both ways of counting. */
export function sourceText(raw: string): SourceText {
  const s = raw.replace(/^\uFEFF/, '');
  const hasCr = s.includes('\r');
  const astral = /[\ud800-\udfff]/.test(s);
  const text = hasCr ? s.replace(/\r\n?/g, '\n') : s;
  if (!hasCr && !astral) {
    const id = (c: number) => c;
    return { text, spec: id, atlas: id, specLength: s.length, atlasLength: s.length, hasCrlf: false };
  }
  // One pass over the raw text: for each code point, where it lands in the stored text.
  const spec = new Uint32Array(s.length + 1);
  const atlas = new Uint32Array(s.length + 1);
  let cs = 0;
  let ca = 0;
  let o = 0;
  let hasCrlf = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    spec[cs++] = o;
    atlas[ca++] = o;
    if (c === 13) {
      if (s.charCodeAt(i + 1) === 10) {
        hasCrlf = true;
        spec[cs++] = o; // the LF of a CRLF: the same place, before the stored LF
        i++;
      }
      o++;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      o += 2;
    } else o++;
  }
  spec[cs] = o;
  atlas[ca] = o;
  const at = (m: Uint32Array, length: number) => (cp: number) => (cp >= 0 && cp <= length ? m[cp]! : -1);
  return { text, spec: at(spec, cs), atlas: at(atlas, ca), specLength: cs, atlasLength: ca, hasCrlf };
}

/** Blocks of a text from another tool: each non-blank line a paragraph (white space outside). */
export function linesAsBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) blocks.push({ kind: 'paragraph', start: m.index + lead, end: m.index + lead + body.length });
  }
  return blocks;
}

/** Whether a selection's name can be its quote: ATLAS.ti and Worthmark put the (cut) quote there. */
function quoteMatches(name: string, quote: string): boolean {
  if (name === quote) return true;
  if (name.endsWith('…') && quote.startsWith(name.slice(0, -1))) return true;
  const n = name.replace(/\s+/g, ' ').trim();
  const q = quote.replace(/\s+/g, ' ').trim();
  if (!n) return false;
  if (n.endsWith('…')) return q.startsWith(n.slice(0, -1).trimEnd());
  return n === q;
}

/**
 * The known piece of a passage whose text is missing, from its selection's name: the whole quote
 * when the name is exactly as many code points as the passage, or — when names are quotes (ATLAS.ti
 * and Worthmark write the quote there, cut with "…") — the quote's start when the name ends in "…".
 * Anything else is a label, not text.
 */
export function knownSpanOf(name: string | undefined, start: number, end: number, namesAreQuotes: boolean): KnownSpan | undefined {
  if (!name || !name.trim()) return undefined;
  const length = Array.from(name).length;
  if (length === end - start && !(name.endsWith('…') && namesAreQuotes && length === 100)) return { start, text: name };
  if (namesAreQuotes && name.endsWith('…') && length - 1 < end - start) return { start, text: name.slice(0, -1) };
  return undefined;
}

/** Reads a REFI-QDA project XML (`.qde`). */
export async function readQde(xml: string, options: ReadQdeOptions): Promise<{ parsed: ReadProject } | { error: FormatError }> {
  const within = (e: FormatError): { error: FormatError } => ({
    error: { ...e, path: options.pathPrefix ? (e.path ? `${options.pathPrefix}: ${e.path}` : options.pathPrefix) : e.path },
  });
  const doc = parseXml(xml);
  if ('error' in doc) return within(doc.error);
  const root = doc.parsed;
  if (root.name !== 'Project') return within(formatError('', 'qdpx.notProject', { root: root.name }));
  const notes: ReportNote[] = [];
  const origin = attr(root, 'origin');
  if (origin) notes.push({ code: 'origin', values: { origin } });
  const atlas = /atlas/i.test(origin ?? '');
  const quotesInNames = atlas || /worthmark/i.test(origin ?? '');
  const now = new Date().toISOString();
  const projectCreated = toIso(attr(root, 'creationDateTime'), now);
  const side = readSidecar(root, notes);
  const idOf = (guid: string | undefined, fallback: string | (() => string)) => {
    const g = guidToId(guid);
    return (g && side?.ids[g]) ?? g ?? (typeof fallback === 'string' ? fallback : fallback());
  };

  // Notes by GUID, and which are used as memos.
  const noteText = new Map<string, string>();
  const notesEl = childNamed(root, 'Notes');
  let sidecarNoteGuid: string | undefined;
  for (const n of notesEl ? childrenNamed(notesEl, 'Note') : []) {
    const g = guidToId(n.attrs.guid);
    if (!g) continue;
    if (n.attrs.name === SIDECAR_NOTE_NAME) {
      sidecarNoteGuid = g;
      continue;
    }
    const text = childNamed(n, 'PlainTextContent')?.text ?? '';
    noteText.set(g, text.trim() || (childNamed(n, 'Description')?.text.trim() ?? '') || (n.attrs.name ?? ''));
  }
  const usedNotes = new Set<string>();
  // Notes that are Worthmark reviews (they come back from Worthmark's note as reviews, not as memo).
  const reviewNotes = new Set((side?.reviews ?? []).map((r) => projectGuidsFor().review(r.id)));

  // Coders.
  const coders = new Map<string, Coder>();
  const userByGuid = new Map<string, CoderId>();
  const sideCoder = new Map((side?.coders ?? []).map((c) => [c.id as string, c]));
  const usersEl = childNamed(root, 'Users');
  for (const u of usersEl ? childrenNamed(usersEl, 'User') : []) {
    const g = guidToId(u.attrs.guid);
    if (!g) continue;
    const id = idOf(g, g) as CoderId;
    const known = sideCoder.get(id);
    const name = u.attrs.name?.trim() || known?.name || u.attrs.id?.trim() || 'User';
    coders.set(id, { id, name, initials: known?.initials ?? (u.attrs.id && u.attrs.id.length <= 4 ? u.attrs.id : initialsOf(name)) });
    userByGuid.set(g, id);
  }
  const fallbackUser = guidToId(attr(root, 'creatingUserGUID'));
  const coderFor = (guid: string | undefined): CoderId => {
    const g = guidToId(guid) ?? fallbackUser;
    if (g) {
      const known = userByGuid.get(g);
      if (known) return known;
      const id = idOf(g, g) as CoderId;
      if (!coders.has(id)) coders.set(id, { id, name: sideCoder.get(id)?.name ?? `User ${g.slice(0, 8)}`, initials: sideCoder.get(id)?.initials ?? 'U' });
      userByGuid.set(g, id);
      return id;
    }
    const id = 'refi-qda-unknown-user' as CoderId;
    if (!coders.has(id)) coders.set(id, { id, name: 'Unknown (REFI-QDA)', initials: '?' });
    return id;
  };

  // Codebook: from the XML; with Worthmark's data, its codebooks updated from the XML.
  const codeBookEl = childNamed(root, 'CodeBook');
  const codesEl = codeBookEl && childNamed(codeBookEl, 'Codes');
  const title = attr(root, 'name') ?? options.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  let codebooks: Codebook[] = [];
  const targets = new Map<string, Target>();
  const read = codesEl ? readCodes(codesEl, 'Project/CodeBook', { id: title, title }) : undefined;
  if (read && 'error' in read) return within(read.error);
  const xmlBook = read?.parsed;
  if (side && side.codebooks.length > 0) {
    codebooks = side.codebooks.map((b) => ({ ...b, codes: b.codes.map((c) => ({ ...c, values: [...c.values] })) }));
    const g = projectGuidsFor();
    for (const book of codebooks) {
      for (const code of book.codes) {
        targets.set(codeGuid(book, code.id), { codeId: code.id });
        for (const v of code.values) targets.set(valueGuid(book, code.id, v.id), { codeId: code.id, valueId: v.id });
      }
      for (const f of book.flags) targets.set(g.flag(book, f.id), { flagId: f.id });
    }
    // Codes added or renamed in another program: the XML wins for names in its language and colours.
    const lang = side.lang;
    const usedKeys = new Set(codebooks.flatMap((b) => b.codes.map((c) => c.key.toLowerCase())).filter(Boolean));
    for (const xc of xmlBook?.codebook.codes ?? []) {
      const t = targets.get(xc.id);
      if (t && 'codeId' in t && !t.valueId) {
        const book = codebooks.find((b) => b.codes.some((c) => c.id === t.codeId))!;
        const code = book.codes.find((c) => c.id === t.codeId)!;
        if (xc.name[lang] !== code.name[lang]) code.name = { ...code.name, [lang]: xc.name[lang] };
        code.color = xc.color;
        for (const xv of xc.values) {
          const vt = targets.get(xv.id);
          if (vt && 'codeId' in vt && vt.valueId) {
            const v = code.values.find((x) => x.id === vt.valueId);
            if (v && xv.name[lang] !== v.name[lang]) v.name = { ...v.name, [lang]: xv.name[lang] };
            continue;
          }
          const parent = xv.parent ? targets.get(xv.parent) : undefined;
          const value: CodeValue = { ...xv };
          if (parent && 'valueId' in parent && parent.valueId) value.parent = parent.valueId;
          else delete value.parent;
          code.values.push(value);
          targets.set(xv.id, { codeId: code.id, valueId: xv.id });
        }
      } else if (!t) {
        const key = [...'1234567890abcdefhijklnoqrtuwxyz'].find((k) => !usedKeys.has(k)) ?? '';
        if (key) usedKeys.add(key);
        codebooks[0]!.codes.push({ ...xc, key });
        targets.set(xc.id, { codeId: xc.id });
        for (const v of xc.values) targets.set(v.id, { codeId: xc.id, valueId: v.id });
      }
    }
    notes.push({ code: 'worthmarkData', values: {} });
  } else if (xmlBook) {
    codebooks = [xmlBook.codebook];
    for (const [guid, t] of xmlBook.byGuid) targets.set(guid, t);
  }
  function projectGuidsFor() {
    return projectGuids({ documents: [], texts: [], codebooks: [], fragments: [], searches: [], coders: [], settings: {}, hits: [] });
  }
  const codeById = new Map(codebooks.flatMap((b) => b.codes.map((c) => [c.id as string, c] as const)));

  // Sources.
  const documents: PolicyDocument[] = [];
  const texts: DocumentText[] = [];
  const fragments: Fragment[] = [];
  const originals: ReadOriginal[] = [];
  const sideDoc = new Map((side?.documents ?? []).map((d) => [d.id as string, d]));
  const byHash = new Map<string, PolicyDocument>();
  const fragmentIds = new Set<string>();
  const missing: string[] = [];
  let missingSelections = 0;
  let knownQuotes = 0;
  const sameText: string[] = [];
  const outOfRange: string[] = [];
  const mismatched: string[] = [];
  let checked = 0;
  let matched = 0;
  let crlfAsOne = 0;
  let splitByCoder = 0;
  let unknownCodings = 0;
  let sourceCodings = 0;
  const counts = { pictures: 0, pictureSel: 0, audio: 0, audioSel: 0, audioTr: 0, video: 0, videoSel: 0, videoTr: 0, pdfRegions: 0 };
  const pdfWithoutText: string[] = [];

  const fileBytes = async (path: string | undefined): Promise<Uint8Array | undefined> => {
    if (!path?.trim() || !options.file) return undefined;
    const m = /^internal:\/\/\/?(.+)$/i.exec(path.trim());
    if (m) return await options.file(m[1]!);
    // Read leniently: a relative:// or absolute:// path, or a bare one, whose file is in sources/ all the same.
    const base = path.trim().replace(/^[a-z]+:\/\/\/?/i, '').split(/[\\/]/).pop();
    return base ? await options.file(decodeURIComponent(base)) : undefined;
  };
  const freshFragmentId = (guid: string | undefined, seed: string): FragmentId => {
    let id = idOf(guid, () => stableGuid(seed));
    if (fragmentIds.has(id)) id = stableGuid(`${seed}:${fragmentIds.size}`);
    fragmentIds.add(id);
    return id as FragmentId;
  };

  const readTextSource = async (
    el: XmlElement,
    sourceEl: XmlElement,
    kind: 'text' | 'pdf',
    original: { bytes: Uint8Array; fileName: string; type: string } | undefined,
  ) => {
    const name = sourceEl.attrs.name?.trim() || el.attrs.name?.trim() || 'source';
    const selections = childrenNamed(el, 'PlainTextSelection');
    sourceCodings += childrenNamed(el, 'Coding').length + (sourceEl !== el ? childrenNamed(sourceEl, 'Coding').length : 0);
    const inline = childNamed(el, 'PlainTextContent');
    let raw: string | undefined;
    let rawBytes: Uint8Array | undefined;
    if (inline) raw = inline.text;
    else {
      rawBytes = await fileBytes(el.attrs.plainTextPath);
      if (rawBytes) {
        raw = decodeSourceText(rawBytes);
        // Not text we can read: its passages stay, at their positions, in a document whose text is missing.
        if (raw === undefined) notes.push({ code: 'unreadableText', values: { name, selections: selections.length } });
      }
    }
    // A source whose text is not in the file: a stand-in text (text/missing-text.ts) keeps its
    // passages at their positions, with the quotes known from the selections' names.
    const sourceGuid = guidToId(sourceEl.attrs.guid);
    const docIdFor = () => idOf(sourceGuid, () => stableGuid(`source:${name}:${documents.length}`)) as DocumentId;
    let text: string;
    let src: SourceText | undefined;
    let hash: string;
    let standIn: { length: number } | undefined;
    if (raw === undefined) {
      const known = sideDoc.get(docIdFor());
      let length = known?.textMissing ? known.charCount : 0;
      const spans: KnownSpan[] = [];
      for (const s of selections) {
        const start = Number(s.attrs.startPosition);
        const end = Number(s.attrs.endPosition);
        if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > MAX_STAND_IN) continue;
        length = Math.max(length, end);
        const span = knownSpanOf(s.attrs.name, start, end, quotesInNames);
        if (span) spans.push(span);
      }
      const built = placeholderText(length, spans);
      // Worthmark's own export keeps the stand-in whole in its note: use it when it holds every passage.
      const kept = known?.textMissing ? side?.standIns.get(docIdFor()) : undefined;
      const keptLength = kept === undefined ? -1 : Array.from(kept).length;
      text = kept !== undefined && keptLength >= length ? kept : built.text;
      standIn = { length: text === kept ? keptLength : length };
      missing.push(name);
      missingSelections += selections.length;
      knownQuotes += built.placed.filter(Boolean).length;
      hash = known?.contentHash ?? (await sha256(new TextEncoder().encode(`refi-qda text missing\n${sourceGuid ?? ''}\n${name}`)));
    } else {
      src = sourceText(raw);
      text = src.text;
      hash = await sha256(original?.bytes ?? rawBytes ?? new TextEncoder().encode(text));
    }
    const docId = docIdFor();
    const known = sideDoc.get(docId);
    const contentHash = known?.contentHash ?? hash;
    let document = standIn ? undefined : byHash.get(contentHash);
    if (document) {
      const existing = texts.find((t) => t.documentId === document!.id)!;
      if (existing.text !== text) document = undefined; // same hash claimed by another text: keep apart
    }
    if (document) sameText.push(name);
    else {
      const pagesFit = known && known.charCount === text.length && known.pages.length > 0;
      const pages: Page[] = pagesFit ? known.pages : [{ index: 1, label: '1', start: 0, end: text.length }];
      const blocksKnown = side?.texts.get(docId);
      // A stand-in is one paragraph: the original's blocks would leave ░ between them.
      const blocks = standIn ? (text ? [{ kind: 'paragraph' as const, start: 0, end: text.length }] : []) : pagesFit && blocksKnown ? blocksKnown : linesAsBlocks(text);
      const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
      const format = known?.format ?? (kind === 'pdf' ? 'pdf' : ext === 'docx' || original?.fileName.toLowerCase().endsWith('.docx') ? 'docx' : 'txt');
      document = {
        ...(known ?? {}),
        id: byHash.has(contentHash) ? (stableGuid(`${docId}:${contentHash}`) as DocumentId) : docId,
        title: known?.title ?? (name.replace(/\.(txt|docx?|pdf|rtf)$/i, '') || name),
        fileName: known?.fileName ?? name,
        format,
        contentHash: byHash.has(contentHash) ? await sha256(new TextEncoder().encode(`${contentHash}:${docId}`)) : contentHash,
        pages,
        charCount: text.length,
        meta: known?.meta ?? {},
        report: pagesFit && known ? known.report : { joinedHyphens: 0, removedLines: [], pageCount: pages.length },
        createdAt: known?.createdAt ?? toIso(attr(sourceEl, 'creationDateTime'), projectCreated),
      } as PolicyDocument;
      if (!pagesFit && known) {
        delete document.reextraction;
        delete document.extraction;
      }
      if (standIn) document.textMissing = known?.textMissing ?? { source: name, ...(origin ? { origin } : {}) };
      else delete document.textMissing;
      byHash.set(document.contentHash, document);
      documents.push(document);
      texts.push({ documentId: document.id, text, blocks });
      if (original) originals.push({ documentId: document.id, ...original });
    }
    const docRef = document;

    // Positions: which way to count a CRLF (see the module header).
    type Sel = { el: XmlElement; start: number; end: number; name?: string };
    const raws: Sel[] = selections.map((s) => ({ el: s, start: Number(s.attrs.startPosition), end: Number(s.attrs.endPosition), name: s.attrs.name }));
    const place = (m: (cp: number) => number, length: number, s: Sel) =>
      Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length ? [m(s.start), m(s.end)] : undefined;
    let useAtlas = atlas;
    if (src?.hasCrlf) {
      const score = (m: (cp: number) => number, length: number) =>
        raws.filter((s) => {
          const r = place(m, length, s);
          return r && s.name && quoteMatches(s.name, text.slice(r[0], r[1]));
        }).length;
      const specScore = score(src.spec, src.specLength);
      const atlasScore = score(src.atlas, src.atlasLength);
      if (atlasScore !== specScore) useAtlas = atlasScore > specScore;
      if (useAtlas) crlfAsOne++;
    }
    // A stand-in has one character per code point (astral ones only where a known quote has them).
    const standInMap = standIn ? utf16Offsets(text) : undefined;
    const map = src ? (useAtlas ? src.atlas : src.spec) : (cp: number) => (cp >= 0 && cp <= standIn!.length ? standInMap!(cp) : -1);
    const length = src ? (useAtlas ? src.atlasLength : src.specLength) : standIn!.length;

    for (const s of raws) {
      const range = place(map, length, s);
      if (!range) {
        outOfRange.push(s.name?.slice(0, 40) || `${s.start}–${s.end}`);
        continue;
      }
      const [start, end] = range as [number, number];
      const quote = text.slice(start, end);
      // A stand-in's known quotes come from these names: checking them against it proves nothing.
      if (!standIn && s.name && s.name.trim()) {
        checked++;
        if (quoteMatches(s.name, quote)) matched++;
        else mismatched.push(s.name.slice(0, 40));
      }
      // Memo: the selection's description and the notes it and its codings refer to.
      const memoParts: string[] = [];
      const description = childNamed(s.el, 'Description')?.text.trim();
      if (description) memoParts.push(description);
      const codings = childrenNamed(s.el, 'Coding');
      for (const ref of [...childrenNamed(s.el, 'NoteRef'), ...codings.flatMap((c) => childrenNamed(c, 'NoteRef'))]) {
        const g = guidToId(ref.attrs.targetGUID);
        const t = g ? noteText.get(g) : undefined;
        if (g && reviewNotes.has(g)) {
          usedNotes.add(g);
          continue;
        }
        if (g && t !== undefined && !usedNotes.has(g)) {
          usedNotes.add(g);
          if (t) memoParts.push(t);
        } else if (g) usedNotes.add(g);
      }
      // Codings by coder: one fragment per coder.
      const groups = new Map<CoderId, XmlElement[]>();
      for (const c of codings) {
        const who = coderFor(attr(c, 'creatingUser') ?? attr(s.el, 'creatingUser'));
        groups.set(who, [...(groups.get(who) ?? []), c]);
      }
      if (groups.size === 0) groups.set(coderFor(attr(s.el, 'creatingUser')), []);
      if (groups.size > 1) splitByCoder++;
      const selGuid = guidToId(s.el.attrs.guid);
      let first = true;
      for (const [coderId, list] of groups) {
        const codes: CodeId[] = [];
        const values: string[] = [];
        const flags: string[] = [];
        let earliest: string | undefined;
        for (const c of list) {
          const when = attr(c, 'creationDateTime');
          if (isDate(when) && (!earliest || Date.parse(when) < Date.parse(earliest))) earliest = when;
          const g = guidToId(childNamed(c, 'CodeRef')?.attrs.targetGUID);
          const t = g ? targets.get(g) : undefined;
          if (!t) {
            unknownCodings++;
            continue;
          }
          if ('flagId' in t) {
            if (!flags.includes(t.flagId)) flags.push(t.flagId);
            continue;
          }
          if (!codes.includes(t.codeId)) codes.push(t.codeId);
          if (t.valueId && !values.includes(`${t.codeId}:${t.valueId}`)) values.push(`${t.codeId}:${t.valueId}`);
        }
        const createdAt = toIso(attr(s.el, 'creationDateTime') ?? earliest, docRef.createdAt);
        const updatedAt = toIso(attr(s.el, 'modifiedDateTime'), createdAt);
        const fragment: Fragment = {
          id: first ? freshFragmentId(selGuid, `selection:${docRef.id}:${start}:${end}`) : freshFragmentId(undefined, `selection:${selGuid}:${coderId}`),
          documentId: docRef.id,
          anchor: anchorFromRange(text, start, end),
          codes: codes.filter((c) => codeById.has(c)),
          flags,
          memo: memoParts.join('\n\n'),
          coderId,
          createdAt,
          updatedAt: Date.parse(updatedAt) < Date.parse(createdAt) ? createdAt : updatedAt,
        };
        if (values.length > 0) fragment.values = values;
        const modifier = attr(s.el, 'modifyingUser');
        if (modifier && guidToId(modifier) !== guidToId(attr(s.el, 'creatingUser'))) {
          const by = coderFor(modifier);
          if (by !== coderId) fragment.updatedBy = by;
        }
        const v = side?.versions[fragment.id];
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((n) => Number.isInteger(n) && (n as number) >= 0)) {
          fragment.versions = v as NonNullable<Fragment['versions']>;
        }
        fragments.push(fragment);
        first = false;
      }
    }
  };

  const sourcesEl = childNamed(root, 'Sources');
  for (const src of sourcesEl?.children ?? []) {
    if (src.name === 'TextSource') {
      const richPath = src.attrs.richTextPath;
      const rich = await fileBytes(richPath);
      const richName = richPath?.replace(/^.*\//, '') ?? '';
      const original = rich && /\.docx$/i.test(richName)
        ? { bytes: rich, fileName: /\.docx$/i.test(src.attrs.name ?? '') ? src.attrs.name! : `${src.attrs.name ?? 'document'}.docx`, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }
        : undefined;
      await readTextSource(src, src, 'text', original);
    } else if (src.name === 'PDFSource') {
      counts.pdfRegions += childrenNamed(src, 'PDFSelection').length;
      const repr = childNamed(src, 'Representation');
      const pdf = await fileBytes(src.attrs.path);
      const name = src.attrs.name?.trim() || 'document.pdf';
      const original = pdf ? { bytes: pdf, fileName: src.attrs.currentPath?.trim().replace(/^.*[\\/]/, '') || (/\.pdf$/i.test(name) ? name : `${name}.pdf`), type: 'application/pdf' } : undefined;
      if (!repr) {
        pdfWithoutText.push(name);
        continue;
      }
      await readTextSource(repr, src, 'pdf', original);
    } else if (src.name === 'PictureSource') {
      counts.pictures++;
      counts.pictureSel += childrenNamed(src, 'PictureSelection').length;
    } else if (src.name === 'AudioSource' || src.name === 'VideoSource') {
      const audio = src.name === 'AudioSource';
      if (audio) counts.audio++;
      else counts.video++;
      const transcripts = childrenNamed(src, 'Transcript');
      const sel = childrenNamed(src, audio ? 'AudioSelection' : 'VideoSelection').length + transcripts.reduce((n, t) => n + childrenNamed(t, 'TranscriptSelection').length, 0);
      if (audio) (counts.audioSel += sel), (counts.audioTr += transcripts.length);
      else (counts.videoSel += sel), (counts.videoTr += transcripts.length);
    }
  }

  // Worthmark's own data that refers to documents and searches still there.
  const docIds = new Set(documents.map((d) => d.id as string));
  const textLength = new Map(texts.map((t) => [t.documentId as string, t.text.length]));
  const searches = side?.searches ?? [];
  const searchIds = new Set(searches.map((s) => s.id as string));
  const hits = (side?.hits ?? []).filter((h) => searchIds.has(h.searchId) && docIds.has(h.documentId) && h.end <= (textLength.get(h.documentId) ?? -1));
  const settings = { ...(side?.settings ?? {}) };
  for (const [k, v] of Object.entries(settings)) {
    if (k.startsWith('searchSeen:') && Array.isArray(v)) settings[k] = v.filter((id) => docIds.has(String(id)));
  }
  for (const c of side?.coders ?? []) if (!coders.has(c.id)) coders.set(c.id, c);
  if (typeof settings.coderId === 'string' && !coders.has(settings.coderId as CoderId)) delete settings.coderId;
  if (typeof settings.codebookId === 'string' && !codebooks.some((b) => b.id === settings.codebookId)) delete settings.codebookId;

  // The report: what came along, what was left out.
  const report = notes;
  if (originals.length > 0) report.push({ code: 'originals', values: { n: originals.length } });
  if (missing.length > 0) report.push({ code: 'textMissing', values: { n: missing.length, names: someNames(missing), selections: missingSelections, known: knownQuotes } });
  if (sameText.length > 0) report.push({ code: 'sameText', values: { n: sameText.length, names: someNames(sameText) } });
  if (counts.pdfRegions > 0) report.push({ code: 'pdfRegions', values: { n: counts.pdfRegions } });
  if (pdfWithoutText.length > 0) report.push({ code: 'pdfWithoutText', values: { n: pdfWithoutText.length, names: someNames(pdfWithoutText) } });
  if (counts.pictures > 0) report.push({ code: 'pictures', values: { n: counts.pictures, selections: counts.pictureSel } });
  if (counts.audio > 0) report.push({ code: 'audio', values: { n: counts.audio, selections: counts.audioSel, transcripts: counts.audioTr } });
  if (counts.video > 0) report.push({ code: 'video', values: { n: counts.video, selections: counts.videoSel, transcripts: counts.videoTr } });
  if (sourceCodings > 0) report.push({ code: 'sourceCodings', values: { n: sourceCodings } });
  const countOf = (name: string, child: string) => {
    const el = childNamed(root, name);
    return el ? childrenNamed(el, child).length : 0;
  };
  for (const [code, name, child] of [
    ['cases', 'Cases', 'Case'],
    ['variables', 'Variables', 'Variable'],
    ['sets', 'Sets', 'Set'],
    ['graphs', 'Graphs', 'Graph'],
    ['links', 'Links', 'Link'],
  ] as const) {
    const n = countOf(name, child);
    if (n > 0) report.push({ code, values: { n } });
  }
  const leftNotes = [...noteText.keys()].filter((g) => !usedNotes.has(g) && g !== sidecarNoteGuid).length;
  if (leftNotes > 0) report.push({ code: 'notes', values: { n: leftNotes } });
  if (unknownCodings > 0) report.push({ code: 'unknownCode', values: { n: unknownCodings } });
  if (outOfRange.length > 0) report.push({ code: 'outOfRange', values: { n: outOfRange.length, names: someNames(outOfRange) } });
  if (checked > 0) report.push({ code: 'quoteChecked', values: { checked, matched } });
  if (mismatched.length > 0) report.push({ code: 'quoteMismatch', values: { n: mismatched.length, names: someNames(mismatched) } });
  if (crlfAsOne > 0) report.push({ code: 'crlfOneCharacter', values: { n: crlfAsOne } });
  if (splitByCoder > 0) report.push({ code: 'splitByCoder', values: { n: splitByCoder } });

  const fragmentIdSet = new Set(fragments.map((f) => f.id as string));
  const coderIdSet = new Set(coders.keys());
  const data: ProjectData = {
    documents,
    texts,
    codebooks,
    fragments,
    searches,
    coders: [...coders.values()],
    settings,
    hits,
    // Worthmark's reviews, conflicts and deletion records, where what they refer to is still there.
    reviews: (side?.reviews ?? []).filter((r) => fragmentIdSet.has(r.fragmentId) && coderIdSet.has(r.reviewerId)),
    conflicts: (side?.conflicts ?? []).filter((c) => docIds.has(c.documentId)),
    deletions: (side?.deletions ?? []).filter((d) => !fragmentIdSet.has(d.id)),
  };
  // The same checks as a project file for everything that can come from Worthmark's note (documents,
  // pages, blocks, searches, decisions, settings) and the texts; the fragments are sound by
  // construction above (ranges within their text, each code, value, flag and coder present, once).
  const checkedData = parseProjectFile(toProjectFile({ ...data, fragments: [] }, { indent: 0 }));
  if ('error' in checkedData) return within(checkedData.error);
  checkedData.parsed.fragments = fragments;
  report.unshift({
    code: 'read',
    values: {
      documents: documents.length,
      codes: codebooks.reduce((n, b) => n + b.codes.length, 0),
      values: codebooks.reduce((n, b) => n + b.codes.reduce((m, c) => m + c.values.length, 0), 0),
      coders: coders.size,
      fragments: fragments.length,
    },
  });
  return { parsed: { data: checkedData.parsed, originals, report: { kind: options.kind ?? 'qde', notes: report } } };
}

