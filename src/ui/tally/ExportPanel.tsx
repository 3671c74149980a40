/** Exports of the current view: fragment list, matrix and co-occurrence as CSV, all tables as XLSX, the appendix as Markdown, DOCX and HTML. */
import { useState } from 'react';
import { useLang } from '../i18n.tsx';
import type { Codebook, Coder, LocalText, SavedSearch } from '../../model/index.ts';
import type { TallyView } from '../../analysis/tally-view.ts';
import { fragmentsToCsv, type CsvSeparator } from '../../exchange/csv.ts';
import { fragmentRows } from '../../exchange/fragment-rows.ts';
import { typedTableToCsv } from '../../exchange/table.ts';
import { coOccurrenceTable, matrixTable } from '../../exchange/tally-table.ts';
import { exportStamp, tallyTables } from '../../exchange/tally-workbook.ts';
import { tablesToXlsx, XLSX_MIME } from '../../exchange/xlsx.ts';
import { appendixTitle, appendixToHtml, appendixToMarkdown, buildAppendix, type AppendixGrouping } from '../../exchange/appendix.ts';
import { downloadFile } from '../../exchange/download.ts';
import type { TallyChoices } from './tally-state.ts';
import { useReviews } from '../../storage/hooks.ts';

/** Props of the export panel. */
export interface ExportPanelProps {
  view: TallyView;
  choices: TallyChoices;
  setChoices: (next: Partial<TallyChoices>) => void;
  codebook: Codebook;
  coders: readonly Coder[];
  search: SavedSearch | undefined;
  totalFragments: number;
  local: (text: LocalText) => string;
  /** The chosen search's hits are still being found: the view is not yet filtered by them. */
  searchPending?: boolean;
}

const CSV_MIME = 'text/csv;charset=utf-8';

/** The measure in a file name ("worthmark-tally-row-percent-2026-11-23.csv"). */
const MEASURE_FILE: Record<TallyChoices['measure'], string> = { counts: 'counts', row: 'row-percent', column: 'column-percent', presence: 'presence' };

