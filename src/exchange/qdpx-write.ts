/**
 * Writing a Worthmark project as a REFI-QDA project (`.qdpx`: a zip with `project.qde`, valid
 * against Project.xsd 1.0, and `sources/<GUID>.txt`), for ATLAS.ti, MAXQDA, NVivo, QualCoder and
 * friends. What carries what (see also src/exchange/qdpx-format.md):
 *
 * - coders → `Users/User` (`name`, initials in `id`);
 * - codebooks → `CodeBook/Codes`: each code a top-level `Code` (colour, description, `isCodable`),
 *   its values `Code`s nested under it (following `parent`), names in the chosen language; every
 *   flag (the glocalisation flag) is a top-level code of its own named after the flag;
 * - documents → a `TextSource` whose `plainTextPath` is the normalised text (UTF-8, LF line ends),
 *   with a stored Word original as its `richTextPath`; a document whose PDF original is stored is a
 *   `PDFSource` (the PDF as `path`) with the text as its `Representation`;
 * - fragments → `PlainTextSelection`s with positions in Unicode code points (end exclusive, as
 *   real exporters write it) and the quote (up to 100 characters) as `name`; one `Coding` per code,
 *   per value and per flag, each with the fragment's coder and creation time; a memo is a `Note`
 *   with a `NoteRef` from the selection, and so is each review (status and comment thread, as
 *   readable text);
 * - what the standard has no place for (both language names, keys, ids, pages, blocks, document
 *   details, searches, worklist decisions, settings) is in one project `Note` named
 *   "Worthmark project data" whose text is JSON, so Worthmark reads its own export back whole;
 *   other tools show it as a memo and can ignore it.
 *
 * GUIDs: an id that is a GUID (Worthmark makes UUIDs) is written as it is; other ids get a GUID
 * derived from them (the same every time). Pure; zips with fflate.
 */
import { zipSync, strToU8 } from 'fflate';
import type { Codebook } from '../model/codebook.ts';
import { resolveCode } from '../model/codebook.ts';
import { parseValueRef, type Fragment } from '../model/fragment.ts';
import { codePointMap } from './code-points.ts';
import { MISSING_CHAR } from '../text/missing-text.ts';
import { codeElements, codeGuid, guidFor, stableGuid, valueGuid } from './refi-qda-codebook.ts';
import { xmlEscape } from './refi-qda-xml.ts';
import { toProjectFile, type ProjectData } from './project-file.ts';

/** The project namespace of REFI-QDA 1.0. */
export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** The name of the project note that carries what the standard has no place for. */
export const SIDECAR_NOTE_NAME = 'Worthmark project data';
/** The `format` of the JSON in that note. */
export const SIDECAR_FORMAT = 'worthmark-qdpx-sidecar';

/** An original file to put in the .qdpx beside its document's text. */
export interface OriginalBytes {
  fileName: string;
  type: string;
  bytes: Uint8Array;
}

/** Options for writing a .qdpx. */
export interface QdpxOptions {
  /** Which language's code names and descriptions to write. */
  lang: 'nl' | 'en';
  /** The project's name (`Project@name`); default "Worthmark project". */
  name?: string;
  /** Export time (ISO 8601); default now. */
  exportedAt?: string;
  /** Stored originals by document id (PDF → PDFSource, DOCX → richTextPath); others are left out. */
  originals?: ReadonlyMap<string, OriginalBytes>;
}

/** The JSON in the sidecar note: the project file without texts and fragments, plus the ids behind GUIDs. */
export interface Sidecar {
  format: typeof SIDECAR_FORMAT;
  version: 1;
  /** The language the names in the XML are in. */
  lang: 'nl' | 'en';
  /** GUID (lower case) → Worthmark id, for documents, coders and fragments whose id is no GUID. */
  ids: Record<string, string>;
  /** The project file (format version as written by project-file.ts), texts emptied, no fragments. */
  project: unknown;
  /** Each fragment's version vector (merge bookkeeping), by fragment id, where it has one. */
  versions?: Record<string, unknown>;
}

