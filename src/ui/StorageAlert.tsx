/**
 * Tells the user, in plain words, when storage failed (disk full, the database closed, vanished or
 * was replaced, or another tab upgraded it), and offers what is in memory as a project file. Also
 * the banner for a project that the browser lost before this page loaded, with its snapshots.
 */
import { useEffect, useState } from 'react';
import { useLang } from './i18n.tsx';
import { acceptCurrentProject, appGuard, type KnownProject } from '../storage/app-db.ts';
import type { StorageFailure } from '../storage/write-guard.ts';
import { memoryProjectFile } from '../actions/project.ts';
import { listSnapshots } from '../actions/snapshots.ts';
import type { SnapshotInfo } from '../storage/snapshot-store.ts';
import { downloadFile } from '../exchange/download.ts';
import type { MessageKey } from './messages.ts';

const FAILURE_TEXT: Record<StorageFailure['kind'], MessageKey> = {
  'disk-full': 'storage.failedDiskFull',
  'write-failed': 'storage.failedWrite',
  closed: 'storage.failedClosed',
  replaced: 'storage.failedReplaced',
  'upgraded-elsewhere': 'db.closed',
  'newer-version': 'storage.newerVersion',
};

/** The storage failure of the app's database, live; null while storage works. */
export function useStorageFailure(): StorageFailure | null {
  const [failure, setFailure] = useState<StorageFailure | null>(() => appGuard().failed);
  useEffect(() => appGuard().onFailure(setFailure), []);
  return failure;
}

/** The banner shown once storage failed: what happened, that nothing more is saved, and the way out. */
export function StorageFailedBanner({ failure }: { failure: StorageFailure }) {
  const { t } = useLang();
  const [saved, setSaved] = useState(false);
  const save = () => {
    const { fileName, content } = memoryProjectFile(appGuard());
    downloadFile(fileName, content, 'application/json');
    setSaved(true);
  };
  return (
    <div className="banner error storage-failed" role="alert">
      <p>
        <strong>{t('storage.failedTitle')}</strong> {t(FAILURE_TEXT[failure.kind])}
      </p>
      {failure.kind !== 'newer-version' && (
        <p>
          {t('storage.failedWhatNow')}{' '}
          <button type="button" onClick={save}>
            {t('storage.saveMemory')}
          </button>
          {saved && <span role="status"> {t('storage.savedMemory')}</span>}
        </p>
      )}
      <details>
        <summary>{t('storage.details')}</summary>
        <code>{failure.detail}</code>
      </details>
    </div>
  );
}

/** The banner for a project that vanished before this page loaded: restore its latest snapshot. */
export function VanishedBanner({ lost, onRestore }: { lost: KnownProject; onRestore: (snapshot: SnapshotInfo) => void }) {
  const { t, lang } = useLang();
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    void listSnapshots(lost.projectId).then(setSnapshots, () => setSnapshots([]));
  }, [lost.projectId]);
  if (dismissed) return null;
  const latest = snapshots?.[0];
  return (
    <div className="banner error" role="alert">
      <p>
        <strong>{t('storage.vanishedTitle')}</strong> {t('storage.vanished')}
      </p>
      {snapshots === null ? (
        <p>{t('common.loading')}</p>
      ) : latest ? (
        <p>
          {t('storage.vanishedSnapshot', { when: new Date(latest.takenAt).toLocaleString(lang), documents: latest.documents, fragments: latest.fragments })}{' '}
          <button type="button" onClick={() => onRestore(latest)}>
            {t('storage.restoreLatest')}
          </button>
        </p>
      ) : (
        <p>{t('storage.vanishedNoSnapshot')}</p>
      )}
      <button
        type="button"
        onClick={() => {
          acceptCurrentProject();
          setDismissed(true);
        }}
      >
        {t('storage.startEmpty')}
      </button>
    </div>
  );
}
