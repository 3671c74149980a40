/** Project backup: save everything as a project file, or restore one into this browser. */
import { useState } from 'react';
import { useLang } from '../i18n.tsx';
import { appDb } from '../../storage/app-db.ts';
import { exportProject, restoreProject } from '../../actions/project.ts';
import { downloadFile } from '../../exchange/download.ts';
import { formatErrorPath, formatErrorText } from '../../exchange/format-reasons.ts';

/** The backup panel of the library. */
export function ProjectBackup() {
  const { t, lang } = useLang();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function onExport() {
    try {
      const { fileName, content } = await exportProject(appDb());
      downloadFile(fileName, content, 'application/json');
    } catch (e) {
      setMessage({ kind: 'error', text: t('backup.exportFailed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  }

  async function onRestore(file: File) {
    if (!confirm(t('backup.confirmRestore', { file: file.name }))) return;
    let content: string;
    try {
      content = await file.text();
    } catch {
      setMessage({ kind: 'error', text: t('backup.unreadable', { file: file.name }) });
      return;
    }
    const result = await restoreProject(appDb(), file.name, content);
    setMessage(
      result.ok
        ? {
            kind: 'ok',
            text:
              t('backup.restored', { file: file.name, documents: result.value.documents, fragments: result.value.fragments }) +
              (result.value.moved + result.value.orphaned > 0 ? ` ${t('backup.reanchored', { moved: result.value.moved, orphaned: result.value.orphaned })}` : ''),
          }
        : { kind: 'error', text: t('backup.invalid', { file: file.name, path: formatErrorPath(result.error.path, lang), reason: formatErrorText(result.error, lang) }) },
    );
  }

  return (
    <section aria-labelledby="backup-h" className="panel">
      <h2 id="backup-h">{t('backup.title')}</h2>
      <p className="hint">{t('backup.explain')}</p>
      <div className="row">
        <button type="button" onClick={() => void onExport()}>
          {t('backup.export')}
        </button>
        <label className="button">
          {t('backup.restore')}
          <input
            type="file"
            accept=".json,application/json"
            aria-label={t('backup.restore')}
            className="visually-hidden-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void onRestore(f);
            }}
          />
        </label>
      </div>
      {message && (
        <p className={message.kind === 'ok' ? 'ok-text' : 'error-text'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
