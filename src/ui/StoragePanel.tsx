/**
 * The storage badge in the top bar and what it offers: it opens a small panel that says what the
 * state means and what to do about it — ask the browser again for persistent storage, or save the
 * project as a file now (the one safe copy when the browser may clear its storage).
 */
import { useEffect, useRef, useState } from 'react';
import { useLang } from './i18n.tsx';
import { appDb } from '../storage/app-db.ts';
import { requestPersistence, storageEstimate, type PersistenceState } from '../storage/persistence.ts';
import { exportProject } from '../actions/project.ts';
import { downloadFile } from '../exchange/download.ts';

/** The badge (a button) and its panel. */
export function StorageBadge(props: { persistence: PersistenceState | null; onPersistence: (p: PersistenceState) => void }) {
  const { t } = useLang();
  const { persistence } = props;
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    void storageEstimate().then(setEstimate);
    panel.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open]);

  async function askAgain() {
    const state = await requestPersistence();
    props.onPersistence(state);
    setNote({ text: t(state === 'granted' ? 'storage.nowGranted' : 'storage.stillDenied'), error: false });
  }

  async function saveNow() {
    try {
      const file = await exportProject(appDb());
      downloadFile(file.fileName, file.content, 'application/json');
      setNote({ text: t('storage.savedFile', { file: file.fileName }), error: false });
    } catch (e) {
      setNote({ text: t('storage.saveFailed', { reason: e instanceof Error ? e.message : String(e) }), error: true });
    }
  }

  const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  return (
    <div className="storage-badge">
      <button
        ref={button}
        type="button"
        className={`badge persistence-${persistence ?? 'pending'}`}
        aria-expanded={open}
        aria-controls="storage-panel"
        onClick={() => setOpen((o) => !o)}
      >
        {persistence === null ? t('storage.checking') : t(`storage.${persistence}`)}
      </button>
      {open && (
        <div id="storage-panel" ref={panel} className="storage-panel panel" role="region" aria-label={t('storage.panel')}>
          <p>{t(persistence === 'granted' ? 'storage.explainGranted' : 'storage.explainDenied')}</p>
          {estimate && estimate.quota > 0 && <p className="hint">{t('storage.usage', { used: mb(estimate.usage), quota: mb(estimate.quota) })}</p>}
          <div className="row">
            <button type="button" className="primary" onClick={() => void saveNow()}>
              {t('storage.saveNow')}
            </button>
            {persistence !== 'granted' && persistence !== 'unsupported' && (
              <button type="button" onClick={() => void askAgain()}>
                {t('storage.askAgain')}
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
            >
              {t('common.close')}
            </button>
          </div>
          {note && (
            <p role={note.error ? 'alert' : 'status'} className={note.error ? 'error-text' : 'hint'}>
              {note.text}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