/** GUIDs of a project's objects, derived once. */
export function projectGuids(data: ProjectData) {
  return {
    document: (id: string) => guidFor(id, `document:${id}`),
    representation: (id: string) => stableGuid(`representation:${id}`),
    coder: (id: string) => guidFor(id, `coder:${id}`),
    fragment: (id: string) => guidFor(id, `fragment:${id}`),
    memo: (fragmentId: string) => stableGuid(`memo:${fragmentId}`),
    review: (reviewId: string) => stableGuid(`review:${reviewId}`),
    coding: (fragmentId: string, target: string) => stableGuid(`coding:${fragmentId}:${target}`),
    flag: (book: Codebook, flagId: string) => guidFor(flagId, `${book.id}:flag:${flagId}`),
    sidecar: () => stableGuid(`sidecar:${data.documents.map((d) => d.id).join(',')}`),
  };
}

const FLAG_COLOUR = '#808080';
const QUOTE_NAME_LENGTH = 100;

/** The selection name: the quote, shortened to 100 code points with "…" as ATLAS.ti does. */
function quoteName(exact: string): string {
  if (exact.length <= QUOTE_NAME_LENGTH) return exact; // at most 100 UTF-16 units: at most 100 code points
  let end = 0;
  for (let n = 0; n < QUOTE_NAME_LENGTH && end < exact.length; n++) {
    const c = exact.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && end + 1 < exact.length ? 2 : 1;
  }
  return end >= exact.length ? exact : `${exact.slice(0, end)}…`;
}

/**
 * The selection name of a passage of a document whose text is missing: what is known of its quote
 * from its start — the whole quote, or its known start cut with "…" (as ATLAS.ti names a quote);
 * undefined when its first character is not known.
 */
function standInName(exact: string): string | undefined {
  const gap = exact.indexOf(MISSING_CHAR);
  if (gap < 0) return quoteName(exact);
  if (gap === 0) return undefined;
  const name = quoteName(exact.slice(0, gap));
  return name.endsWith('…') ? name : `${name}…`;
}

