/**
 * Entry: draws the app's frame at once, opens the database (checked by the write guard), makes
 * sure the project has a codebook and a coder, renders the app, and only then does the slow part
 * of a first run — importing the sample PDF, which loads pdf.js — so the first screen paints
 * before any of it. Screens other than
 * the library, pdf.js, docx and the charts are chunks of their own, loaded when first needed.
 */
import { createRoot } from 'react-dom/client';
import { App } from '../ui/App.tsx';
import { BootFrame } from '../ui/BootFrame.tsx';
import { ServicesContext, type Services } from '../ui/services.tsx';
import { createStartupStatus } from '../ui/startup.ts';
import { ensureBasics, loadSample } from '../actions/bootstrap.ts';
import { startAutoSnapshots } from '../actions/snapshots.ts';
import { appDb, appGuard, openAppDb, type OpenOutcome } from '../storage/app-db.ts';
import { browserPdfSource } from '../import/pdf-browser.ts';
import { registerServiceWorker } from './service-worker-registration.ts';
import { defaultCodebook, sampleBundle } from './bundled.ts';
import { importConcurrency, workerExtractor } from './extract-pool.ts';
import '../ui/app.css';
import '../editor/reader.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  // Drawn while the database opens (the first paint waits for nothing else); replaced by the app.
  root.render(<BootFrame />);
  const startup = createStartupStatus();
  const importer = { extract: workerExtractor(), concurrency: importConcurrency() };
  const services: Services = { pdf: browserPdfSource(), sample: sampleBundle, startup, importer };
  let bootError: string | null = null;
  let opened: OpenOutcome | null = null;
  let sampleDue = false;
  try {
    opened = await openAppDb();
    if (opened.state !== 'newer') {
      // The sample is loaded only into a project that never existed: never over one that vanished.
      sampleDue = (await ensureBasics(appDb(), defaultCodebook)) && opened.state === 'ok';
      startAutoSnapshots(appGuard());
    }
  } catch (e) {
    console.error(e);
    bootError = e instanceof Error ? e.message : String(e);
  }
  if (sampleDue) startup.set({ sample: 'loading' });
  root.render(
    <ServicesContext.Provider value={services}>
      <App bootError={bootError} opened={opened} />
    </ServicesContext.Provider>,
  );
  registerServiceWorker();
  if (!sampleDue) return;
  // After the first paint: a frame is drawn first (or, in a hidden tab, a moment passes).
  await new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  });
  try {
    await loadSample(appDb(), services.pdf, sampleBundle, importer.extract);
    startup.set({ sample: 'done' });
  } catch (e) {
    console.error(e);
    startup.set({ sample: { failed: e instanceof Error ? e.message : String(e) } });
  }
}

void start();
