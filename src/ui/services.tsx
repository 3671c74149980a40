/** Services the app hands to the screens: the PDF source and the bundled sample. */
import { createContext, useContext } from 'react';
import type { PdfTextSource } from '../import/pdf-text.ts';
import type { SampleBundle } from '../actions/bootstrap.ts';
import type { StartupStatus } from './startup.ts';
import type { Extractor } from '../actions/import-files.ts';

/** What screens need from the outside world. */
export interface Services {
  pdf: PdfTextSource;
  sample: SampleBundle | null;
  /** What the app still loads after the first paint (the sample on a first run). */
  startup?: StartupStatus;
  /** Extracts imported files on other threads, `concurrency` at a time (the app's import workers). */
  importer?: { extract: Extractor; concurrency: number };
}

/** Provides the services; set once by app/main.tsx. */
export const ServicesContext = createContext<Services | null>(null);

/** The services given by the app. */
export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesContext');
  return s;
}
