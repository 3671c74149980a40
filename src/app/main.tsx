/** Entry: opens the database, prepares the first-run project, renders the app. */
import { createRoot } from 'react-dom/client';
import { App } from '../ui/App.tsx';
import { ServicesContext } from '../ui/services.tsx';
import { ensureProject } from '../actions/bootstrap.ts';
import { appDb } from '../storage/app-db.ts';
import { browserPdfSource } from '../import/pdf-browser.ts';
import { defaultCodebook, sampleBundle } from './bundled.ts';
import '../ui/app.css';
import '../editor/reader.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const services = { pdf: browserPdfSource(), sample: sampleBundle };
  let bootError: string | null = null;
  try {
    await ensureProject(appDb(), defaultCodebook, services.pdf, sampleBundle);
  } catch (e) {
    console.error(e);
    bootError = e instanceof Error ? e.message : String(e);
  }
  root.render(
    <ServicesContext.Provider value={services}>
      <App bootError={bootError} />
    </ServicesContext.Provider>,
  );
}

void start();
