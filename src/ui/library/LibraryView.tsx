/**
 * Library: import files (or pasted text) with per-file progress and a cancel button, list the
 * documents with their details and import report, remove or restore the sample, back up the
 * project.
 */
import { useRef, useState, type DragEvent } from 'react';
import { useLang } from '../i18n.tsx';
import { useServices } from '../services.tsx';
import { useDocuments, useFragments } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { removeDocuments } from '../../actions/documents.ts';
import { fromFile, importFiles, importPastedText } from '../../actions/import-files.ts';
import { loadSample, removeSample } from '../../actions/bootstrap.ts';
import { importErrorText } from '../messages.ts';
import { ProjectBackup } from './ProjectBackup.tsx';
import { ProjectExchange } from './ProjectExchange.tsx';
import { ImportReport } from './ImportReport.tsx';
import { NearDuplicateChoice } from './NearDuplicateChoice.tsx';
import { MetadataForm } from './MetadataForm.tsx';
import type { ImportError, PolicyDocument } from '../../model/index.ts';
import './library.css';
import { useStartup } from '../startup.ts';

interface FileRow {
  key: string;
  name: string;
  done: number;
  total: number;
  state: 'waiting' | 'working' | 'done' | 'failed' | 'cancelled';
  error?: ImportError;
  title?: string;
  /** The imported text is nearly that of another document: its title and similarity. */
  near?: { of: string; similarity: number };
}

let batchCounter = 0;

