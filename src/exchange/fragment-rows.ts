/**
 * Resolves fragments to flat rows for exports (CSV now, spreadsheets later): document title,
 * page label (from the page holding the fragment's start), regime, flag and coder names in one
 * language. Rows are ordered by document (in project order), then by start offset, then by end.
 * A code, flag or coder that cannot be resolved is shown by its id, so nothing is lost.
 */
import type { Codebook, LocalText } from '../model/codebook.ts';
import { pageAt, type PolicyDocument } from '../model/document.ts';
import { valueRef, type Coder, type Fragment } from '../model/fragment.ts';
import type { FragmentCsvRow } from './csv.ts';

/** The parts of a project the fragment rows need. */
export interface FragmentRowSource {
  documents: readonly PolicyDocument[];
  codebooks: readonly Codebook[];
  fragments: readonly Fragment[];
  coders: readonly Coder[];
}

/** Builds one export row per fragment, names in the given language; see the module header for order and fallbacks. */
export function fragmentRows(source: FragmentRowSource, lang: keyof LocalText): FragmentCsvRow[] {
  const documentIndex = new Map(source.documents.map((d, i) => [d.id as string, i]));
  const codeName = new Map<string, string>();
  const flagName = new Map<string, string>();
  const valueName = new Map<string, string>();
  for (const book of source.codebooks) {
    for (const code of book.codes) {
      if (!codeName.has(code.id)) codeName.set(code.id, code.name[lang]);
      for (const v of code.values) {
        const ref = valueRef(code.id, v.id);
        if (!valueName.has(ref)) valueName.set(ref, v.name[lang]);
      }
    }
    for (const flag of book.flags) if (!flagName.has(flag.id)) flagName.set(flag.id, flag.name[lang]);
  }
  const coderName = new Map(source.coders.map((c) => [c.id as string, c.name]));
  const order = (f: Fragment) => documentIndex.get(f.documentId) ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...source.fragments].sort(
    (a, b) => order(a) - order(b) || a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end,
  );
  return sorted.map((f) => {
    const index = documentIndex.get(f.documentId);
    const document = index === undefined ? undefined : source.documents[index];
    return {
      document: document?.title ?? f.documentId,
      // An orphan (its quote not found in the text; empty range) has no page to cite.
      page: document && f.anchor.end > f.anchor.start ? (pageAt(document.pages, f.anchor.start)?.label ?? '') : '',
      start: f.anchor.start,
      end: f.anchor.end,
      text: f.anchor.exact,
      regimes: f.codes.map((c) => codeName.get(c) ?? c),
      flags: f.flags.map((id) => flagName.get(id) ?? id),
      values: (f.values ?? []).map((ref) => valueName.get(ref) ?? ref),
      id: f.id,
      memo: f.memo,
      coder: coderName.get(f.coderId) ?? f.coderId,
      created: f.createdAt,
    };
  });
}
