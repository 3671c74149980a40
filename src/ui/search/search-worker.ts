/** The search worker: runs searches (and the reader's finds) off the main thread, so typing never waits. */
import type { FindRequest, SearchRequest, SearchResponse, WorkerRequest } from './search-protocol.ts';
import { SearchEngine } from './search-engine.ts';

const engine = new SearchEngine();
// The worker's global scope, typed by what is used (the DOM and WebWorker libs do not mix).
const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(message: SearchResponse): void };

// Only the latest search is run: requests that arrive while one runs replace each other, and the
// screen has already given up on the older ones.
let latest: SearchRequest | FindRequest | null = null;
let scheduled = false;

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'sync') {
    engine.sync(msg.add, msg.keep);
    return;
  }
  latest = msg;
  if (!scheduled) {
    scheduled = true;
    setTimeout(runLatest, 0);
  }
};

function runLatest(): void {
  scheduled = false;
  const msg = latest;
  latest = null;
  if (!msg) return;
  const t = performance.now();
  let reply: SearchResponse;
  try {
    if (msg.type === 'find') reply = { type: 'found', seq: msg.seq, hits: engine.find(msg.documentId, msg.line), ms: performance.now() - t };
    else reply = { type: 'result', seq: msg.seq, result: engine.search(msg.query, msg.documentIds, msg.width), ms: performance.now() - t };
  } catch (err) {
    reply = { type: 'failed', seq: msg.seq, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
}