const ext = (fileName: string) => /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** Builds `project.qde` and the files of `sources/` (path → bytes). */
export function toQde(data: ProjectData, options: QdpxOptions): { xml: string; files: Map<string, Uint8Array> } {
  const { lang } = options;
  const at = options.exportedAt ?? new Date().toISOString();
  const g = projectGuids(data);
  const files = new Map<string, Uint8Array>();
  const ids: Record<string, string> = {};
  const remember = (guid: string, id: string) => {
    if (guid !== id) ids[guid] = id;
  };
  const out: string[] = [];
  const push = (...lines: string[]) => void out.push(...lines);

  push('<?xml version="1.0" encoding="utf-8"?>');
  push(
    `<Project xmlns="${QDE_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QDE_NAMESPACE} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" name="${xmlEscape(options.name ?? 'Worthmark project')}" origin="Worthmark" creationDateTime="${at}" modifiedDateTime="${at}">`,
  );

  if (data.coders.length > 0) {
    push('  <Users>');
    for (const c of data.coders) {
      const guid = g.coder(c.id);
      remember(guid, c.id);
      push(`    <User guid="${guid}" name="${xmlEscape(c.name)}"${c.initials ? ` id="${xmlEscape(c.initials)}"` : ''}/>`);
    }
    push('  </Users>');
  }

  // Where each fragment's code, value and flag ids point in the XML.
  const codeTarget = new Map<string, string>();
  const valueTarget = new Map<string, string>();
  const flagTarget = new Map<string, string>();
  const codeLines: string[] = [];
  for (const book of data.codebooks) {
    for (const code of book.codes) {
      if (!codeTarget.has(code.id)) codeTarget.set(code.id, codeGuid(book, code.id));
      for (const v of code.values) valueTarget.set(`${code.id}:${v.id}`, valueGuid(book, code.id, v.id));
    }
    for (const alias of Object.keys(book.aliases ?? {})) {
      const to = resolveCode(book, alias);
      if (to && !codeTarget.has(alias)) codeTarget.set(alias, codeGuid(book, to.id));
    }
    codeLines.push(...codeElements(book, lang, '      '));
    for (const flag of book.flags) {
      if (flagTarget.has(flag.id)) continue;
      const guid = g.flag(book, flag.id);
      flagTarget.set(flag.id, guid);
      const d = flag.description[lang].trim();
      const attrs = `guid="${guid}" name="${xmlEscape(flag.name[lang])}" isCodable="true" color="${FLAG_COLOUR}"`;
      codeLines.push(d ? `      <Code ${attrs}>\n        <Description>${xmlEscape(d)}</Description>\n      </Code>` : `      <Code ${attrs}/>`);
    }
  }
  if (codeLines.length > 0) push('  <CodeBook>\n    <Codes>', ...codeLines, '    </Codes>\n  </CodeBook>');

  const byDocument = new Map<string, Fragment[]>();
  for (const f of data.fragments) {
    const list = byDocument.get(f.documentId);
    if (list) list.push(f);
    else byDocument.set(f.documentId, [f]);
  }
  const texts = new Map(data.texts.map((t) => [t.documentId as string, t.text]));
  const notes: string[] = [];
  const coderName = new Map(data.coders.map((c) => [c.id as string, c.name]));
  const reviewsOf = new Map<string, NonNullable<ProjectData['reviews']>>();
  for (const r of data.reviews ?? []) {
    const list = reviewsOf.get(r.fragmentId);
    if (list) list.push(r);
    else reviewsOf.set(r.fragmentId, [r]);
  }

  const selections = (docId: string, text: string, pad: string, textMissing: boolean) => {
    const cp = codePointMap(text);
    const list = [...(byDocument.get(docId) ?? [])].sort((a, b) => a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end);
    for (const f of list) {
      const guid = g.fragment(f.id);
      remember(guid, f.id);
      const coder = g.coder(f.coderId);
      const exact = text.slice(f.anchor.start, f.anchor.end);
      const name = textMissing ? standInName(exact) : quoteName(exact);
      const updatedBy = (f as Fragment & { updatedBy?: string }).updatedBy;
      // The last change only where there was one (readers take the creation for it otherwise).
      const modifier = updatedBy && updatedBy !== f.coderId ? ` modifyingUser="${g.coder(updatedBy)}"` : '';
      const modified = f.updatedAt !== f.createdAt ? ` modifiedDateTime="${f.updatedAt}"` : '';
      push(
        `${pad}<PlainTextSelection guid="${guid}"${name !== undefined ? ` name="${xmlEscape(name)}"` : ''} startPosition="${cp.toCodePoint(f.anchor.start)}" endPosition="${cp.toCodePoint(f.anchor.end)}" creatingUser="${coder}" creationDateTime="${f.createdAt}"${modifier}${modified}>`,
      );
      const targets: string[] = [];
      for (const code of f.codes) {
        const t = codeTarget.get(code);
        if (t && !targets.includes(t)) targets.push(t);
      }
      for (const ref of f.values ?? []) {
        const v = parseValueRef(ref);
        const t = v && valueTarget.get(`${v.codeId}:${v.valueId}`);
        if (t && !targets.includes(t)) targets.push(t);
      }
      for (const flag of f.flags) {
        const t = flagTarget.get(flag);
        if (t && !targets.includes(t)) targets.push(t);
      }
      for (const t of targets) {
        push(`${pad}  <Coding guid="${g.coding(f.id, t)}" creatingUser="${coder}" creationDateTime="${f.createdAt}">`);
        push(`${pad}    <CodeRef targetGUID="${t}"/>`);
        push(`${pad}  </Coding>`);
      }
      // Reviews and their comment threads: one note per review, readable in any program.
      for (const r of reviewsOf.get(f.id) ?? []) {
        const guid = g.review(r.id);
        push(`${pad}  <NoteRef targetGUID="${guid}"/>`);
        const who = (id: string) => coderName.get(id) ?? id;
        const lines = [`Review by ${who(r.reviewerId)}${r.status ? `: ${r.status}` : ''}${r.statusAt ? ` (${r.statusAt})` : ''}`];
        for (const c of r.comments) if (!c.deletedAt) lines.push(`${who(c.authorId)} (${c.editedAt ?? c.at}): ${c.text}`);
        if (r.resolution?.resolved) lines.push(`Resolved by ${who(r.resolution.by)} (${r.resolution.at})`);
        notes.push(
          `    <Note guid="${guid}" name="${xmlEscape(`Review by ${who(r.reviewerId)}`)}" creatingUser="${g.coder(r.reviewerId)}" modifiedDateTime="${r.updatedAt}">`,
          `      <PlainTextContent>${xmlEscape(lines.join('\n'))}</PlainTextContent>`,
          '    </Note>',
        );
      }
      if (f.memo.trim()) {
        const memo = g.memo(f.id);
        push(`${pad}  <NoteRef targetGUID="${memo}"/>`);
        notes.push(
          `    <Note guid="${memo}" name="${xmlEscape(`Memo: ${(name ?? '').slice(0, 60)}`)}" creatingUser="${coder}" creationDateTime="${f.createdAt}" modifiedDateTime="${f.updatedAt}">`,
          `      <PlainTextContent>${xmlEscape(f.memo)}</PlainTextContent>`,
          '    </Note>',
        );
      }
      push(`${pad}</PlainTextSelection>`);
    }
  };

  if (data.documents.length > 0) {
    push('  <Sources>');
    for (const doc of data.documents) {
      const guid = g.document(doc.id);
      remember(guid, doc.id);
      const text = texts.get(doc.id) ?? '';
      const original = options.originals?.get(doc.id);
      const originalExt = original ? ext(original.fileName) || (original.type === 'application/pdf' ? 'pdf' : '') : '';
      const created = `creationDateTime="${doc.createdAt}"`;
      // A document whose text is missing has no text file: its stand-in is not the text.
      const missing = !!doc.textMissing;
      const sourceName = xmlEscape(missing ? doc.textMissing!.source || doc.title : doc.title);
      if (original && originalExt === 'pdf') {
        const repr = g.representation(doc.id);
        files.set(`sources/${guid}.pdf`, original.bytes);
        if (!missing) files.set(`sources/${repr}.txt`, strToU8(text));
        push(`    <PDFSource guid="${guid}" name="${sourceName}" path="internal://${guid}.pdf" currentPath="${xmlEscape(original.fileName)}" ${created}>`);
        push(`      <Representation guid="${repr}" name="${sourceName}"${missing ? '' : ` plainTextPath="internal://${repr}.txt"`} ${created}>`);
        selections(doc.id, text, '        ', missing);
        push('      </Representation>');
        push('    </PDFSource>');
      } else {
        if (!missing) files.set(`sources/${guid}.txt`, strToU8(text));
        let rich = '';
        if (original && originalExt === 'docx') {
          files.set(`sources/${guid}.docx`, original.bytes);
          rich = ` richTextPath="internal://${guid}.docx"`;
        }
        push(`    <TextSource guid="${guid}" name="${sourceName}"${missing ? '' : ` plainTextPath="internal://${guid}.txt"`}${rich} ${created}>`);
        selections(doc.id, text, '      ', missing);
        push('    </TextSource>');
      }
    }
    push('  </Sources>');
  }

  const sidecarGuid = g.sidecar();
  const missingIds = new Set(data.documents.filter((d) => d.textMissing).map((d) => d.id as string));
  const project = JSON.parse(
    // Texts are the source files, emptied here; a stand-in for a missing text has no file, so it stays.
    toProjectFile({ ...data, texts: data.texts.map((t) => (missingIds.has(t.documentId) ? t : { ...t, text: '' })), fragments: [] }, { exportedAt: at, indent: 0 }),
  ) as unknown;
  const versions: Record<string, unknown> = {};
  for (const f of data.fragments) if (f.versions && Object.keys(f.versions).length > 0) versions[f.id] = f.versions;
  const sidecar: Sidecar = { format: SIDECAR_FORMAT, version: 1, lang, ids, project, ...(Object.keys(versions).length > 0 ? { versions } : {}) };
  push('  <Notes>', ...notes);
  push(`    <Note guid="${sidecarGuid}" name="${SIDECAR_NOTE_NAME}" creationDateTime="${at}">`);
  push(
    `      <Description>${xmlEscape('Written by Worthmark: what REFI-QDA has no place for (names in both languages, pages, document details, searches). Worthmark reads it back; other programs can ignore it.')}</Description>`,
  );
  push(`      <PlainTextContent>${xmlEscape(JSON.stringify(sidecar))}</PlainTextContent>`);
  push('    </Note>', '  </Notes>');
  push(`  <NoteRef targetGUID="${sidecarGuid}"/>`);
  push('</Project>', '');
  return { xml: out.join('\n'), files };
}

/** Writes a project as a `.qdpx` (zip) file. */
export function toQdpx(data: ProjectData, options: QdpxOptions): Uint8Array {
  const at = options.exportedAt ?? new Date().toISOString();
  const { xml, files } = toQde(data, { ...options, exportedAt: at });
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { 'project.qde': strToU8(xml) };
  // Originals are compressed already; storing them saves time and gains nothing.
  for (const [path, bytes] of files) entries[path] = /\.(pdf|docx)$/.test(path) ? [bytes, { level: 0 }] : bytes;
  // Level 1: a tenth of level 6's time on 30 MB of XML, for a file about a third larger.
  return zipSync(entries, { level: 1, mtime: new Date(at) });
}
