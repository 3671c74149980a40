/**
 * `npm run bench [-- FILTER]`: runs every `tests/bench/*.bench.ts` module's benches (those whose
 * name contains FILTER, when given) and prints one JSON line per measurement on stdout; skipped
 * benches say why on stderr. See harness.ts for the line format and how to add a measurement.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

for (const file of modules) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { benches?: Bench[] };
  for (const bench of mod.benches ?? []) {
    if (filter && !bench.name.includes(filter)) continue;
    const result = await bench.run();
    if (typeof result === 'string') process.stderr.write(`skipped ${bench.name}: ${result}\n`);
    else process.stdout.write(JSON.stringify(result) + '\n');
  }
}
