import type { SearchId } from './ids.ts';

/** A named term list, stored per project. */
export interface SavedSearch {
  id: SearchId;
  name: string;
  /** One term per line in the query language (see text/query.ts). */
  terms: string;
  sample?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A decision about one search hit, stored per saved search (the worklist): a dismissal. */
export interface HitDecision {
  id: string;
  searchId: string;
  documentId: string;
  /** The hit's range in the document's normalised text. */
  start: number;
  end: number;
  state: 'dismissed';
  reason?: string;
  /**
   * The coder who dismissed the hit; absent on decisions made before coders were recorded. Each
   * coder's dismissals are their own (agreement compares them, analysis/agreement-units.ts).
   */
  coderId?: string;
  decidedAt: string;
}

/**
 * The id of a dismissal: one per saved search, document, hit range and coder, so dismissing twice
 * is one row and two coders' dismissals of one hit are two (decisions without a coder keep the
 * id they always had).
 */
export function hitDecisionId(searchId: string, documentId: string, start: number, end: number, coderId?: string): string {
  return `${searchId}:${documentId}:${start}:${end}${coderId ? `:${coderId}` : ''}`;
}
