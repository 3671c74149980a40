/**
 * Test support for merges: small projects built in code, with the default codebook, and a
 * coder who edits fragments the way the app does (version vector bumped, updatedBy set).
 */
import { readFileSync } from 'node:fs';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { placeholderText } from '../../../src/text/missing-text.ts';
import type { ProjectData } from '../../../src/exchange/project-file.ts';
import { anchorFromRange, bumpVersion, type Codebook, type Coder, type CoderId, type DocumentId, type DocumentText, type Fragment, type FragmentId, type PolicyDocument } from '../../../src/model/index.ts';

const parsed = parseCodebook(readFileSync(new URL('../../../codebooks/boltanski-thevenot.json', import.meta.url), 'utf8'));
if ('error' in parsed) throw new Error(parsed.error.reason);
const book = parsed.parsed;

/** The default codebook (a fresh copy each call). */
export function defaultCodebook(): Codebook {
  return structuredClone(book);
}

/** Two invented policy texts (written for these tests). */
export const TEXTS = {
  rivier:
    'Rivierstad heeft een rijk cultureel leven. Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op. ' +
    'Iedere inwoner moet kunnen meedoen aan cultuur, ongeacht afkomst of inkomen. De regio werkt samen met partners in binnen- en buitenland.',
  kust:
    'De Kustregio zet in op cultuurtoerisme. Het erfgoed van de vissersdorpen is een bron van trots. ' +
    'Culturele instellingen werken efficiënt en professioneel samen over de grens.',
};

/** A document record for a text. */
export function documentOf(id: string, text: string, contentHash = `file-${id}`): { document: PolicyDocument; text: DocumentText } {
  return {
    document: {
      id: id as DocumentId,
      title: id,
      fileName: `${id}.pdf`,
      format: 'pdf',
      contentHash,
      pages: [{ index: 1, label: '1', start: 0, end: text.length }],
      charCount: text.length,
      meta: {},
      report: { joinedHyphens: 0, removedLines: [], pageCount: 1 },
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    text: { documentId: id as DocumentId, text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] },
  };
}

/** A coder. */
export function coder(id: string, name: string): Coder {
  return { id: id as CoderId, name, initials: name.split(' ').map((w) => w[0]).join('') };
}

/** An empty project with the default codebook. */
export function emptyProject(): ProjectData {
  return { documents: [], texts: [], codebooks: [defaultCodebook()], fragments: [], searches: [], coders: [], settings: {}, hits: [], reviews: [], conflicts: [], deletions: [] };
}

/** A project with the given documents (id → text) and coders. */
export function project(docs: Record<string, string>, coders: Coder[]): ProjectData {
  const p = emptyProject();
  for (const [id, text] of Object.entries(docs)) {
    const d = documentOf(id, text);
    p.documents.push(d.document);
    p.texts.push(d.text);
  }
  p.coders.push(...coders);
  return p;
}

let clock = Date.parse('2026-02-01T09:00:00.000Z');
/** A strictly increasing time, like a real clock during one test run. */
export function tick(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

/** Codes a quote of a document as a coder would: a new fragment with a version vector. */
export function code(p: ProjectData, documentId: string, quote: string, codes: string[], coderId: string, id?: string): Fragment {
  const text = p.texts.find((t) => t.documentId === documentId)!.text;
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`quote not in ${documentId}: ${quote}`);
  const at = tick();
  const f: Fragment = {
    id: (id ?? globalThis.crypto.randomUUID()) as FragmentId,
    documentId: documentId as DocumentId,
    anchor: anchorFromRange(text, start, start + quote.length),
    codes: codes as Fragment['codes'],
    flags: [],
    memo: '',
    coderId: coderId as CoderId,
    createdAt: at,
    updatedAt: at,
    versions: bumpVersion(undefined, coderId),
  };
  p.fragments.push(f);
  return f;
}

/** Changes a fragment of a project as `by` would in the app (version bumped, updatedBy when not the coder). */
export function edit(p: ProjectData, id: string, by: string, change: Partial<Fragment>): Fragment {
  const i = p.fragments.findIndex((f) => f.id === id);
  const before = p.fragments[i]!;
  const after: Fragment = { ...before, ...change, updatedAt: tick(), versions: bumpVersion(before.versions, by) };
  if (by !== before.coderId) after.updatedBy = by as CoderId;
  else delete after.updatedBy;
  p.fragments[i] = after;
  return after;
}

/** Deletes a fragment as the app does: the fragment goes, a deletion record stays. */
export function remove(p: ProjectData, id: string, by: string): void {
  const i = p.fragments.findIndex((f) => f.id === id);
  const f = p.fragments[i]!;
  p.fragments.splice(i, 1);
  p.deletions!.push({ id: f.id, documentId: f.documentId, versions: bumpVersion(f.versions, by), deletedAt: tick(), deletedBy: by as CoderId });
}

/** A deep copy, as a project file written and read back would be. */
export function copy<T>(x: T): T {
  return structuredClone(x);
}

/**
 * A project holding `real` as a document whose text is missing (as a .qdpx without its text file
 * reads): a stand-in reaching to the end of the last passage, with the quotes in `known` known, and
 * a fragment of `by` on each passage (a quote of `real`; codes; id), coded at its place in the
 * stand-in (all in the BMP: its UTF-16 offsets are code points).
 */
export function textMissingProject(
  real: string,
  known: readonly (string | { at: string; text: string })[],
  passages: readonly [string, string[], string][],
  by: Coder,
  doc = { id: 'q-doc', title: 'Source', source: 'Source.docx' },
): ProjectData {
  const cp = (s: string) => Array.from(real.slice(0, real.indexOf(s))).length;
  const length = passages.reduce((m, [s]) => Math.max(m, cp(s) + Array.from(s).length), 0);
  // A known quote is the text of a passage, or (`at` a passage) what the file says is there.
  const standIn = placeholderText(length, known.map((k) => (typeof k === 'string' ? { start: cp(k), text: k } : { start: cp(k.at), text: k.text }))).text;
  const p = emptyProject();
  const d = documentOf(doc.id, standIn, `stand-in-${doc.id}`);
  p.documents.push({ ...d.document, title: doc.title, fileName: doc.source, textMissing: { source: doc.source, origin: 'ATLAS.ti 23.2' } });
  p.texts.push(d.text);
  p.coders.push(by);
  for (const [s, codes, id] of passages) {
    const f = code(p, doc.id, standIn.slice(0, 1), codes, by.id, id);
    f.anchor = anchorFromRange(standIn, cp(s), cp(s) + Array.from(s).length);
  }
  return p;
}
