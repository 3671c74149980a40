import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The Content Security Policy, sent as a header by the dev and preview servers (so it covers the
 * workers too: a worker script gets the policy of its own response) and repeated as a meta tag in
 * index.html for a static host that sends no headers. 'unsafe-inline' for styles only (React
 * style attributes); workers may come from blob: (pdf.js); no eval anywhere (pdf.js runs with
 * isEvalSupported: false); nothing may be framed, posted or based elsewhere.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The dev server's scripts carry this nonce (Vite's html.cspNonce): React's refresh preamble is inline. */
const DEV_NONCE = 'worthmark-dev';
const DEV_CSP = CSP.replace("script-src 'self'", `script-src 'self' 'nonce-${DEV_NONCE}'`);

const HEADERS = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/**
 * Writes sw.js into the build: src/app/service-worker.js with the list of every built file
 * (PRECACHE) and a hash of their contents (VERSION) put before it.
 */
function serviceWorker(): Plugin {
  return {
    name: 'worthmark-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const f of files) {
        const item = bundle[f]!;
        hash.update(f).update(item.type === 'chunk' ? item.code : item.source);
      }
      const version = hash.digest('hex').slice(0, 16);
      const precache = ['./', ...files];
      const body = readFileSync(new URL('./src/app/service-worker.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = ${JSON.stringify(version)};\n${body}`,
      });
    },
  };
}

// The app is a static, local-first bundle (src/index.html): no server code, no network at run time.
export default defineConfig(({ command }) => ({
  root: 'src',
  plugins: [react(), serviceWorker()],
  base: './',
  worker: { format: 'es' },
  html: command === 'serve' ? { cspNonce: DEV_NONCE } : {},
  build: { target: 'es2022', outDir: '../dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, fs: { allow: [here] }, headers: { ...HEADERS, 'Content-Security-Policy': DEV_CSP } },
  preview: { port: 4173, headers: HEADERS },
  test: {
    root: here,
    include: ['tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    // Builds dist-cli/ first: CLI tests run the built command (tests/unit/support/build-cli.ts).
    globalSetup: ['tests/unit/support/build-cli.ts'],
    environment: 'node',
    // Several tests read whole PDFs through pdf.js or build projects of thousands of fragments; on a
    // loaded 2-core machine they pass but can pass vitest's 5 s default. Hangs are bounded in CPU
    // time by the tests themselves (tests/unit/support/cpu-time.ts), not by this.
    testTimeout: 30_000,
  },
}));
