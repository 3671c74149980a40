#!/usr/bin/env node
// The `worthmark` bin: starts the CLI built as plain JavaScript (dist-cli/, made by
// `npm run build:cli`, which `npm install` and `npm ci` run as the `prepare` step).
// No TypeScript loader and no source maps at run time.
try {
  await import('../../dist-cli/worthmark.mjs');
} catch (e) {
  const notBuilt = e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist-cli');
  process.stderr.write(
    notBuilt
      ? 'worthmark: the command is not built; run "npm run build:cli" (npm install does it)\n'
      : `worthmark: internal error (a bug, please report it): ${e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exitCode = 1;
}
