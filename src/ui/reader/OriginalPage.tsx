/**
 * The original PDF page beside the extracted text, so a reader can check what the import made of
 * it. Renders with pdf.js (import/pdf-browser.ts) from the stored original; shows the page label
 * that is cited with the PDF page number beside it, and pages back and forth.
 */
import { useEffect, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { appDb } from '../../storage/app-db.ts';
import { getOriginal } from '../../storage/repository.ts';
import { useHasOriginal } from '../../storage/hooks.ts';
import { citePage, pageWithIndex, type PolicyDocument } from '../../model/index.ts';
import { openPdfViewer, type PdfPageViewer } from '../../import/pdf-browser.ts';
import '../library/library.css';

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'not-pdf' } | { kind: 'failed' } | { kind: 'ready'; viewer: PdfPageViewer };

/**
 * The original page viewer for a document, starting at PDF page `page` (1-based). Escape inside it
 * calls `onClose` (when given).
 */
export function OriginalPage({ doc, page: initial = 1, onClose }: { doc: PolicyDocument; page?: number; onClose?: () => void }) {
  const { t } = useLang();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [page, setPage] = useState(initial);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => setPage(initial), [initial]);

  useEffect(() => {
    let cancelled = false;
    let viewer: PdfPageViewer | undefined;
    void (async () => {
      if (doc.format !== 'pdf') return setState({ kind: 'not-pdf' });
      const original = await getOriginal(appDb(), doc.id);
      if (!original) return !cancelled && setState({ kind: 'missing' });
      try {
        viewer = await openPdfViewer(new Uint8Array(await original.blob.arrayBuffer()));
        if (cancelled) void viewer.destroy();
        else setState({ kind: 'ready', viewer });
      } catch {
        if (!cancelled) setState({ kind: 'failed' });
      }
    })();
    return () => {
      cancelled = true;
      void viewer?.destroy();
    };
  }, [doc.id, doc.format]);

  useEffect(() => {
    if (state.kind !== 'ready' || !canvasRef.current) return;
    const width = Math.max(240, (boxRef.current?.clientWidth ?? 480) - 20);
    const canvas = canvasRef.current;
    canvas.removeAttribute('data-rendered');
    state.viewer
      .render(page, canvas, width)
      // Marks the page as drawn: rendering is asynchronous, and tests (and screenshots) wait for it.
      .then(() => canvas.setAttribute('data-rendered', String(page)))
      .catch(() => setState({ kind: 'failed' }));
  }, [state, page]);

  const info = pageWithIndex(doc.pages, page);
  const count = state.kind === 'ready' ? state.viewer.pageCount : doc.pages.length;
  return (
    <section
      className="original-page"
      id={`original-${doc.id}`}
      aria-labelledby={`original-h-${doc.id}`}
      ref={boxRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="row">
        <h2 id={`original-h-${doc.id}`}>{t('original.heading', { page: citePage(info) })}</h2>
        <button type="button" className="small" aria-label={t('original.prev')} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
          ‹
        </button>
        <label className="field inline">
          <span>{t('original.page')}</span>
          <input
            type="number"
            min={1}
            max={count}
            value={page}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= count) setPage(n);
            }}
          />
        </label>
        <button type="button" className="small" aria-label={t('original.next')} disabled={page >= count} onClick={() => setPage((p) => p + 1)}>
          ›
        </button>
      </div>
      {state.kind === 'loading' && <p>{t('common.loading')}</p>}
      {state.kind === 'missing' && <p role="alert">{t('original.missing')}</p>}
      {state.kind === 'not-pdf' && <p role="alert">{t('original.notPdf')}</p>}
      {state.kind === 'failed' && <p role="alert">{t('original.failed')}</p>}
      {state.kind === 'ready' && <canvas ref={canvasRef} role="img" aria-label={t('original.canvas', { index: page, title: doc.title })} />}
    </section>
  );
}

/** Props of {@link OriginalPageToggle}. */
export interface OriginalPageToggleProps {
  doc: PolicyDocument;
  open: boolean;
  onToggle: (open: boolean) => void;
  buttonRef?: React.Ref<HTMLButtonElement>;
}

/**
 * The "Show original page" toggle for the reader's head. The reader shows the page (an
 * {@link OriginalPage}) in its layout beside the text, so it never covers the text, the coding
 * panel or this toggle; Escape on the toggle closes it too. Renders nothing for non-PDF documents.
 */
export function OriginalPageToggle({ doc, open, onToggle, buttonRef }: OriginalPageToggleProps) {
  const { t } = useLang();
  const stored = useHasOriginal(doc.id);
  if (doc.format !== 'pdf' || stored === undefined) return null;
  // A project restored from a file carries no originals: say so instead of offering a dead button.
  if (!stored) return <span className="muted">{t('original.missing')}</span>;
  return (
    <button
      type="button"
      ref={buttonRef}
      className="original-toggle"
      aria-expanded={open}
      aria-controls={open ? `original-${doc.id}` : undefined}
      onClick={() => onToggle(!open)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          onToggle(false);
        }
      }}
    >
      {open ? t('original.hide') : t('original.show')}
    </button>
  );
}
