/**
 * Vitest global setup: builds the CLI (scripts/build-cli.mjs → dist-cli/) once before the unit
 * tests, so the tests that start `worthmark` as a process run the plain-JavaScript build of the
 * sources under test, as a user's `npx worthmark` does.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
