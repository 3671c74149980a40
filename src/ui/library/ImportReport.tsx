/**
 * The import report of one document: what normalisation did (hyphens joined, running headers and
 * footers removed — each removed line with its page, characters the PDF gives no Unicode for,
 * with their pages), with the undo of the removal, a
 * re-extraction from the stored original, and the fragments that re-extraction could not place.
 */
import { useState } from 'react';
import { useLang } from '../i18n.tsx';
import { useServices } from '../services.tsx';
import { useFragments, useText } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { reextractDocument } from '../../actions/reextract.ts';
import { importErrorText } from '../messages.ts';
import { citePage, pageWithIndex, type JoinedWord, type LegacyJoinedWord, type PolicyDocument } from '../../model/index.ts';
import { joinedWordAt } from '../../text/normalise.ts';
import { TextMissingNotice } from './TextMissing.tsx';

/** The report panel for one document. */
export function ImportReport({ doc, onClose }: { doc: PolicyDocument; onClose: () => void }) {
  const { t, lang } = useLang();
  const { pdf } = useServices();
  const fragments = useFragments(doc.id);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [joinedOpen, setJoinedOpen] = useState(false);
  const r = doc.report;
  const removed = r.removed ?? r.removedLines.map((text) => ({ page: 0, edge: 'top' as const, text }));
  const kept = doc.extraction?.keepRunningLines === true;
  const orphanIds = new Set(doc.reextraction?.orphaned ?? []);
  const orphans = (fragments ?? []).filter((f) => orphanIds.has(f.id));
  const labelled = doc.pages.find((p) => p.label !== String(p.index));

  async function run(keepRunningLines: boolean) {
    setBusy(true);
    setStatus({ text: t('import.reextracting') });
    try {
      const res = await reextractDocument(appDb(), pdf, doc.id, keepRunningLines ? { keepRunningLines: true } : {});
      if (res.ok) {
        setStatus({ text: t('import.reextracted', { anchored: res.value.document.reextraction?.anchored ?? 0, orphaned: res.value.orphaned.length }) });
      } else setStatus({ text: importErrorText(lang, res.error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel import-report" aria-labelledby={`report-h-${doc.id}`}>
      <h2 id={`report-h-${doc.id}`}>{t('import.reportTitle', { title: doc.title })}</h2>
      {(doc.textMissing || doc.textAttached) && <TextMissingNotice doc={doc} />}
      <p>
        {t('import.reportPages', { n: r.pageCount })} {t('import.reportHyphens', { n: r.joinedHyphens })}
      </p>
      {r.joined && r.joined.length > 0 && (
        <details className="joined-words" onToggle={(e) => setJoinedOpen(e.currentTarget.open)}>
          <summary>{t('import.joinedShow', { n: r.joined.length })}</summary>
          <p className="hint">{t('import.joinedHelp')}</p>
          {joinedOpen && <JoinedWords doc={doc} joined={r.joined} />}
        </details>
      )}
      {labelled && <p>{t('import.reportLabels', { example: `p. ${citePage(labelled)}` })}</p>}
      {r.unmapped && r.unmapped.length > 0 && (
        <p>
          {t('import.reportUnmapped', {
            n: r.unmapped.reduce((n, u) => n + u.count, 0),
            pages: r.unmapped.map((u) => `p. ${citePage(pageWithIndex(doc.pages, u.page))}`).join(', '),
          })}
        </p>
      )}
      {kept ? (
        <p>{t('import.reportKept', { n: r.keptRunningLines ?? 0 })}</p>
      ) : removed.length === 0 ? (
        <p>{t('import.reportNone')}</p>
      ) : (
        <>
          <p id={`removed-h-${doc.id}`}>{t('import.reportRemoved', { n: removed.length })}</p>
          {/* A scrolling list takes the focus, so keyboard users can scroll it too. */}
          <ul className="removed-lines" tabIndex={0} aria-labelledby={`removed-h-${doc.id}`}>
            {removed.map((line, i) => (
              <li key={i}>
                {line.page > 0 && (
                  <span className="where">
                    {t('import.reportLine', {
                      page: citePage(pageWithIndex(doc.pages, line.page)),
                      edge: t(line.edge === 'top' ? 'import.edgeTop' : 'import.edgeBottom'),
                    })}
                  </span>
                )}
                <del>{line.text}</del>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="row">
        {doc.format === 'pdf' && (kept || removed.length > 0) && (
          <button type="button" disabled={busy} onClick={() => void run(!kept)}>
            {kept ? t('import.redoRemoval') : t('import.undoRemoval')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void run(kept)}>
          {t('import.reextract')}
        </button>
        <button type="button" onClick={onClose}>
          {t('import.close')}
        </button>
      </div>
      {status && (
        <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error-text' : undefined}>
          {status.text}
        </p>
      )}
      {orphans.length > 0 && (
        <div className="orphans">
          <h3>{t('import.orphans', { n: orphans.length })}</h3>
          <p className="hint">{t('import.orphansHint')}</p>
          <ul>
            {orphans.map((f) => (
              <li key={f.id}>
                <q>{f.anchor.exact.length > 200 ? `${f.anchor.exact.slice(0, 200)}…` : f.anchor.exact}</q>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** How many joined words the list shows at first, and adds per "show more". */
const JOINED_PAGE = 200;

/**
 * The joined words, read from the document's text around each join (loaded when the list is
 * opened), a page of them at a time: a text with thousands of joins stays quick to open.
 */
function JoinedWords({ doc, joined }: { doc: PolicyDocument; joined: ReadonlyArray<JoinedWord | LegacyJoinedWord> }) {
  const { t } = useLang();
  const text = useText(doc.id);
  const [shown, setShown] = useState(JOINED_PAGE);
  if (text === undefined) return null;
  const rest = joined.length - shown;
  return (
    <>
      <ul tabIndex={0} aria-label={t('import.joinedList')}>
        {joined.slice(0, shown).map((j, i) => {
          const w = joinedWordAt(text?.text ?? '', j);
          return (
            <li key={i}>
              <span className="where">{t('import.joinedAt', { page: citePage(pageWithIndex(doc.pages, j.page)) })}</span>{' '}
              {w.cutBefore && '…'}
              {w.word.slice(0, w.split)}
              <span aria-hidden="true">·</span>
              {w.word.slice(w.split)}
              {w.cutAfter && '…'}
            </li>
          );
        })}
      </ul>
      {rest > 0 && (
        <button type="button" onClick={() => setShown((n) => n + JOINED_PAGE)}>
          {t('import.joinedMore', { n: Math.min(rest, JOINED_PAGE), total: rest })}
        </button>
      )}
    </>
  );
}
