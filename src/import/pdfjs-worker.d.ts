/** pdf.js's worker half, imported as a module where pdf.js runs in-thread (extract-worker.ts); pdfjs-dist ships no declarations for it. */
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