/** The library screen. */
export function LibraryView() {
  const { t, lang } = useLang();
  const { pdf, sample, importer, startup } = useServices();
  // On a first run the sample is imported after the first paint: the list says so until it is in.
  const loadingSample = useStartup(startup).sample === 'loading';
  const docs = useDocuments();
  const fragments = useFragments();
  const [rows, setRows] = useState<FileRow[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState('');
  const [pasteTitle, setPasteTitle] = useState('');
  const [open, setOpen] = useState<{ id: string; panel: 'report' | 'details' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);

  async function run(files: File[]) {
    if (files.length === 0) return;
    const batch = ++batchCounter;
    const fresh: FileRow[] = files.map((f, i) => ({ key: `${batch}-${i}`, name: f.name, done: 0, total: 0, state: 'waiting' }));
    setRows((r) => [...fresh, ...r]);
    const update = (i: number, patch: Partial<FileRow>) =>
      setRows((r) => r.map((row) => (row.key === `${batch}-${i}` ? { ...row, ...patch } : row)));
    const controller = new AbortController();
    abortRef.current = controller;
    setBusy(true);
    try {
      await importFiles(appDb(), pdf, files.map(fromFile), {
        signal: controller.signal,
        // Several files at once, each in an import worker of its own, when the app provides them.
        ...(importer ? { extract: importer.extract, concurrency: importer.concurrency } : {}),
        onProgress: (i, p) => update(i, { state: 'working', done: p.done, total: p.total }),
        onResult: (i, res) =>
          update(
            i,
            res.ok
              ? { state: 'done', title: res.value.title, done: 1, total: 1, ...(res.value.nearDuplicate ? { near: { of: res.value.nearDuplicate.title, similarity: res.value.nearDuplicate.similarity } } : {}) }
              : { state: 'failed', error: res.error },
          ),
        onCancelled: (i) => update(i, { state: 'cancelled' }),
      });
    } finally {
      abortRef.current = null;
      setBusy(false);
    }
  }

  async function importPaste() {
    const title = pasteTitle.trim() || t('import.pasteDefault', { date: new Date().toLocaleString(lang) });
    const key = `paste-${++batchCounter}`;
    setRows((r) => [{ key, name: title, done: 0, total: 1, state: 'working' }, ...r]);
    const res = await importPastedText(appDb(), pasted, title);
    setRows((r) =>
      r.map((row) => (row.key !== key ? row : res.ok ? { ...row, state: 'done', title: res.value.title, done: 1 } : { ...row, state: 'failed', error: res.error })),
    );
    if (res.ok) {
      setPasted('');
      setPasteTitle('');
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void run(Array.from(e.dataTransfer.files));
  }

  const counts = new Map<string, number>();
  for (const f of fragments ?? []) counts.set(f.documentId, (counts.get(f.documentId) ?? 0) + 1);
  const hasSample = (docs ?? []).some((d) => d.sample);

  async function onDelete(doc: PolicyDocument) {
    const n = counts.get(doc.id) ?? 0;
    if (!confirm(t('library.confirmDelete', { title: doc.title, n }))) return;
    await removeDocuments(appDb(), [doc.id]);
  }

  const openDoc = open ? docs?.find((d) => d.id === open.id) : undefined;
  const metaSummary = (d: PolicyDocument) =>
    [
      d.meta.region,
      d.meta.year === undefined ? undefined : d.meta.yearFromFile ? t('meta.yearGuess', { year: d.meta.year }) : String(d.meta.year),
      d.meta.type,
    ]
      .filter((x) => x !== undefined && x !== '')
      .join(' · ');

  return (
    <div className="library">
      <section aria-labelledby="import-h" className="panel">
        <h1 id="import-h">{t('library.importTitle')}</h1>
        <div
          className={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>{t('library.dropHint')}</p>
          <label className="button primary">
            {t('library.chooseFiles')}
            <input
              ref={inputRef}
              type="file"
              multiple
              accept=".pdf,.txt,.docx,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              aria-label={t('library.chooseFiles')}
              className="visually-hidden-input"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                void run(files);
              }}
            />
          </label>
          <p className="hint">{t('library.formats')}</p>
        </div>
        <details className="paste-box">
          <summary>{t('import.pasteTitle')}</summary>
          <label className="field">
            <span>{t('import.pasteName')}</span>
            <input value={pasteTitle} onChange={(e) => setPasteTitle(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('import.pasteText')}</span>
            <textarea value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </label>
          <button type="button" disabled={pasted.trim() === ''} onClick={() => void importPaste()}>
            {t('import.pasteButton')}
          </button>
        </details>
        {rows.length > 0 && (
          <ul className="import-list" aria-label={t('library.importProgress')}>
            {rows.map((r) => (
              <li key={r.key} className={`import-row ${r.state}`}>
                <span className="file-name">{r.name}</span>
                <progress
                  max={r.total || 1}
                  value={r.state === 'done' ? r.total || 1 : r.done}
                  aria-label={t('library.progressOf', { file: r.name })}
                />
                <span className="import-state" role={r.state === 'failed' ? 'alert' : undefined}>
                  {r.state === 'waiting' && t('library.waiting')}
                  {r.state === 'working' && t('library.pages', { done: r.done, total: r.total })}
                  {r.state === 'done' &&
                    (r.near
                      ? t('library.importedNear', { title: r.title ?? r.name, of: r.near.of, pct: Math.round(r.near.similarity * 100) })
                      : t('library.imported', { title: r.title ?? r.name }))}
                  {r.state === 'failed' && r.error && importErrorText(lang, r.error)}
                  {r.state === 'cancelled' && t('import.cancelled')}
                </span>
              </li>
            ))}
          </ul>
        )}
        {busy && (
          <div className="import-actions">
            <p className="hint">{t('library.busy')}</p>
            <button type="button" className="danger" onClick={() => abortRef.current?.abort()}>
              {t('import.cancel')}
            </button>
          </div>
        )}
      </section>

      {openDoc && open?.panel === 'details' && <MetadataForm key={openDoc.id} doc={openDoc} onClose={() => setOpen(null)} />}
      {openDoc && open?.panel === 'report' && <ImportReport key={openDoc.id} doc={openDoc} onClose={() => setOpen(null)} />}

      <section aria-labelledby="docs-h" className="panel">
        <h2 id="docs-h">{loadingSample ? t('library.documentsLoading') : docs === undefined ? t('library.documentsReading') : t('library.documents', { n: docs.length })}</h2>
        {notice && (
          <p role="status" className="banner info">
            {notice}
          </p>
        )}
        {hasSample && (
          <div className="banner info">
            <span>{t('library.sampleNote')}</span>
            <button type="button" onClick={() => void removeSample(appDb())}>
              {t('library.removeSample')}
            </button>
          </div>
        )}
        {docs && docs.length === 0 && !loadingSample && (
          <div className="empty">
            <p>{t('library.empty')}</p>
            {sample && (
              <button type="button" onClick={() => void loadSample(appDb(), pdf, sample, importer?.extract)}>
                {t('library.loadSample')}
              </button>
            )}
          </div>
        )}
        {docs && docs.length > 0 && (
          <table className="doc-table">
            <thead>
              <tr>
                <th scope="col">{t('library.col.title')}</th>
                <th scope="col">{t('library.col.file')}</th>
                <th scope="col">{t('library.col.meta')}</th>
                <th scope="col" className="num">{t('library.col.pages')}</th>
                <th scope="col" className="num">{t('library.col.chars')}</th>
                <th scope="col" className="num">{t('library.col.fragments')}</th>
                <th scope="col">{t('library.col.report')}</th>
                <th scope="col"><span className="sr-only">{t('library.col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`#/reader/${encodeURIComponent(d.id)}`}>{d.title}</a>
                    {d.sample && <span className="tag">{t('library.sampleTag')}</span>}
                    {d.nearDuplicate && <NearDuplicateChoice doc={d} onSkipped={setNotice} />}
                    {d.textMissing && <span className="tag tag-missing">{t('missing.tag')}</span>}
                  </td>
                  <td className="muted">{d.fileName}</td>
                  <td className="muted">{metaSummary(d)}</td>
                  <td className="num">{d.pages.length}</td>
                  <td className="num">{d.charCount.toLocaleString(lang)}</td>
                  <td className="num">{counts.get(d.id) ?? 0}</td>
                  <td className="muted">
                    {d.textMissing
                      ? t('missing.row', { source: d.textMissing.source, n: counts.get(d.id) ?? 0 })
                      : t('library.report', { hyphens: d.report.joinedHyphens, removed: d.report.removedLines.length })}{' '}
                    <button
                      type="button"
                      className="small"
                      aria-label={t('import.reportOf', { title: d.title })}
                      aria-expanded={open?.id === d.id && open.panel === 'report'}
                      onClick={() => setOpen({ id: d.id, panel: 'report' })}
                    >
                      {t('import.report')}
                    </button>
                  </td>
                  <td>
                    <div className="doc-actions">
                      <button
                        type="button"
                        className="small"
                        aria-label={t('meta.editOf', { title: d.title })}
                        aria-expanded={open?.id === d.id && open.panel === 'details'}
                        onClick={() => setOpen({ id: d.id, panel: 'details' })}
                      >
                        {t('meta.edit')}
                      </button>
                      <button type="button" className="danger small" aria-label={t('library.deleteDoc', { title: d.title })} onClick={() => void onDelete(d)}>
                        {t('common.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ProjectBackup />
      <ProjectExchange />
    </div>
  );
}
