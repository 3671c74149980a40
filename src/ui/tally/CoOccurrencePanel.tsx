/** Co-occurrence: regime × regime on one fragment or on overlapping fragments, with drill-down. */
import { useEffect, useState } from 'react';
import { useLang } from '../i18n.tsx';
import type { Codebook, PolicyDocument } from '../../model/index.ts';
import type { TallyView } from '../../analysis/tally-view.ts';
import { CodeSwatch } from '../CodeSwatch.tsx';
import { FragmentList } from './FragmentList.tsx';

/** Pairs listed in an overlap cell's drill-down at most. */
const DRILL_PAIRS = 500;

/** Props of the co-occurrence panel. */
export interface CoOccurrencePanelProps {
  view: TallyView;
  codebook: Codebook;
  documents: readonly PolicyDocument[];
  mode: 'sameFragment' | 'overlapping';
  setMode: (mode: 'sameFragment' | 'overlapping') => void;
}

/** The co-occurrence table with a mode switch and a fragment list per cell. */
export function CoOccurrencePanel({ view, codebook, documents, mode, setMode }: CoOccurrencePanelProps) {
  const { t, local } = useLang();
  const [cell, setCell] = useState<[number, number] | null>(null);
  useEffect(() => setCell(null), [view, mode]);
  const co = view.coOccurrence;
  const codes = co.codes.map((id) => codebook.codes.find((c) => c.id === id)!);
  const name = (i: number) => local(codes[i]!.name);
  const matrix = co[mode];
  const items = (a: number, b: number) =>
    mode === 'sameFragment'
      ? co.sameFragment.cells[a]![b]!.map((i) => [view.fragments[i]!])
      : // Overlapping pairs can run into the millions: the drill-down lists the first ones (its title gives the count).
        co.overlapping.cells.pairs(a, b, DRILL_PAIRS).pairs.map(([i, j]) => [view.fragments[i]!, view.fragments[j]!]);
  return (
    <section className="panel" aria-labelledby="co-h">
      <h2 id="co-h">{t('tv.co')}</h2>
      <p className="hint">{t('tv.coExplain')}</p>
      <fieldset className="measure">
        <legend>{t('tv.coMode')}</legend>
        <label className="check">
          <input type="radio" name="co-mode" checked={mode === 'sameFragment'} onChange={() => setMode('sameFragment')} />
          {t('tv.coSame')}
        </label>
        <label className="check">
          <input type="radio" name="co-mode" checked={mode === 'overlapping'} onChange={() => setMode('overlapping')} />
          {t('tv.coOverlap')}
        </label>
        {mode === 'overlapping' && <span className="muted">{t('tv.coPairs', { n: co.overlappingPairs })}</span>}
      </fieldset>
      <div className="table-scroll">
        <table className="tally-table co-table">
          <caption className="sr-only">{t('tv.coCaption')}</caption>
          <thead>
            <tr>
              <td />
              {codes.map((c) => (
                <th scope="col" key={c.id} className="num">
                  <CodeSwatch code={c} /> {local(c.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {codes.map((c, a) => (
              <tr key={c.id}>
                <th scope="row">
                  <CodeSwatch code={c} /> {local(c.name)}
                </th>
                {matrix.counts[a]!.map((n, b) => {
                  const selected = cell?.[0] === a && cell?.[1] === b;
                  return (
                    <td key={b} className={`num${n === 0 ? ' zero' : ''}${a === b ? ' diagonal' : ''}`}>
                      <button
                        type="button"
                        className={`cell-button${selected ? ' selected' : ''}`}
                        aria-pressed={selected}
                        aria-label={t('tv.coCell', { a: name(a), b: name(b), n })}
                        onClick={() => setCell(selected ? null : [a, b])}
                      >
                        {n}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cell && (
        <FragmentList
          title={t('tv.drillTitle', { row: name(cell[0]), column: name(cell[1]), n: matrix.counts[cell[0]]![cell[1]]! })}
          items={items(cell[0], cell[1])}
          documents={documents}
          codebook={codebook}
          onClose={() => setCell(null)}
        />
      )}
    </section>
  );
}
