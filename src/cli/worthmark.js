#!/usr/bin/env node
// The `worthmark` bin: plain JavaScript so Node runs it directly; it registers tsx to load the
// TypeScript sources, then hands the arguments to main.ts.

// Node 20 lacks Promise.withResolvers, which pdf.js uses when it loads: add it before anything else.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { register } = await import('tsx/esm/api');
register();

// A closed pipe (`worthmark search … | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const { main } = await import('./main.ts');
const { nodeIo } = await import('./node-io.ts');
process.exitCode = await main(process.argv.slice(2), nodeIo());
