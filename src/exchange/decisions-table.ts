/**
 * The worklist decisions of saved searches as a table — how a student justifies the selection of
 * fragments: every hit of the search set's terms in the project's documents, with its page and
 * context, its state (open, coded, dismissed), the reason of a dismissal ("inhoudsopgave") and the
 * regimes of the fragment that codes it. The same rows for the app (CSV, XLSX) and the CLI.
 *
 * Rows: per saved search (in the order given), the hits in document order (documents in the order
 * given), then by position. States follow text/worklist.ts (a fragment over the hit codes it, of
 * any coder; else a dismissal stored for this search dismisses it; else it is open). A search set
 * whose terms no longer parse gives no rows (its error is the caller's to report).
 */
import type { Codebook, LocalText } from '../model/codebook.ts';
import type { Page } from '../model/document.ts';
import type { Fragment } from '../model/fragment.ts';
import type { HitDecision, SavedSearch } from '../model/search.ts';
import { runSearch } from '../text/corpus-search.ts';
import { parseQuery } from '../text/query.ts';
import { worklistStates, type HitState } from '../text/worklist.ts';
import { CELL_LIST_SEPARATOR } from './csv.ts';
import type { Table, TableColumn } from './table.ts';

/** One hit with its decision. */
export interface DecisionRow {
  search: string;
  document: string;
  page: string;
  term: string;
  hit: string;
  left: string;
  right: string;
  state: HitState;
  /** The reason given for a dismissal ("" when none). */
  reason: string;
  /** Names of the regimes of the fragment that codes the hit ("" for a mere statement or no fragment). */
  regimes: string[];
  /** When the hit was dismissed, or when its fragment was last changed (ISO 8601); "" for an open hit. */
  decided: string;
  /** UTF-16 offsets of the hit in the normalised text. */
  start: number;
  end: number;
}

/** What the rows are made of: a project's documents with their texts, fragments, decisions and codebooks. */
export interface DecisionSource {
  searches: readonly SavedSearch[];
  documents: readonly { id: string; title: string; pages: readonly Page[] }[];
  /** Normalised text by document id. */
  texts: ReadonlyMap<string, string>;
  fragments: readonly Fragment[];
  decisions: readonly HitDecision[];
  codebooks: readonly Codebook[];
  /** Context width on each side of a hit, in characters; default 60. */
  width?: number;
}

/** The rows of every given saved search; see the module header. */
export function decisionRows(source: DecisionSource, lang: keyof LocalText): DecisionRow[] {
  const codeName = new Map<string, string>();
  for (const book of source.codebooks) for (const c of book.codes) if (!codeName.has(c.id)) codeName.set(c.id, c.name[lang]);
  const docs = source.documents.map((d) => ({ id: d.id, title: d.title, text: source.texts.get(d.id) ?? '', pages: d.pages }));
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  const fragmentById = new Map(source.fragments.map((f) => [f.id as string, f]));
  const placed = source.fragments.map((f) => ({ id: f.id as string, documentId: f.documentId as string, start: f.anchor.start, end: f.anchor.end }));
  const rows: DecisionRow[] = [];
  for (const search of source.searches) {
    const query = parseQuery(search.terms);
    if (!('parsed' in query)) continue;
    const result = runSearch(docs, query.parsed, { width: source.width ?? 60 });
    const own = source.decisions.filter((d) => d.searchId === search.id);
    const dismissals = own.map((d) => ({ id: d.id, documentId: d.documentId, start: d.start, end: d.end, ...(d.reason ? { reason: d.reason } : {}) }));
    const decidedAt = new Map(own.map((d) => [d.id, d.decidedAt]));
    const states = worklistStates(result.hits, placed, dismissals);
    result.hits.forEach((h, i) => {
      const e = states[i]!;
      const f = e.fragmentId ? fragmentById.get(e.fragmentId) : undefined;
      rows.push({
        search: search.name,
        document: titles.get(h.documentId) ?? h.documentId,
        page: h.page,
        term: query.parsed.terms[h.termIndex]?.label ?? '',
        hit: h.match,
        left: h.left,
        right: h.right,
        state: e.state,
        reason: e.state === 'dismissed' ? (e.reason ?? '') : '',
        regimes: f ? f.codes.map((c) => codeName.get(c) ?? c) : [],
        decided: e.state === 'coded' ? (f?.updatedAt ?? '') : e.state === 'dismissed' ? (decidedAt.get(e.dismissalId ?? '') ?? '') : '',
        start: h.start,
        end: h.end,
      });
    });
  }
  return rows;
}

const HEADERS: Record<keyof LocalText, string[]> = {
  en: ['search set', 'document', 'page', 'term', 'hit', 'left', 'right', 'state', 'reason', 'regimes', 'decided', 'start', 'end'],
  nl: ['zoekset', 'document', 'pagina', 'term', 'treffer', 'links', 'rechts', 'status', 'reden', 'regimes', 'beslist', 'begin', 'eind'],
};
const TYPES: TableColumn['type'][] = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'integer', 'integer'];
const STATES: Record<keyof LocalText, Record<HitState, string>> = {
  en: { open: 'open', coded: 'coded', dismissed: 'dismissed' },
  nl: { open: 'open', coded: 'gecodeerd', dismissed: 'afgewezen' },
};

/** The decisions as a typed table (exchange/table.ts) for CSV and XLSX; a coded hit without regimes says "mere statement". */
export function decisionsTable(rows: readonly DecisionRow[], lang: keyof LocalText = 'en'): Table {
  const mere = lang === 'nl' ? 'constatering' : 'mere statement';
  return {
    name: lang === 'nl' ? 'Beslissingen' : 'Decisions',
    columns: HEADERS[lang].map((header, i) => ({ header, type: TYPES[i]! })),
    rows: rows.map((r) => [
      r.search,
      r.document,
      r.page,
      r.term,
      r.hit,
      r.left,
      r.right,
      STATES[lang][r.state],
      r.reason,
      r.state === 'coded' ? (r.regimes.length ? r.regimes.join(CELL_LIST_SEPARATOR) : mere) : '',
      r.decided || null,
      r.start,
      r.end,
    ]),
  };
}
