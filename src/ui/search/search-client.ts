/**
 * The search screen's side of the search worker: sends each document's text once, then queries.
 * Only the answer to the latest query is delivered; an older one still running is dropped, so a
 * burst of typing costs one search, not one per key. Where no Worker exists (tests), the same
 * engine runs on the main thread.
 */
import type { SearchableDocument, SearchResult } from '../../text/corpus-search.ts';
import type { Query } from '../../text/query.ts';
import { SearchEngine } from './search-engine.ts';
import type { SearchResponse, WorkerRequest } from './search-protocol.ts';

/** A search that finished: its result and how long the worker took. */
export interface SearchAnswer {
  result: SearchResult;
  ms: number;
}

/** Runs searches in a worker. */
export class SearchClient {
  private worker: Worker | null = null;
  private inline: SearchEngine | null = null;
  private readonly sent = new Set<string>();
  private seq = 0;
  private pending = new Map<number, { resolve: (a: SearchAnswer | null) => void; reject: (e: Error) => void }>();

  private post(msg: WorkerRequest): void {
    if (!this.worker && !this.inline) {
      if (typeof Worker === 'function') {
        this.worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
        this.worker.onmessage = (e: MessageEvent<SearchResponse>) => this.receive(e.data);
      } else this.inline = new SearchEngine();
    }
    if (this.worker) this.worker.postMessage(msg);
    else if (msg.type === 'sync') this.inline!.sync(msg.add, msg.keep);
    else {
      const t = performance.now();
      const result = this.inline!.search(msg.query, msg.documentIds, msg.width);
      queueMicrotask(() => this.receive({ type: 'result', seq: msg.seq, result, ms: performance.now() - t }));
    }
  }

  private receive(msg: SearchResponse): void {
    const p = this.pending.get(msg.seq);
    if (!p) return;
    this.pending.delete(msg.seq);
    if (msg.type === 'result') p.resolve({ result: msg.result, ms: msg.ms });
    else p.reject(new Error(msg.message));
  }

  /** Makes the worker hold exactly these documents (texts it already has are not sent again). */
  sync(documents: ReadonlyArray<SearchableDocument>): void {
    const add = documents.filter((d) => !this.sent.has(d.id));
    const keep = documents.map((d) => d.id);
    for (const id of [...this.sent]) if (!keep.includes(id)) this.sent.delete(id);
    for (const d of add) this.sent.add(d.id);
    this.post({ type: 'sync', add, keep });
  }

  /** Searches; resolves null when a newer search made this one obsolete. */
  search(query: Query, documentIds: string[], width: number): Promise<SearchAnswer | null> {
    const seq = ++this.seq;
    // Older searches will never be shown: answer them with null now.
    for (const [s, p] of this.pending) {
      p.resolve(null);
      this.pending.delete(s);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.post({ type: 'search', seq, query, documentIds, width });
    });
  }

  /** Stops the worker. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sent.clear();
  }
}
