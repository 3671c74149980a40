/**
 * REFI-QDA codebook exchange (`.qdc`, namespace urn:QDA-XML:codebook:1.0; see
 * ../shared/refi-qda/Codebook.xsd): write a Worthmark codebook for ATLAS.ti, MAXQDA, NVivo,
 * QualCoder and friends, and read theirs.
 *
 * Mapping (what survives the trip):
 * - a Worthmark code is a top-level `<Code>`; its values are `<Code>` elements nested one level
 *   inside it; all are `isCodable="true"`;
 * - names and descriptions are written in one UI language (the format has one name);
 * - GUIDs are derived from the codebook id and code/value ids, so exporting twice gives the
 *   same GUIDs and another tool sees the same codes;
 * - keys, flags, the second language, the change log and aliases are Worthmark's own and not
 *   written.
 * Reading is lenient (any namespace prefix, a REFI-QDA project file's CodeBook too, #RGB
 * colours, missing colours) and keeps the tree: a top-level `<Code>` becomes a code (with a free
 * shortcut key while there are keys; codes after that have none), and every code nested in it,
 * at any depth, one of its values, with the value it is nested under as `parent`. GUIDs become
 * the ids (lower case, without braces), `isCodable="false"` folders stay non-codable, colours of
 * nested codes are kept and empty descriptions stay empty. Names and descriptions read stand for
 * both languages. Errors name the element and line.
 */
import type { Code, Codebook, CodeValue } from '../model/codebook.ts';
import type { CodebookId, CodeId } from '../model/ids.ts';
import { formatError, type FormatError } from './format-error.ts';
import { childNamed, childrenNamed, parseXml, xmlEscape, type XmlElement } from './refi-qda-xml.ts';

/** The codebook namespace of REFI-QDA 1.0. */
export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** Options for writing a .qdc file. */
export interface QdcOptions {
  /** Which language's names and descriptions to write. */
  lang: 'nl' | 'en';
}

/** A GUID (8-4-4-4-12 hex) derived from a string: the same input always gives the same GUID. */
export function stableGuid(seed: string): string {
  // Four FNV-1a 32-bit hashes with different offsets make 128 bits; not cryptographic, only stable.
  // One pass over the seed updates all four (this runs once per exported coding).
  let h0 = 0x811c9dc5;
  let h1 = 0x01000193;
  let h2 = 0x9e3779b9;
  let h3 = 0x85ebca6b;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h0 = Math.imul(h0 ^ c, 0x01000193);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193);
    h3 = Math.imul(h3 ^ c, 0x01000193);
  }
  const fin = (h: number) => {
    h = (h >>> 0) ^ ((h >>> 0) >>> 15);
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  const hex = fin(h0) + fin(h1) + fin(h2) + fin(h3);
  // Mark as an RFC 4122 name-based UUID (version 5 layout, variant 10).
  const v = `5${hex.slice(13, 16)}`;
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${v}-${variant}-${hex.slice(20, 32)}`;
}

/** Writes a codebook as a REFI-QDA codebook file (.qdc, UTF-8 XML). */
export function toQdc(book: Codebook, options: QdcOptions): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<CodeBook xmlns="${QDC_NAMESPACE}" origin="Worthmark">`, '  <Codes>'];
  lines.push(...codeElements(book, options.lang, '    '));
  lines.push('  </Codes>', '</CodeBook>', '');
  return lines.join('\n');
}

