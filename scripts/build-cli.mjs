#!/usr/bin/env node
/**
 * Builds the `worthmark` CLI as plain JavaScript: src/cli/run.ts and everything it imports,
 * bundled by esbuild into dist-cli/ (ES modules for Node 20, one chunk per command, loaded when
 * that command runs). Run by `npm run build:cli`, by `prepare` (so `npm install` and `npm ci`
 * leave a working `npx worthmark`) and by the unit tests' global setup (so CLI tests run the
 * build of the current sources).
 *
 * pdf.js's legacy build loads the native canvas module (@napi-rs/canvas) when it is imported in
 * Node, only to draw pages. The CLI reads text and never draws, so the build cuts that require
 * out of pdf.js (and fails loudly if pdf.js changes so that the cut no longer applies);
 * src/import/pdf-node.ts provides the one matrix helper text extraction can need.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-cli');

const CANVAS_REQUIRE = 'canvas = require("@napi-rs/canvas");';

/** Removes pdf.js's load of the canvas module (see the header). */
const noCanvas = {
  name: 'worthmark-no-canvas',
  setup(b) {
    b.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(CANVAS_REQUIRE)) {
        throw new Error(`${args.path}: pdf.js no longer has \`${CANVAS_REQUIRE}\`; update scripts/build-cli.mjs`);
      }
      return { contents: source.replace(CANVAS_REQUIRE, 'canvas = undefined; // cut by scripts/build-cli.mjs'), loader: 'js' };
    });
  },
};

const started = performance.now();
await rm(outdir, { recursive: true, force: true });
try {
  await build({
    // pdf.js's worker thread (src/import/pdf-node-thread.ts) and the threads of the CLI's PDF pool
    // (src/cli/pdf-pool-thread.ts) are started from a chunk by a URL beside it, so they are built
    // into chunks/ under fixed names.
    entryPoints: {
      worthmark: join(root, 'src/cli/run.ts'),
      'chunks/pdf-node-thread': join(root, 'src/import/pdf-node-thread.ts'),
      'chunks/pdf-pool-thread': join(root, 'src/cli/pdf-pool-thread.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // CommonJS packages in the bundle (exceljs, mammoth, …) call require() for Node built-ins.
    banner: { js: "import { createRequire as __wmCreateRequire } from 'node:module'; const require = __wmCreateRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [noCanvas],
  });
} catch {
  // esbuild has printed the errors.
  process.exit(1);
}
process.stdout.write(`built dist-cli/worthmark.mjs in ${Math.round(performance.now() - started)} ms\n`);
