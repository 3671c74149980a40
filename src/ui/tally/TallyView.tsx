/** Tally: documents × regimes with counts, row percentages, totals and presence; exports. */
import { useMemo, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { useActiveCodebook, useDocuments, useFragments } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { tally } from '../../analysis/tally.ts';
import { tableToCsv, type CsvSeparator } from '../../exchange/csv.ts';
import { tallyToRows } from '../../exchange/tally-table.ts';
import { downloadFile } from '../../exchange/download.ts';
import { fragmentsCsv } from '../../actions/export-csv.ts';
import { CodeSwatch } from '../CodeSwatch.tsx';

/** The tally screen. */
export function TallyView() {
  const { t, lang, local } = useLang();
  const docs = useDocuments();
  const fragments = useFragments();
  const codebook = useActiveCodebook();
  const [separator, setSeparator] = useState<CsvSeparator>(lang === 'nl' ? ';' : ',');
  const result = useMemo(
    () =>
      docs && fragments && codebook
        ? tally({ documents: docs, codes: codebook.codes.map((c) => c.id), fragments })
        : null,
    [docs, fragments, codebook],
  );
  if (!result || !codebook) return <p>{t('common.loading')}</p>;
  const codes = codebook.codes;
  const name = (id: string) => local(codes.find((c) => c.id === id)?.name ?? { nl: id, en: id });
  const pct = (p: number | null) => (p === null ? '–' : `${p.toLocaleString(lang, { maximumFractionDigits: 1 })}%`);

  async function exportFragments() {
    const { fileName, content } = await fragmentsCsv(appDb(), { separator, lang });
    downloadFile(fileName, content, 'text/csv;charset=utf-8');
  }

  function exportTally() {
    if (!result) return;
    const rows = tallyToRows(result, { codeNames: codes.map((c) => local(c.name)), lang });
    const day = new Date().toISOString().slice(0, 10);
    downloadFile(`worthmark-tally-${day}.csv`, tableToCsv(rows, { separator }), 'text/csv;charset=utf-8');
  }

  return (
    <div className="tally">
      <section className="panel" aria-labelledby="tally-h">
        <h1 id="tally-h">{t('tally.title')}</h1>
        <p className="hint">{t('tally.explain')}</p>
        {result.dominant.length > 0 ? (
          <p className="dominant" role="status">
            {t('tally.dominant', { names: result.dominant.map(name).join(', '), n: result.documentsWithAtLeastOne[codes.findIndex((c) => c.id === result.dominant[0])] ?? 0, total: result.rows.length })}
          </p>
        ) : (
          <p className="hint">{t('tally.none')}</p>
        )}
        <div className="table-scroll">
          <table className="tally-table">
            <caption className="sr-only">{t('tally.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tally.document')}</th>
                {codes.map((c) => (
                  <th scope="col" key={c.id} className="num">
                    <CodeSwatch code={c} /> {local(c.name)}
                  </th>
                ))}
                <th scope="col" className="num">{t('tally.mere')}</th>
                <th scope="col" className="num">{t('tally.fragments')}</th>
                <th scope="col">{t('tally.dominantCol')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.documentId}>
                  <th scope="row">
                    <a href={`#/reader/${encodeURIComponent(r.documentId)}`}>{r.title}</a>
                  </th>
                  {r.counts.map((n, i) => (
                    <td key={i} className={`num${n === 0 ? ' zero' : ''}`}>
                      {n}
                      <span className="pct"> ({pct(r.percentages[i] ?? null)})</span>
                    </td>
                  ))}
                  <td className="num">{r.mereStatements}</td>
                  <td className="num">{r.fragments}</td>
                  <td>{r.dominant.map(name).join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('tally.total')}</th>
                {result.totals.counts.map((n, i) => (
                  <td key={i} className="num">
                    {n}
                    <span className="pct"> ({pct(result.totals.percentages[i] ?? null)})</span>
                  </td>
                ))}
                <td className="num">{result.totals.mereStatements}</td>
                <td className="num">{result.totals.fragments}</td>
                <td>{result.dominant.map(name).join(', ') || '–'}</td>
              </tr>
              <tr>
                <th scope="row">{t('tally.presence')}</th>
                {result.documentsWithAtLeastOne.map((n, i) => (
                  <td key={i} className="num">
                    {n} / {result.rows.length}
                  </td>
                ))}
                <td className="num">{result.documentsWithMereStatement} / {result.rows.length}</td>
                <td />
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="export-h">
        <h2 id="export-h">{t('export.title')}</h2>
        <div className="row">
          <label className="field">
            <span>{t('export.separator')}</span>
            <select value={separator} onChange={(e) => setSeparator(e.target.value as CsvSeparator)}>
              <option value=";">{t('export.semicolon')}</option>
              <option value=",">{t('export.comma')}</option>
            </select>
          </label>
          <button type="button" className="primary" onClick={() => void exportFragments()}>
            {t('export.fragments')}
          </button>
          <button type="button" onClick={exportTally}>
            {t('export.tally')}
          </button>
        </div>
        <p className="hint">{t('export.explain')}</p>
      </section>
    </div>
  );
}