const GUID_RE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The GUID of a REFI-QDA file in our id form (lower case, no braces); undefined when it is not a GUID. */
export function guidToId(guid: string | undefined): string | undefined {
  const m = guid ? GUID_RE.exec(guid.trim()) : null;
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The GUID an id is written as: the id itself when it is a GUID, else one derived from `seed`. */
export function guidFor(id: string, seed: string): string {
  return guidToId(id) ?? stableGuid(seed);
}

/** The GUID a code is written as (its id when that is a GUID, as for codes read from REFI-QDA). */
export function codeGuid(book: Codebook, codeId: string): string {
  return guidFor(codeId, `${book.id}:${codeId}`);
}

/** The GUID a value is written as. */
export function valueGuid(book: Codebook, codeId: string, valueId: string): string {
  return guidFor(valueId, `${book.id}:${codeId}:${valueId}`);
}

/**
 * The `<Code>` elements of a codebook, one per code with its values nested (following their
 * `parent`), in one language; shared by .qdc and .qde. Lines are indented by `indent`.
 */
export function codeElements(book: Codebook, lang: 'nl' | 'en', indent: string): string[] {
  const lines: string[] = [];
  const element = (pad: string, attrs: string, description: string | undefined, children: () => void, hasChildren: boolean) => {
    const d = description?.trim();
    if (!d && !hasChildren) {
      lines.push(`${pad}<Code ${attrs}/>`);
      return;
    }
    lines.push(`${pad}<Code ${attrs}>`);
    if (d) lines.push(`${pad}  <Description>${xmlEscape(d)}</Description>`);
    children();
    lines.push(`${pad}</Code>`);
  };
  for (const code of book.codes) {
    const byId = new Map(code.values.map((v) => [v.id, v]));
    // A value whose parent is missing, or whose parents run in a circle (a hand-edited file), is
    // written directly under its code rather than lost.
    const parentOf = (v: CodeValue) => {
      let p = v.parent;
      for (let steps = 0; p !== undefined; steps++) {
        if (p === v.id || !byId.has(p) || steps > code.values.length) return undefined;
        p = byId.get(p)!.parent;
      }
      return v.parent;
    };
    const under = new Map<string | undefined, CodeValue[]>();
    for (const v of code.values) {
      const p = parentOf(v);
      under.set(p, [...(under.get(p) ?? []), v]);
    }
    const writeValues = (parent: string | undefined, pad: string) => {
      for (const v of under.get(parent) ?? []) {
        const colour = v.color ? ` color="${v.color.toUpperCase()}"` : '';
        const attrs = `guid="${valueGuid(book, code.id, v.id)}" name="${xmlEscape(v.name[lang])}" isCodable="${v.codable === false ? 'false' : 'true'}"${colour}`;
        element(pad, attrs, v.description?.[lang], () => writeValues(v.id, `${pad}  `), (under.get(v.id) ?? []).length > 0);
      }
    };
    const attrs = `guid="${codeGuid(book, code.id)}" name="${xmlEscape(code.name[lang])}" isCodable="${code.codable === false ? 'false' : 'true'}" color="${code.color.toUpperCase()}"`;
    element(indent, attrs, code.description[lang], () => writeValues(undefined, `${indent}  `), code.values.length > 0);
  }
  return lines;
}

/** Options for reading a .qdc file. */
export interface ParseQdcOptions {
  /** The file's name, for the codebook's id and name when the file has no origin. */
  fileName?: string;
}

const KEYS = '1234567890abcdefhijklnoqrtuwxyz'.split('');
const FALLBACK_COLOURS = ['#CC79A7', '#E69F00', '#F0E442', '#009E73', '#D55E00', '#0072B2', '#56B4E9', '#882255', '#117733', '#332288'];

/** Makes an id from a name: lower-case ASCII letters, digits and hyphens, unique among `taken`. */
export function slug(name: string, taken: Set<string>, fallback: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

/** A REFI-QDA colour (#RRGGBB or #RGB) as #RRGGBB; undefined when absent or not a colour. */
export function colourOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // Read leniently: "#RRGGBB" as the schema says; "#RRGGBBAA" (the alpha dropped) and a missing "#" as some tools write.
  const v = value.trim().replace(/^#?([0-9A-Fa-f]{6})(?:[0-9A-Fa-f]{2})?$/, '#$1');
  if (/^#[0-9A-Fa-f]{6}$/.test(v)) return v.toUpperCase();
  if (/^#[0-9A-Fa-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`.toUpperCase();
  return undefined;
}

const where = (el: XmlElement, path: string) => `${path} (line ${el.line})`;

/** Where a REFI-QDA code GUID landed in the codebook read: a code, or a value under a code. */
export interface CodeTarget {
  codeId: CodeId;
  valueId?: string;
}

/** A codebook read from a REFI-QDA `<Codes>` element, with the code GUIDs (in id form) it maps. */
export interface ReadCodebook {
  codebook: Codebook;
  /** Each `<Code>` GUID (lower case, no braces) → the code or value it became. */
  byGuid: Map<string, CodeTarget>;
}

/**
 * Reads the `<Codes>` of a REFI-QDA codebook or project (see the module header for the mapping).
 * `pathPrefix` names the element in errors ("CodeBook" or "Project/CodeBook").
 */
export function readCodes(codesEl: XmlElement, pathPrefix: string, book: { id: string; title: string }): { parsed: ReadCodebook } | { error: FormatError } {
  const taken = new Set<string>();
  const byGuid = new Map<string, CodeTarget>();
  const idFor = (el: XmlElement, name: string, fallback: string) => {
    const g = guidToId(el.attrs.guid);
    if (g && !taken.has(g)) {
      taken.add(g);
      return g;
    }
    return slug(name, taken, fallback);
  };
  const codes: Code[] = [];
  let keyIndex = 0;
  for (const [i, el] of childrenNamed(codesEl, 'Code').entries()) {
    const path = `${pathPrefix}/Codes/Code[${i + 1}]`;
    const name = el.attrs.name?.trim();
    if (!name) return { error: formatError(where(el, path), 'qdc.codeWithoutName', {}) };
    const description = descriptionOf(el);
    const codeId = idFor(el, name, 'code') as CodeId;
    const g = guidToId(el.attrs.guid);
    if (g) byGuid.set(g, { codeId });
    const values: CodeValue[] = [];
    // Depth-first over the nested codes, with an explicit stack (depth is bounded by the XML reader anyway).
    const stack: { el: XmlElement; parent?: string; path: string }[] = childrenNamed(el, 'Code')
      .map((child, j) => ({ el: child, path: `${path}/Code[${j + 1}]` }))
      .reverse();
    while (stack.length > 0) {
      const item = stack.pop()!;
      const childName = item.el.attrs.name?.trim();
      if (!childName) return { error: formatError(where(item.el, item.path), 'qdc.codeWithoutName', {}) };
      const valueId = idFor(item.el, childName, 'value');
      const value: CodeValue = { id: valueId, name: { nl: childName, en: childName } };
      const d = descriptionOf(item.el);
      if (d) value.description = { nl: d, en: d };
      if (item.parent) value.parent = item.parent;
      const colour = colourOf(item.el.attrs.color);
      if (colour) value.color = colour;
      if (item.el.attrs.isCodable?.trim() === 'false') value.codable = false;
      values.push(value);
      const vg = guidToId(item.el.attrs.guid);
      if (vg) byGuid.set(vg, { codeId, valueId });
      const kids = childrenNamed(item.el, 'Code');
      for (let j = kids.length - 1; j >= 0; j--) stack.push({ el: kids[j]!, parent: valueId, path: `${item.path}/Code[${j + 1}]` });
    }
    const code: Code = {
      id: codeId,
      name: { nl: name, en: name },
      description: { nl: description, en: description },
      values,
      color: colourOf(el.attrs.color) ?? FALLBACK_COLOURS[i % FALLBACK_COLOURS.length]!,
      key: KEYS[keyIndex++] ?? '',
    };
    if (el.attrs.isCodable?.trim() === 'false') code.codable = false;
    codes.push(code);
  }
  return {
    parsed: {
      codebook: {
        id: slug(book.id, new Set(), 'refi-qda') as CodebookId,
        formatVersion: 1,
        name: { nl: book.title, en: book.title },
        codes,
        flags: [],
      },
      byGuid,
    },
  };
}

/** Reads a REFI-QDA codebook (.qdc) — or the CodeBook of a project file — as a Worthmark codebook. */
export function parseQdc(xml: string, options: ParseQdcOptions = {}): { parsed: Codebook } | { error: FormatError } {
  const doc = parseXml(xml);
  if ('error' in doc) return doc;
  const root = doc.parsed;
  const codeBook = root.name === 'CodeBook' ? root : root.name === 'Project' ? childNamed(root, 'CodeBook') : undefined;
  if (!codeBook) return { error: formatError(root.name, 'qdc.notCodebook', {}) };
  const codesEl = childNamed(codeBook, 'Codes');
  if (!codesEl) return { error: formatError(where(codeBook, 'CodeBook'), 'qdc.noCodes', {}) };
  const base = options.fileName?.replace(/\.[^.]+$/, '');
  const title = codeBook.attrs.origin?.trim() || root.attrs.name?.trim() || base || 'REFI-QDA';
  const read = readCodes(codesEl, root.name === 'Project' ? 'Project/CodeBook' : 'CodeBook', { id: base ?? 'refi-qda', title });
  return 'error' in read ? read : { parsed: read.parsed.codebook };
}

function descriptionOf(el: XmlElement): string {
  return childNamed(el, 'Description')?.text.trim() ?? '';
}

/** A codebook read from a project-like file, and whether the file held more than its codebook. */
export interface CodebookFromFile {
  codebook: Codebook;
  /** True for a REFI-QDA project (.qde, .qdpx): its documents, users, codings and notes were ignored. */
  ignoredRest: boolean;
}

/**
 * Reads the codebook of a REFI-QDA file by its content: a `.qdc`, a project `.qde` (its CodeBook),
 * or a `.qdpx` zip (the CodeBook of its `.qde`). `unzip` unpacks a zip (qdpx-read.ts provides it;
 * passed in so this module stays free of the zip library). Never throws.
 */
export function parseQdcBytes(
  bytes: Uint8Array,
  fileName: string,
  unzip: (bytes: Uint8Array) => { parsed: Record<string, Uint8Array> } | { error: FormatError },
): { parsed: CodebookFromFile } | { error: FormatError } {
  let xmlBytes = bytes;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const files = unzip(bytes);
    if ('error' in files) return files;
    const qde = Object.keys(files.parsed)
      .filter((p) => /\.qde$/i.test(p))
      .sort((a, b) => a.split('/').length - b.split('/').length)[0];
    if (!qde) return { error: formatError('', 'qdpx.noQde', {}) };
    xmlBytes = files.parsed[qde]!;
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(xmlBytes);
  } catch {
    return { error: formatError('', 'project.notUtf8', {}) };
  }
  const doc = parseXml(xml);
  if ('error' in doc) return doc;
  const parsed = parseQdc(xml, { fileName });
  return 'error' in parsed ? parsed : { parsed: { codebook: parsed.parsed, ignoredRest: doc.parsed.name === 'Project' } };
}
