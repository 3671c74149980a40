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
 * colours, missing colours): top-level codes become codes with a fresh key, nested codes
 * their values, and codes nested deeper become values named by their path ("a / b").
 * Names and descriptions read stand for both languages. Errors name the element and line.
 */
import type { Code, Codebook, CodeValue } from '../model/codebook.ts';
import type { CodebookId, CodeId } from '../model/ids.ts';
import { formatError, type FormatError } from './format-error.ts';
import { parseXml, xmlEscape, type XmlElement } from './refi-qda-xml.ts';

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
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((offset) => {
    let h = offset >>> 0;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    return h.toString(16).padStart(8, '0');
  });
  const hex = lanes.join('');
  // Mark as an RFC 4122 name-based UUID (version 5 layout, variant 10).
  const v = `5${hex.slice(13, 16)}`;
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${v}-${variant}-${hex.slice(20, 32)}`;
}

/** Writes a codebook as a REFI-QDA codebook file (.qdc, UTF-8 XML). */
export function toQdc(book: Codebook, options: QdcOptions): string {
  const { lang } = options;
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<CodeBook xmlns="${QDC_NAMESPACE}" origin="Worthmark">`, '  <Codes>'];
  for (const code of book.codes) {
    const attrs = `guid="${stableGuid(`${book.id}:${code.id}`)}" name="${xmlEscape(code.name[lang])}" isCodable="true" color="${code.color.toUpperCase()}"`;
    const description = code.description[lang].trim();
    if (!description && code.values.length === 0) {
      lines.push(`    <Code ${attrs}/>`);
      continue;
    }
    lines.push(`    <Code ${attrs}>`);
    if (description) lines.push(`      <Description>${xmlEscape(description)}</Description>`);
    for (const v of code.values) {
      const vAttrs = `guid="${stableGuid(`${book.id}:${code.id}:${v.id}`)}" name="${xmlEscape(v.name[lang])}" isCodable="true"`;
      const vd = v.description?.[lang].trim();
      if (vd) lines.push(`      <Code ${vAttrs}>`, `        <Description>${xmlEscape(vd)}</Description>`, '      </Code>');
      else lines.push(`      <Code ${vAttrs}/>`);
    }
    lines.push('    </Code>');
  }
  lines.push('  </Codes>', '</CodeBook>', '');
  return lines.join('\n');
}

/** Options for reading a .qdc file. */
export interface ParseQdcOptions {
  /** The file's name, for the codebook's id and name when the file has no origin. */
  fileName?: string;
}

const KEYS = '1234567890abcdefhijklnoqrtuwxyz'.split('');
const FALLBACK_COLOURS = ['#CC79A7', '#E69F00', '#F0E442', '#009E73', '#D55E00', '#0072B2', '#56B4E9', '#882255', '#117733', '#332288'];

function slug(name: string, taken: Set<string>, fallback: string): string {
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

function colourOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^#[0-9A-Fa-f]{6}$/.test(v)) return v.toUpperCase();
  if (/^#[0-9A-Fa-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`.toUpperCase();
  return undefined;
}

const where = (el: XmlElement, path: string) => `${path} (line ${el.line})`;

/** Reads a REFI-QDA codebook (.qdc) — or the CodeBook of a project file — as a Worthmark codebook. */
export function parseQdc(xml: string, options: ParseQdcOptions = {}): { parsed: Codebook } | { error: FormatError } {
  const doc = parseXml(xml);
  if ('error' in doc) return doc;
  const root = doc.parsed;
  const codeBook = root.name === 'CodeBook' ? root : root.name === 'Project' ? root.children.find((c) => c.name === 'CodeBook') : undefined;
  if (!codeBook) return { error: formatError(root.name, 'qdc.notCodebook', {}) };
  const codesEl = codeBook.children.find((c) => c.name === 'Codes');
  if (!codesEl) return { error: formatError(where(codeBook, 'CodeBook'), 'qdc.noCodes', {}) };

  const codeIds = new Set<string>();
  const codes: Code[] = [];
  const top = codesEl.children.filter((c) => c.name === 'Code');
  for (const [i, el] of top.entries()) {
    const path = `CodeBook/Codes/Code[${i + 1}]`;
    const name = el.attrs.name?.trim();
    if (!name) return { error: formatError(where(el, path), 'qdc.codeWithoutName', {}) };
    const key = KEYS[i];
    if (!key) return { error: formatError(where(el, path), 'qdc.tooManyCodes', { max: KEYS.length }) };
    const description = descriptionOf(el);
    const valueIds = new Set<string>();
    const values: CodeValue[] = [];
    const collect = (parent: XmlElement, prefix: string, parentPath: string) => {
      for (const [j, child] of parent.children.filter((c) => c.name === 'Code').entries()) {
        const childPath = `${parentPath}/Code[${j + 1}]`;
        const childName = child.attrs.name?.trim();
        if (!childName) throw formatError(where(child, childPath), 'qdc.codeWithoutName', {});
        const full = prefix ? `${prefix} / ${childName}` : childName;
        const value: CodeValue = { id: slug(childName, valueIds, 'value'), name: { nl: full, en: full } };
        const d = descriptionOf(child);
        if (d) value.description = { nl: d, en: d };
        values.push(value);
        collect(child, full, childPath);
      }
    };
    try {
      collect(el, '', path);
    } catch (e) {
      return { error: e as FormatError };
    }
    codes.push({
      id: slug(name, codeIds, 'code') as CodeId,
      name: { nl: name, en: name },
      description: { nl: description || name, en: description || name },
      values,
      color: colourOf(el.attrs.color) ?? FALLBACK_COLOURS[i % FALLBACK_COLOURS.length]!,
      key,
    });
  }
  const title = codeBook.attrs.origin?.trim() || options.fileName?.replace(/\.[^.]+$/, '') || 'REFI-QDA';
  return {
    parsed: {
      id: slug(options.fileName?.replace(/\.[^.]+$/, '') ?? 'refi-qda', new Set(), 'refi-qda') as CodebookId,
      formatVersion: 1,
      name: { nl: title, en: title },
      codes,
      flags: [],
    },
  };
}

function descriptionOf(el: XmlElement): string {
  return el.children.find((c) => c.name === 'Description')?.text.trim() ?? '';
}
