/**
 * The search screen's side of the search worker: sends each document's text once, then queries.
 * Only the answer to the latest query is delivered; an older one still running is dropped, so a
 * burst of typing costs one search, not one per key. Where no Worker exists (tests), the same
 * engine runs on the main thread.
 *
 * Time budget: a query with a `/regex/` term (the one thing a user can make run for ever, by
 * catastrophic backtracking) must answer within {@link REGEX_BUDGET_MS}; else the worker is
 * terminated — the only way to stop a running regular expression — and the search fails with
 * {@link SearchTimeoutError} naming the regex lines. The next search starts a new worker and sends
 * it the documents again. The page itself never runs a regex term: the reader's find bar runs its
 * line here too ({@link SearchClient.find}).
 */
import type { SearchableDocument, SearchResult } from '../../text/corpus-search.ts';
import type { Query } from '../../text/query.ts';
import { REGEX_BUDGET_MS, regexLines } from '../../text/regex-budget.ts';
import { SearchEngine } from './search-engine.ts';
import type { FindRequest, SearchRequest, SearchResponse, WorkerRequest } from './search-protocol.ts';
import type { TextRange } from '../../text/sentence.ts';

export { REGEX_BUDGET_MS };

/** A search stopped because a regular expression ran past the time budget. */
export class SearchTimeoutError extends Error {
  constructor(
    /** Lines of the term list with a `/regex/` term. */
    readonly lines: number[],
    readonly budgetMs: number,
  ) {
    super(`the regular expression on line ${lines.join(', ')} ran for more than ${budgetMs / 1000} s and was stopped`);
    this.name = 'SearchTimeoutError';
  }
}


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
  /** The documents of the last sync, to send again to a worker started after one was stopped. */
  private documents: ReadonlyArray<SearchableDocument> = [];

  constructor(private readonly budgetMs = REGEX_BUDGET_MS) {}
  private seq = 0;
  private pending = new Map<number, { resolve: (a: SearchResponse | null) => void; reject: (e: Error) => void }>();

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
      let reply: SearchResponse;
      try {
        reply =
          msg.type === 'find'
            ? { type: 'found', seq: msg.seq, hits: this.inline!.find(msg.documentId, msg.line), ms: performance.now() - t }
            : { type: 'result', seq: msg.seq, result: this.inline!.search(msg.query, msg.documentIds, msg.width), ms: performance.now() - t };
      } catch (err) {
        reply = { type: 'failed', seq: msg.seq, message: err instanceof Error ? err.message : String(err) };
      }
      queueMicrotask(() => this.receive(reply));
    }
  }

  private receive(msg: SearchResponse): void {
    const p = this.pending.get(msg.seq);
    if (!p) return;
    this.pending.delete(msg.seq);
    if (msg.type === 'failed') p.reject(new Error(msg.message));
    else p.resolve(msg);
  }

  /** Makes the worker hold exactly these documents (texts it already has are not sent again). */
  sync(documents: ReadonlyArray<SearchableDocument>): void {
    const before = new Map(this.documents.map((d) => [d.id, d.text]));
    this.documents = documents;
    // A document whose text changed under the same id is sent again.
    const add = documents.filter((d) => !this.sent.has(d.id) || before.get(d.id) !== d.text);
    const keep = documents.map((d) => d.id);
    for (const id of [...this.sent]) if (!keep.includes(id)) this.sent.delete(id);
    for (const d of add) this.sent.add(d.id);
    this.post({ type: 'sync', add, keep });
  }

  /** Searches; resolves null when a newer search made this one obsolete. */
  async search(query: Query, documentIds: string[], width: number): Promise<SearchAnswer | null> {
    const seq = ++this.seq;
    const answer = await this.run({ type: 'search', seq, query, documentIds, width }, regexLines(query));
    return answer?.type === 'result' ? { result: answer.result, ms: answer.ms } : null;
  }

  /**
   * Finds one line of the query language (already parsed as `query`, so its errors were shown)
   * in one document, for the reader's find bar: in the worker, under the same regex time budget
   * as a search. Resolves null when a newer find or search made this one obsolete.
   */
  async find(document: SearchableDocument, query: Query, line: string): Promise<{ hits: TextRange[]; ms: number } | null> {
    this.sync([document]);
    const seq = ++this.seq;
    const answer = await this.run({ type: 'find', seq, documentId: document.id, line }, regexLines(query));
    return answer?.type === 'found' ? { hits: answer.hits, ms: answer.ms } : null;
  }

  /** Sends a search or find and waits for its answer, stopping the worker when a regex term runs past the budget. */
  private run(msg: SearchRequest | FindRequest, lines: number[]): Promise<SearchResponse | null> {
    const { seq } = msg;
    // Older requests will never be shown: answer them with null now.
    for (const [s, p] of this.pending) {
      p.resolve(null);
      this.pending.delete(s);
    }
    if (!this.worker && this.sent.size === 0 && this.documents.length > 0) this.sync(this.documents);
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (f: () => void) => {
        if (timer !== undefined) clearTimeout(timer);
        f();
      };
      this.pending.set(seq, { resolve: (a) => done(() => resolve(a)), reject: (e) => done(() => reject(e)) });
      this.post(msg);
      if (lines.length > 0 && this.worker) {
        timer = setTimeout(() => {
          if (!this.pending.has(seq)) return;
          this.pending.delete(seq);
          // A running regular expression cannot be interrupted: stop the worker; the next search starts another.
          this.stop();
          reject(new SearchTimeoutError(lines, this.budgetMs));
        }, this.budgetMs);
      }
    });
  }

  /** Stops the worker and forgets what it held (the next search sends the documents again). */
  private stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sent.clear();
    for (const [s, p] of this.pending) {
      p.resolve(null);
      this.pending.delete(s);
    }
  }

  /** Runs a query over these documents (all of them) and resolves its result: for one-off searches such as the tally's filter. */
  async searchAll(documents: SearchableDocument[], query: Query): Promise<SearchResult> {
    this.sync(documents);
    const answer = await this.search(query, documents.map((d) => d.id), 0);
    if (!answer) throw new Error('search superseded');
    return answer.result;
  }

  /** Stops the worker. */
  dispose(): void {
    this.stop();
    this.documents = [];
  }
}

/** Why a search failed, in the UI's words: a regex stopped by the time budget, or the engine's reason. */
export function searchFailureText(t: (key: 'search.regexTimeout' | 'search.failed', values: Record<string, string | number>) => string, e: unknown): string {
  if (e instanceof SearchTimeoutError) return t('search.regexTimeout', { lines: e.lines.join(', '), seconds: e.budgetMs / 1000, n: e.lines.length });
  return t('search.failed', { reason: e instanceof Error ? e.message : String(e) });
}
