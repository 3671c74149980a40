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
