/** The rules of a project file, for the fuzz suites (written apart from src/exchange/project-consistency.ts). */
import type { ProjectData } from '../../src/exchange/project-file.ts';
import type { Block, ImportReport, Page } from '../../src/model/document.ts';

/** Pages, blocks and report counts of one text: what the import makes and a project file must keep. */
export function layoutInconsistency(text: string, pages: readonly Page[], blocks: readonly Block[], report: ImportReport): string | null {
  const n = text.length;
  if (pages.length === 0) return 'no pages';
  if (report.pageCount !== pages.length) return 'pageCount';
  if (report.joined && report.joined.length !== report.joinedHyphens) return 'joined count';
  let pos = 0;
  let index = 0;
  for (const page of pages) {
    if (page.start !== pos || page.end < page.start || page.index <= index) return `page ${page.index} not in order`;
    pos = page.end;
    index = page.index;
  }
  if (pos !== n) return 'pages do not reach the end';
  let covered = 0;
  for (const b of blocks) {
    if (b.start < covered || b.end < b.start || b.end > n) return 'blocks out of order';
    if (text.slice(covered, b.start).trim() !== '') return 'text outside blocks';
    covered = b.end;
  }
  if (text.slice(covered).trim() !== '') return 'text after the last block';
  return null;
}

/**
 * The rules of a project file, checked apart from the validator (so the two check each other): what
 * must hold for every project the reader accepts. Returns why it does not, or null.
 */
export function inconsistency(p: ProjectData): string | null {
  const texts = new Map(p.texts.map((t) => [t.documentId as string, t]));
  if (texts.size !== p.texts.length) return 'two texts for one document';
  const docIds = new Set(p.documents.map((d) => d.id as string));
  if (docIds.size !== p.documents.length) return 'duplicate document id';
  for (const t of p.texts) if (!docIds.has(t.documentId)) return `text without document ${t.documentId}`;
  for (const d of p.documents) {
    const t = texts.get(d.id);
    if (!t) return `document ${d.id} without text`;
    const n = t.text.length;
    if (d.charCount !== n) return `charCount ${d.charCount} ≠ ${n}`;
    const why = layoutInconsistency(t.text, d.pages, t.blocks, d.report);
    if (why) return why;
  }
  const codes = new Set(p.codebooks.flatMap((b) => b.codes.map((c) => c.id as string)));
  const coders = new Set(p.coders.map((c) => c.id as string));
  for (const f of p.fragments) {
    const t = texts.get(f.documentId);
    if (!t) return 'fragment of no document';
    if (f.anchor.start > f.anchor.end || f.anchor.end > t.text.length) return 'anchor outside the text';
    if (f.codes.some((c) => !codes.has(c))) return 'unknown code';
    if (new Set(f.codes).size !== f.codes.length) return 'code twice';
    if (!coders.has(f.coderId)) return 'unknown coder';
  }
  const searches = new Set(p.searches.map((s) => s.id as string));
  for (const h of p.hits) {
    const t = texts.get(h.documentId);
    if (!t || !searches.has(h.searchId)) return 'decision of nothing';
    if (!(h.start < h.end) || h.end > t.text.length) return 'bad hit range';
  }
  const s = p.settings;
  if ('lang' in s && s.lang !== 'nl' && s.lang !== 'en') return 'lang';
  if ('coderId' in s && !coders.has(s.coderId as string)) return 'coderId';
  return null;
}

