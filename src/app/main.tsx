/** Entry: opens the database (checked by the write guard), prepares the first-run project, renders the app. */
import { createRoot } from 'react-dom/client';
import { App } from '../ui/App.tsx';
import { ServicesContext } from '../ui/services.tsx';
import { ensureProject } from '../actions/bootstrap.ts';
import { startAutoSnapshots } from '../actions/snapshots.ts';
import { appDb, appGuard, openAppDb, type OpenOutcome } from '../storage/app-db.ts';
import { browserPdfSource } from '../import/pdf-browser.ts';
import { registerServiceWorker } from './service-worker-registration.ts';
import { defaultCodebook, sampleBundle } from './bundled.ts';
import '../ui/app.css';
import '../editor/reader.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const services = { pdf: browserPdfSource(), sample: sampleBundle };
  let bootError: string | null = null;
  let opened: OpenOutcome | null = null;
  try {
    opened = await openAppDb();
    // The sample is loaded only into a project that never existed: never over one that vanished.
    if (opened.state !== 'newer') await ensureProject(appDb(), defaultCodebook, services.pdf, opened.state === 'ok' ? sampleBundle : null);
    if (opened.state !== 'newer') startAutoSnapshots(appGuard());
  } catch (e) {
    console.error(e);
    bootError = e instanceof Error ? e.message : String(e);
  }
  root.render(
    <ServicesContext.Provider value={services}>
      <App bootError={bootError} opened={opened} />
    </ServicesContext.Provider>,
  );
  registerServiceWorker();
}

void start();
