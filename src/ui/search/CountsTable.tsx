/** Hits per term × document, above the concordance. */
import { useLang } from '../i18n.tsx';
import type { PolicyDocument } from '../../model/index.ts';
import type { RanSearch } from './SearchView.tsx';

/** The counts table of a search that ran. */
export function CountsTable({ ran, docs }: { ran: RanSearch; docs: readonly PolicyDocument[] }) {
  const { t } = useLang();
  const titles = new Map(docs.map((d) => [d.id as string, d.title]));
  const rows = ran.result.documents;
  return (
    <section className="panel" aria-labelledby="counts-h">
      <h2 id="counts-h">{t('search.counts')}</h2>
      <div className="table-scroll">
        <table className="counts-table">
          <thead>
            <tr>
              <th scope="col">{t('search.term')}</th>
              {rows.map((d) => (
                <th scope="col" key={d.id} className="num">
                  {titles.get(d.id) ?? d.title}
                </th>
              ))}
              <th scope="col" className="num">
                {t('tally.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ran.query.terms.map((term, ti) => (
              <tr key={ti}>
                <th scope="row">{term.label}</th>
                {rows.map((d) => (
                  <td key={d.id} className={`num${d.byTerm[ti] === 0 ? ' zero' : ''}`}>
                    {d.byTerm[ti]}
                  </td>
                ))}
                <td className="num">{rows.reduce((a, d) => a + (d.byTerm[ti] ?? 0), 0)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('tally.total')}</th>
              {rows.map((d) => (
                <td key={d.id} className="num">
                  {d.hits}
                </td>
              ))}
              <td className="num">{ran.result.hits.length}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
