import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

// The app is a static, local-first bundle (src/index.html): no server code, no network at run time.
export default defineConfig({
  root: 'src',
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: '../dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, fs: { allow: [here] } },
  preview: { port: 4173 },
  test: {
    root: here,
    include: ['tests/unit/**/*.test.ts'],
    // Builds dist-cli/ first: CLI tests run the built command (tests/unit/support/build-cli.ts).
    globalSetup: ['tests/unit/support/build-cli.ts'],
    environment: 'node',
  },
});
