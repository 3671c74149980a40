/** The app frame: header with navigation, language and storage state, and the current screen. */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { LangProvider, defaultLang, useLang, type Lang } from './i18n.tsx';
import { useRoute } from './route.ts';
import { useSetting } from '../storage/hooks.ts';
import { acceptCurrentProject, appDb, onDatabaseClosed, type OpenOutcome } from '../storage/app-db.ts';
import { readSnapshotFile } from '../actions/snapshots.ts';
import { restoreProject } from '../actions/project.ts';
import { StorageFailedBanner, useStorageFailure, VanishedBanner } from './StorageAlert.tsx';
import { LangProvider as Provider } from './i18n.tsx';
import { setSetting } from '../storage/repository.ts';
import { requestPersistence, type PersistenceState } from '../storage/persistence.ts';
import { SETTINGS } from '../actions/bootstrap.ts';
import { LibraryView } from './library/LibraryView.tsx';
import { StorageBadge } from './StoragePanel.tsx';

// Every screen but the library (where the app opens) is a chunk of its own, loaded when first shown.
const SearchView = lazy(() => import('./search/SearchView.tsx').then((m) => ({ default: m.SearchView })));
const ReaderView = lazy(() => import('./reader/ReaderView.tsx').then((m) => ({ default: m.ReaderView })));
const TallyView = lazy(() => import('./tally/TallyView.tsx').then((m) => ({ default: m.TallyView })));
const SettingsView = lazy(() => import('./settings/SettingsView.tsx').then((m) => ({ default: m.SettingsView })));
const CodebookView = lazy(() => import('./codebook/CodebookView.tsx').then((m) => ({ default: m.CodebookView })));
const AgreementView = lazy(() => import('./agreement/AgreementView.tsx').then((m) => ({ default: m.AgreementView })));
const ReviewView = lazy(() => import('./review/ReviewView.tsx').then((m) => ({ default: m.ReviewView })));
import type { MessageKey } from './messages.ts';
import { useServices } from './services.tsx';
import { useStartup } from './startup.ts';

/** The root component. */
export function App(props: { bootError: string | null; opened?: OpenOutcome | null }) {
  // A database written by a newer Worthmark is not opened at all, so no setting can be read.
  if (props.opened?.state === 'newer') return <Refused />;
  return <OpenApp {...props} />;
}

/** The page shown instead of the app when the database is newer than this code. */
function Refused() {
  return (
    <Provider lang={defaultLang()} setLang={() => undefined}>
      <RefusedBody />
    </Provider>
  );
}

function RefusedBody() {
  const { t } = useLang();
  const failure = useStorageFailure();
  return (
    <main className="screen">
      <h1>{t('app.refusedTitle')}</h1>
      {failure && <StorageFailedBanner failure={failure} />}
    </main>
  );
}

function OpenApp(props: { bootError: string | null; opened?: OpenOutcome | null }) {
  const stored = useSetting<Lang | null>(SETTINGS.lang, null);
  const setLang = useCallback((l: Lang) => void setSetting(appDb(), SETTINGS.lang, l), []);
  if (stored === undefined) return null; // settings still loading: a blink, not a flash of the wrong language
  const lang = stored ?? defaultLang();
  return (
    <LangProvider lang={lang} setLang={setLang}>
      <Frame bootError={props.bootError} opened={props.opened ?? null} />
    </LangProvider>
  );
}

const NAV: { screen: 'library' | 'search' | 'reader' | 'tally' | 'codebook' | 'review' | 'agreement' | 'settings'; label: MessageKey }[] = [
  { screen: 'library', label: 'nav.library' },
  { screen: 'search', label: 'nav.search' },
  { screen: 'reader', label: 'nav.reader' },
  { screen: 'tally', label: 'nav.tally' },
  { screen: 'codebook', label: 'nav.codebook' },
  { screen: 'review', label: 'nav.review' },
  { screen: 'agreement', label: 'nav.agreement' },
  { screen: 'settings', label: 'nav.settings' },
];

function Frame(props: { bootError: string | null; opened: OpenOutcome | null }) {
  const { t, lang, setLang } = useLang();
  const failure = useStorageFailure();
  const [recovered, setRecovered] = useState<string | null>(null);
  const lost = props.opened?.state === 'vanished' && !recovered ? props.opened.lost : null;
  const route = useRoute();
  const [persistence, setPersistence] = useState<PersistenceState | null>(null);
  const [closed, setClosed] = useState(false);
  useEffect(() => {
    void requestPersistence().then(setPersistence);
    return onDatabaseClosed(() => setClosed(true));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/library" aria-label={t('app.home')}>
          Worthmark
        </a>
        <nav aria-label={t('nav.label')}>
          {NAV.map((n) => (
            <a key={n.screen} href={`#/${n.screen}`} aria-current={route.screen === n.screen ? 'page' : undefined}>
              {t(n.label)}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          <StorageBadge persistence={persistence} onPersistence={setPersistence} />
          <label className="lang-select">
            <span className="sr-only">{t('lang.label')}</span>
            <select aria-label={t('lang.label')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="nl">Nederlands</option>
              <option value="en">English</option>
            </select>
          </label>
        </div>
      </header>
      {props.bootError && (
        <div className="banner error" role="alert">
          {t('boot.error', { reason: props.bootError })}
        </div>
      )}
      <StartupBanner showLoading={route.screen !== 'library'} />
      {failure ? (
        <StorageFailedBanner failure={failure} />
      ) : (
        closed && (
          <div className="banner error" role="alert">
            {t('db.closed')}
          </div>
        )
      )}
      {lost && !failure && (
        <VanishedBanner
          lost={lost}
          onRestore={(snapshot) =>
            void (async () => {
              const content = await readSnapshotFile(lost.projectId, snapshot.id);
              if (content === null) return;
              const result = await restoreProject(appDb(), `snapshot ${snapshot.takenAt}`, content);
              if (result.ok) {
                acceptCurrentProject();
                setRecovered(t('storage.recovered', { documents: result.value.documents, fragments: result.value.fragments }));
              }
            })()
          }
        />
      )}
      {recovered && (
        <div className="banner ok" role="status">
          {recovered}
        </div>
      )}
      <main className="screen">
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        {route.screen === 'library' && <LibraryView />}
        {route.screen === 'search' && <SearchView />}
        {route.screen === 'reader' && <ReaderView route={route} />}
        {route.screen === 'tally' && <TallyView />}
        {route.screen === 'codebook' && <CodebookView />}
        {route.screen === 'review' && <ReviewView />}
        {route.screen === 'agreement' && <AgreementView />}
        {route.screen === 'settings' && <SettingsView persistence={persistence} />}
        </Suspense>
      </main>
    </div>
  );
}

/** Says what the app still loads after its first paint (the sample on a first run), or why it failed; the library says it in its document list. */
function StartupBanner({ showLoading }: { showLoading: boolean }) {
  const { t } = useLang();
  const { sample } = useStartup(useServices().startup);
  if (sample === 'loading' && showLoading) {
    return (
      <div className="banner" role="status">
        {t('startup.sampleLoading')}
      </div>
    );
  }
  if (typeof sample === 'object') {
    return (
      <div className="banner error" role="alert">
        {t('startup.sampleFailed', { reason: sample.failed })}
      </div>
    );
  }
  return null;
}
