// The PDF pool's thread when Worthmark runs from its TypeScript sources (tsx, vitest, the bench):
// a loader given to a worker thread as execArgv does not reach it on Node 20, so the thread
// registers tsx itself before it loads the thread's module. The CLI's bundle never uses this file
// (scripts/build-cli.mjs builds pdf-pool-thread.ts as plain JavaScript); see pdf-pool.ts.
import { register } from 'tsx/esm/api';

register();
await import('./pdf-pool-thread.ts');
