import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium (system package) against the built app in dist/.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // expect.poll waits up to 1 s by default; a loaded 2-core CI machine needs longer for
    // IndexedDB writes and React transitions to show. Playwright's own waits allow 30 s.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
