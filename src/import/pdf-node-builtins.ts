/**
 * What pdf.js's legacy build needs from Node 20, and what it must not keep: used on both sides of
 * the Node PDF reader (pdf-node.ts loads pdf.js's API half, pdf-node-thread.ts its worker half).
 */

/** Node 20 lacks Promise.withResolvers, which pdf.js uses at import time; add it first. */
export function polyfillPromiseWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') return;
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

/**
 * The built-ins core-js in pdf.js's legacy build replaces on Node 20 (for spec corner cases pdf.js
 * never meets: `push` onto an array with a read-only length, `JSON.rawJSON`). Its replacements are
 * plain JavaScript and slow down every array push in the process — pdf.js's text extraction on
 * ../shared/corpus took about a third less time without them — so the engine's originals are put
 * back once pdf.js is loaded (core-js makes its versions' toString() say "[native code]", so they
 * are told apart by identity). Polyfills that only *add* missing methods are kept: pdf.js needs them.
 * Call before loading pdf.js; call the function it returns once loaded.
 */
export function snapshotReplacedBuiltins(): () => void {
  const push = Array.prototype.push;
  const { stringify, parse } = JSON;
  return () => {
    if (Array.prototype.push !== push) Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
    if (JSON.stringify !== stringify) JSON.stringify = stringify;
    if (JSON.parse !== parse) JSON.parse = parse;
  };
}