/** The export panel. */
export function ExportPanel(props: ExportPanelProps) {
  const { t, lang } = useLang();
  const { view, choices, codebook } = props;
  // Reviews go into the fragment table's review and comments columns.
  const reviews = useReviews();
  const [withReviews, setWithReviews] = useState(false);
  const [separator, setSeparator] = useState<CsvSeparator>(lang === 'nl' ? ';' : ',');
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const day = new Date().toISOString().slice(0, 10);
  const regimeNames = view.coOccurrence.codes.map((id) => props.local(codebook.codes.find((c) => c.id === id)?.name ?? { nl: id, en: id }));

  async function run(fileName: string, make: () => Promise<{ data: string | Uint8Array; mime: string }> | { data: string | Uint8Array; mime: string }) {
    // Exporting now would write unfiltered numbers under the chosen search's name.
    if (props.searchPending) {
      setStatus({ text: t('tv.exportWaitSearch'), error: true });
      return;
    }
    setStatus({ text: t('tv.exportBusy'), error: false });
    try {
      const { data, mime } = await make();
      downloadFile(fileName, data, mime);
      setStatus({ text: t('tv.exportDone', { file: fileName }), error: false });
    } catch (e) {
      setStatus({ text: t('tv.exportFailed', { reason: e instanceof Error ? e.message : String(e) }), error: true });
    }
  }

  const rowsLabel = { document: t('tv.rowsDocument'), region: t('tv.rowsRegion'), year: t('tv.rowsYear'), type: t('tv.rowsType') }[choices.rows];
  const about = () => {
    const lines = [
      t('tv.aboutDate', { date: exportStamp(new Date()) }),
      t('tv.aboutRows', { rows: rowsLabel, columns: choices.columns === 'values' ? t('tv.columnsValues') : t('tv.columnsCodes') }),
      t('tv.aboutFragments', { n: view.fragments.length, total: props.totalFragments }),
    ];
    if (choices.documentIds.length) lines.push(`${t('tv.documents')}: ${view.documents.map((d) => d.title).join('; ')}`);
    if (choices.coderId) lines.push(`${t('tv.coder')}: ${props.coders.find((c) => c.id === choices.coderId)?.name ?? choices.coderId}`);
    if (props.search) lines.push(`${t('tv.search')}: ${props.search.name}${choices.includeDismissed ? '' : ` (${t('tv.dismissed')}: ✗)`}`);
    if (choices.flag) lines.push(`${t('tv.flag')}: ${choices.flag === 'none' ? t('tv.flagNone') : props.local(codebook.flags.find((f) => f.id === choices.flag)?.name ?? { nl: choices.flag, en: choices.flag })}`);
    if (choices.from) lines.push(`${t('tv.from')}: ${choices.from}`);
    if (choices.to) lines.push(`${t('tv.to')}: ${choices.to}`);
    return lines;
  };
  const appendix = () => {
    const terms = props.search?.terms
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    return buildAppendix({
      documents: view.documents,
      fragments: view.fragments,
      codebook,
      grouping: choices.grouping,
      lang,
      title: title.trim() || undefined,
      intro: terms && terms.length ? [`${t('tv.appendixTerms')}: ${terms.join(', ')}`] : [],
      ...(withReviews ? { reviews: { reviews: reviews ?? [], coders: props.coders } } : {}),
    });
  };
  const fragmentsCsv = () => {
    const rows = fragmentRows({ documents: view.documents, codebooks: [codebook], fragments: view.fragments, coders: props.coders, reviews: reviews ?? [] }, lang);
    return { data: fragmentsToCsv(rows, { separator, lang }), mime: CSV_MIME };
  };

  return (
    <section className="panel" aria-labelledby="export-h">
      <h2 id="export-h">{t('export.title')}</h2>
      <p className="hint">{t('tv.exportFiltered')}</p>
      <h3>{t('tv.exportTables')}</h3>
      <div className="row">
        <label className="field">
          <span>{t('export.separator')}</span>
          <select value={separator} onChange={(e) => setSeparator(e.target.value as CsvSeparator)}>
            <option value=";">{t('export.semicolon')}</option>
            <option value=",">{t('export.comma')}</option>
          </select>
        </label>
        <button type="button" onClick={() => void run(`worthmark-fragments-${day}.csv`, fragmentsCsv)}>
          {t('tv.exportFragmentsCsv')}
        </button>
        <button
          type="button"
          onClick={() =>
            void run(`worthmark-tally-${MEASURE_FILE[choices.measure]}-${day}.csv`, () => ({
              data: typedTableToCsv(matrixTable(view.matrix, choices.measure, { codeNames: view.columnNames, lang }), { separator }),
              mime: CSV_MIME,
            }))
          }
        >
          {t('tv.exportMatrixCsv')}
        </button>
        <button
          type="button"
          onClick={() =>
            void run(`worthmark-co-occurrence-${choices.coMode === 'sameFragment' ? 'fragment' : 'overlap'}-${day}.csv`, () => ({
              data: typedTableToCsv(coOccurrenceTable(view.coOccurrence, choices.coMode, { codeNames: regimeNames, lang }), { separator }),
              mime: CSV_MIME,
            }))
          }
        >
          {t('tv.exportCoCsv')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() =>
            void run(`worthmark-tables-${day}.xlsx`, async () => ({
              data: await tablesToXlsx(tallyTables({ view, codebooks: [codebook], coders: props.coders, reviews: reviews ?? [], lang, about: about() })),
              mime: XLSX_MIME,
            }))
          }
        >
          {t('tv.exportXlsx')}
        </button>
      </div>
      <p className="hint">{t('export.explain')}</p>
      <h3>{t('tv.appendix')}</h3>
      <p className="hint">{t('tv.appendixExplain')}</p>
      <div className="row">
        <label className="field">
          <span>{t('tv.appendixGrouping')}</span>
          <select value={choices.grouping} onChange={(e) => props.setChoices({ grouping: e.target.value as AppendixGrouping })}>
            <option value="document">{t('tv.appendixByDocument')}</option>
            <option value="document-regime">{t('tv.appendixByDocumentRegime')}</option>
            <option value="regime-document">{t('tv.appendixByRegimeDocument')}</option>
          </select>
        </label>
        <label className="field grow">
          <span>{t('tv.appendixTitle')}</span>
          <input value={title} placeholder={appendixTitle(choices.grouping, lang)} onChange={(e) => setTitle(e.target.value)} />
        </label>
        {(reviews?.length ?? 0) > 0 && (
          <label className="check">
            <input type="checkbox" checked={withReviews} onChange={(e) => setWithReviews(e.target.checked)} />
            <span>{t('review.inAppendix')}</span>
          </label>
        )}
      </div>
      <div className="row">
        <button type="button" onClick={() => void run(`worthmark-bijlage-${day}.md`, () => ({ data: appendixToMarkdown(appendix()), mime: 'text/markdown;charset=utf-8' }))}>
          {t('tv.appendixMd')}
        </button>
        <button type="button" className="primary" onClick={() => void run(`worthmark-bijlage-${day}.docx`, async () => {
              // docx is a large library: loaded when a DOCX is first asked for.
              const { appendixToDocx, DOCX_MIME } = await import('../../exchange/appendix-docx.ts');
              return { data: await appendixToDocx(appendix()), mime: DOCX_MIME };
            })}>
          {t('tv.appendixDocx')}
        </button>
        <button type="button" onClick={() => void run(`worthmark-bijlage-${day}.html`, () => ({ data: appendixToHtml(appendix()), mime: 'text/html;charset=utf-8' }))}>
          {t('tv.appendixHtml')}
        </button>
      </div>
      {status && (
        <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error-text' : 'hint'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
