/**
 * What the page shows while the project's database opens: the app's top bar and a loading line,
 * drawn by app/main.tsx before anything else, so the first paint waits for nothing but the
 * script. The language is the browser's (the chosen one is a setting in the database).
 */
import { defaultLang, translate } from './i18n.tsx';

/** The frame drawn before the database is open. */
export function BootFrame() {
  const lang = defaultLang();
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Worthmark</span>
      </header>
      <main className="screen">
        <p role="status">{translate(lang, 'common.loading')}</p>
      </main>
    </div>
  );
}
