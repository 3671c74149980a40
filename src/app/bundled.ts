/**
 * What ships inside the app bundle: the default codebook and the sample project
 * (served from the app's own origin; nothing is fetched from elsewhere).
 */
import codebookJson from '../../codebooks/boltanski-thevenot.json';
import sampleCodingsJson from '../../samples/sample-codings.json';
import sampleTerms from '../../samples/thesis-terms.txt?raw';
import samplePdfUrl from '../../samples/regioprofiel-rivierenland-oost.pdf?url';
import { parseCodebook } from '../exchange/codebook-file.ts';
import type { SampleBundle, SampleCoding } from '../actions/bootstrap.ts';
import type { Codebook } from '../model/index.ts';

function loadCodebook(): Codebook {
  const result = parseCodebook(codebookJson);
  // The shipped codebook is checked by a unit test; failing here is a build defect, not user input.
  if ('error' in result) throw new Error(`bundled codebook invalid at ${result.error.path}: ${result.error.reason}`);
  return result.parsed;
}

/** The default codebook: Boltanski–Thévenot's orders of worth as used in the thesis. */
export const defaultCodebook: Codebook = loadCodebook();

/** The sample project: a fictional regional profile (PDF), the thesis' term list, example codings. */
export const sampleBundle: SampleBundle = {
  fileName: 'regioprofiel-rivierenland-oost.pdf',
  bytes: async () => new Uint8Array(await (await fetch(samplePdfUrl)).arrayBuffer()),
  searchName: 'CTRL-F: scriptie-termen (internationalisering)',
  terms: sampleTerms,
  codings: (sampleCodingsJson as { codings: SampleCoding[] }).codings,
};
