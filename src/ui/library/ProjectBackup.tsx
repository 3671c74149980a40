/**
 * Project backup: save everything as a project file, or restore one into this browser. A restore
 * never destroys work: the file is checked completely first, then a preview says what it holds and
 * what of this project it lacks; replacing takes a snapshot first (undo from the list of
 * snapshots below), and "restore as a copy" leaves this project as it is.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { appDb, appGuard, knownProjects, rememberProject, activeDbName, setActiveDbName, type KnownProject } from '../../storage/app-db.ts';
import { WorthmarkDb } from '../../storage/db.ts';
import { checkProjectFile, exportProject, restoreAsCopy, restoreChecked, sameNameCoderIn, type CheckedProjectFile, type RestoreSummary } from '../../actions/project.ts';
import type { Coder } from '../../model/index.ts';
import { MergeActions } from '../review/MergeActions.tsx';
import { listSnapshots, readSnapshotFile, snapshotFromMemory } from '../../actions/snapshots.ts';
import type { SnapshotInfo } from '../../storage/snapshot-store.ts';
import { downloadFile, safeFileName } from '../../exchange/download.ts';
import { exportProjectZip } from '../../actions/exchange.ts';
import { reportNoteText } from '../../exchange/exchange-report.ts';
import { formatErrorPath, formatErrorText } from '../../exchange/format-reasons.ts';
import type { FormatError } from '../../exchange/format-error.ts';
import { restoreActions } from './restore-actions.ts';
import type { MessageKey } from '../messages.ts';
import { useServices } from '../services.tsx';

type Message = { kind: 'ok' | 'error'; text: string };

const REASON_LABEL: Record<string, MessageKey> = {
  auto: 'snapshots.reasonAuto',
  restore: 'snapshots.reasonRestore',
  merge: 'snapshots.reasonMerge',
  delete: 'snapshots.reasonDelete',
  'remove-sample': 'snapshots.reasonRemoveSample',
  manual: 'snapshots.reasonManual',
};

/** The backup panel of the library. */
export function ProjectBackup() {
  const { t, lang } = useLang();
  const { startup } = useServices();
  const [message, setMessage] = useState<Message | null>(null);
  const [checked, setChecked] = useState<CheckedProjectFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [copy, setCopy] = useState<KnownProject | null>(null);
  // "This is me": the file's coder with this browser's coder's name, and whether the user is them.
  const [twin, setTwin] = useState<{ coder: Coder; isMe: boolean } | null>(null);
  const projectId = appGuard().projectId;

  const refresh = useCallback(() => {
    if (!projectId) return;
    void listSnapshots(projectId).then(setSnapshots, () => setSnapshots([]));
  }, [projectId]);
  useEffect(refresh, [refresh]);
  // Automatic snapshots are taken in the background: refresh the list now and then.
  useEffect(() => {
    const timer = setInterval(refresh, 30_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const invalid = (error: FormatError & { file: string }): Message => ({
    kind: 'error',
    text: error.path
      ? t('backup.invalid', { file: error.file, path: formatErrorPath(error.path, lang), reason: formatErrorText(error, lang) })
      : t('backup.invalidFile', { file: error.file, reason: formatErrorText(error, lang) }),
  });

  const restored = (file: string, s: RestoreSummary): Message => ({
    kind: 'ok',
    text:
      t('backup.restored', { file, documents: s.documents, fragments: s.fragments }) +
      (s.moved + s.orphaned > 0 ? ` ${t('backup.reanchored', { moved: s.moved, orphaned: s.orphaned })}` : '') +
      (s.snapshot ? ` ${t('backup.undoHint')}` : ''),
  });

  async function onExport() {
    try {
      const { fileName, content } = await exportProject(appDb());
      downloadFile(fileName, content, 'application/json');
    } catch (e) {
      setMessage({ kind: 'error', text: t('backup.exportFailed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  }

  async function onExportZip() {
    try {
      const { fileName, content } = await exportProjectZip(appDb());
      downloadFile(fileName, content, 'application/zip');
    } catch (e) {
      setMessage({ kind: 'error', text: t('backup.exportFailed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  }

  /** Reads and checks a file (project file, project zip, .qdpx, .qde); asks nothing until the file is known to be good. */
  async function onChoose(chosen: File[]) {
    setMessage(null);
    setChecked(null);
    // Several files (or a folder): the project-like one, and the rest as its sources (a .qde's
    // `internal://NAME` files, found by name in any folder, without regard to case).
    const project = projectFileOf(chosen);
    if (!project) {
      setMessage({ kind: 'error', text: t('backup.noProjectFile', { n: chosen.length }) });
      return;
    }
    const file = project;
    const others = new Map<string, File>();
    for (const f of chosen) if (f !== file) others.set(f.name.toLowerCase(), f);
    let content: Uint8Array;
    try {
      content = new Uint8Array(await file.arrayBuffer());
    } catch {
      setMessage({ kind: 'error', text: t('backup.unreadable', { file: file.name }) });
      return;
    }
    const result = await checkProjectFile(appDb(), file.name, content, {
      sourceFile: async (name) => {
        const f = others.get(name.replace(/^.*[\\/]/, '').toLowerCase());
        return f ? new Uint8Array(await f.arrayBuffer()) : undefined;
      },
    });
    if (result.ok) {
      const same = await sameNameCoderIn(appDb(), result.value.data);
      setTwin(same ? { coder: same, isMe: true } : null);
      setChecked(result.value);
    } else setMessage(invalid(result.error));
  }

  async function replace(c: CheckedProjectFile) {
    setBusy(true);
    // A first run's sample import still going on would write into the restored project: wait for it.
    await startup?.settled();
    const result = await restoreChecked(appDb(), c, twin?.isMe ? { asMe: twin.coder.id } : {});
    setBusy(false);
    setChecked(null);
    setMessage(result.ok ? restored(c.file, result.value) : invalid(result.error));
    refresh();
  }

  async function asCopy(c: CheckedProjectFile) {
    setBusy(true);
    const result = await restoreAsCopy(c, (name) => new WorthmarkDb(name), { from: appDb(), ...(twin?.isMe ? { asMe: twin.coder.id } : {}) });
    setBusy(false);
    setChecked(null);
    if (!result.ok) {
      setMessage(invalid(result.error));
      return;
    }
    const project: KnownProject = { dbName: result.value.dbName, projectId: result.value.projectId, label: c.file, createdAt: new Date().toISOString() };
    rememberProject(project);
    setCopy(project);
    setMessage({ kind: 'ok', text: t('backup.copied', { file: c.file, documents: result.value.summary.documents, fragments: result.value.summary.fragments }) });
  }

  async function restoreSnapshot(s: SnapshotInfo) {
    if (!projectId) return;
    const content = await readSnapshotFile(projectId, s.id);
    if (content === null) return;
    const name = t('snapshots.fileName', { when: new Date(s.takenAt).toLocaleString(lang) });
    const result = await checkProjectFile(appDb(), name, content);
    if (result.ok) setChecked(result.value);
    else setMessage(invalid(result.error));
  }

  async function saveSnapshot(s: SnapshotInfo) {
    if (!projectId) return;
    const content = await readSnapshotFile(projectId, s.id);
    if (content !== null) downloadFile(safeFileName(`worthmark-snapshot-${s.takenAt.slice(0, 19).replaceAll(':', '-')}.json`), content, 'application/json');
  }

  async function snapshotNow() {
    try {
      await snapshotFromMemory(appGuard(), 'manual');
    } catch (e) {
      setMessage({ kind: 'error', text: t('snapshots.failed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
    refresh();
  }

  const others = knownProjects().filter((p) => p.dbName !== activeDbName());

  return (
    <section aria-labelledby="backup-h" className="panel">
      <h2 id="backup-h">{t('backup.title')}</h2>
      <p className="hint">{t('backup.explain')}</p>
      <div className="row">
        <button type="button" onClick={() => void onExport()}>
          {t('backup.export')}
        </button>
        <button type="button" onClick={() => void onExportZip()}>
          {t('backup.exportWithOriginals')}
        </button>
        <label className="button">
          {t('backup.restore')}
          <input
            type="file"
            multiple
            accept=".json,.zip,.qdpx,.qde,.txt,.docx,.pdf,application/json,application/zip"
            aria-label={t('backup.restore')}
            className="visually-hidden-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length > 0) void onChoose(files);
            }}
          />
        </label>
        <label className="button">
          {t('backup.restoreFolder')}
          <input
            type="file"
            {...{ webkitdirectory: '' }}
            aria-label={t('backup.restoreFolder')}
            className="visually-hidden-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length > 0) void onChoose(files);
            }}
          />
        </label>
      </div>

      {checked && (
        <div role="region" aria-label={t('restore.previewTitle')} className="restore-preview">
          <h3>{t('restore.previewTitle')}</h3>
          <p>
            {t('restore.holds', {
              file: checked.file,
              documents: checked.preview.holds.documents,
              fragments: checked.preview.holds.fragments,
              searches: checked.preview.holds.searches,
              coders: checked.preview.holds.coders,
            })}
            {checked.preview.exportedAt && ` ${t('restore.savedAt', { when: new Date(checked.preview.exportedAt).toLocaleString(lang) })}`}
          </p>
          {checked.report.notes.length > 0 && (
            <ul className="hint" aria-label={t('backup.reportLabel')}>
              {checked.report.notes.map((n, i) => (
                <li key={i}>{reportNoteText(n, lang)}</li>
              ))}
            </ul>
          )}
          {checked.preview.titles.length > 0 && (
            <ul className="restore-titles">
              {checked.preview.titles.map((title, i) => (
                <li key={i}>{title}</li>
              ))}
            </ul>
          )}
          <p>
            {t('restore.current', { documents: checked.preview.current.documents, fragments: checked.preview.current.fragments })}{' '}
            {checked.preview.lost.documents + checked.preview.lost.fragments + checked.preview.lost.searches + checked.preview.lost.decisions === 0 ? (
              t('restore.nothingLost')
            ) : (
              <strong>
                {t('restore.lost', {
                  documents: checked.preview.lost.documents,
                  fragments: checked.preview.lost.fragments,
                  searches: checked.preview.lost.searches,
                  decisions: checked.preview.lost.decisions,
                })}
              </strong>
            )}
          </p>
          {checked.preview.lost.titles.length > 0 && (
            <ul className="restore-titles">
              {checked.preview.lost.titles.map((title, i) => (
                <li key={i}>{title}</li>
              ))}
            </ul>
          )}
          {twin && (
            <label className="check">
              <input type="checkbox" checked={twin.isMe} onChange={(e) => setTwin({ ...twin, isMe: e.target.checked })} />
              <span>{t('identity.restoreIsMe', { name: twin.coder.name })}</span>
            </label>
          )}
          <p className="hint">{t('restore.snapshotFirst')}</p>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void replace(checked)}>
              {t('restore.replace')}
            </button>
            <button type="button" disabled={busy} onClick={() => void asCopy(checked)}>
              {t('restore.asCopy')}
            </button>
            {restoreActions().map((a) => (
              <button
                key={a.id}
                type="button"
                disabled={busy}
                onClick={() =>
                  void (async () => {
                    setBusy(true);
                    const m = await a.run(checked, lang);
                    setBusy(false);
                    setChecked(null);
                    setMessage(m);
                    refresh();
                  })()
                }
              >
                {t(a.label)}
              </button>
            ))}
            <button type="button" disabled={busy} onClick={() => setChecked(null)}>
              {t('restore.cancel')}
            </button>
          </div>
        </div>
      )}

      <MergeActions />

      {message && (
        <p className={message.kind === 'ok' ? 'ok-text' : 'error-text'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
          {copy && message.kind === 'ok' && (
            <>
              {' '}
              <button
                type="button"
                onClick={() => {
                  setActiveDbName(copy.dbName);
                  location.reload();
                }}
              >
                {t('projects.openCopy')}
              </button>
            </>
          )}
        </p>
      )}

      <h3 id="snapshots-h">{t('snapshots.title')}</h3>
      <p className="hint">{t('snapshots.explain')}</p>
      <button type="button" onClick={() => void snapshotNow()}>
        {t('snapshots.takeNow')}
      </button>
      {snapshots && snapshots.length === 0 && <p>{t('snapshots.none')}</p>}
      {snapshots && snapshots.length > 0 && (
        <table aria-labelledby="snapshots-h" className="snapshots">
          <thead>
            <tr>
              <th scope="col">{t('snapshots.when')}</th>
              <th scope="col">{t('snapshots.why')}</th>
              <th scope="col">{t('snapshots.contents')}</th>
              <th scope="col">
                <span className="sr-only">{t('snapshots.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((s) => {
              const when = new Date(s.takenAt).toLocaleString(lang);
              return (
                <tr key={s.id}>
                  <td>{when}</td>
                  <td>{t(REASON_LABEL[s.reason] ?? 'snapshots.reasonManual')}</td>
                  <td>{t('snapshots.counts', { documents: s.documents, fragments: s.fragments })}</td>
                  <td>
                    <button type="button" aria-label={t('snapshots.restoreOne', { when })} onClick={() => void restoreSnapshot(s)}>
                      {t('snapshots.restore')}
                    </button>{' '}
                    <button type="button" aria-label={t('snapshots.saveOne', { when })} onClick={() => void saveSnapshot(s)}>
                      {t('snapshots.save')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {others.length > 0 && (
        <>
          <h3>{t('projects.title')}</h3>
          <ul>
            {others.map((p) => (
              <li key={p.dbName}>
                {p.label ?? p.dbName}{' '}
                <button
                  type="button"
                  onClick={() => {
                    setActiveDbName(p.dbName);
                    location.reload();
                  }}
                >
                  {t('projects.open', { name: p.label ?? p.dbName })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The project-like file among several chosen: a .qde (its sources may be beside it), else a .qdpx,
 * a project zip or a project file (.json); undefined when there is none.
 */
function projectFileOf(files: readonly File[]): File | undefined {
  if (files.length === 1) return files[0];
  for (const ext of ['.qde', '.qdpx', '.zip', '.json']) {
    const f = files.find((x) => x.name.toLowerCase().endsWith(ext));
    if (f) return f;
  }
  return undefined;
}
