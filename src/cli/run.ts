/**
 * The process side of the `worthmark` bin: what scripts/build-cli.mjs bundles into
 * dist-cli/worthmark.mjs, which `src/cli/worthmark.js` (the package's bin) starts with plain Node.
 * Arguments and exit code go to {@link main}; a closed pipe (`worthmark search … | head`) ends
 * quietly; an unexpected error prints one line, never a stack trace.
 */
import { main } from './main.ts';
import { nodeIo } from './node-io.ts';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  process.exitCode = await main(process.argv.slice(2), nodeIo());
} catch (e) {
  // A bug, not bad input (bad input is answered by the commands): say so in one line.
  process.stderr.write(`worthmark: internal error (a bug, please report it): ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
