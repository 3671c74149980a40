/** The tally's filters: documents, coder, saved search (with dismissed hits), flag and dates. */
import { useLang } from '../i18n.tsx';
import type { Coder, FlagDefinition, PolicyDocument, SavedSearch } from '../../model/index.ts';
import { DEFAULT_CHOICES, type TallyChoices } from './tally-state.ts';

/** Props of the filter bar. */
export interface TallyFiltersProps {
  choices: TallyChoices;
  setChoices: (next: Partial<TallyChoices>) => void;
  documents: readonly PolicyDocument[];
  coders: readonly Coder[];
  searches: readonly SavedSearch[];
  flags: readonly FlagDefinition[];
  searchPending: boolean;
  searchError?: string;
  searchName: string;
}

/** The filter bar; every change applies to all views and exports at once. */
export function TallyFilters(props: TallyFiltersProps) {
  const { t, local } = useLang();
  const { choices, setChoices, documents } = props;
  const chosen = new Set(choices.documentIds);
  const toggleDocument = (id: string, on: boolean) => {
    // No choice means every document: unticking one starts from all of them.
    const next = new Set(chosen.size === 0 ? documents.map((d) => d.id as string) : chosen);
    if (on) next.add(id);
    else next.delete(id);
    // Choosing every document is the same as choosing none: no condition.
    setChoices({ documentIds: next.size === documents.length || next.size === 0 ? [] : documents.filter((d) => next.has(d.id)).map((d) => d.id) });
  };
  const summary = chosen.size === 0 ? t('tv.documentsAll') : t('tv.documentsSome', { n: chosen.size, total: documents.length });
  return (
    <fieldset className="tally-filters">
      <legend>{t('tv.filters')}</legend>
      <div className="row">
        <details className="doc-picker">
          <summary aria-label={`${t('tv.documentsPick')}: ${summary}`}>
            {t('tv.documents')}: {summary}
          </summary>
          <ul role="group" aria-label={t('tv.documents')}>
            {documents.map((d) => (
              <li key={d.id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.size === 0 || chosen.has(d.id)} onChange={(e) => toggleDocument(d.id, e.target.checked)} />
                  {d.title}
                  {d.meta.region || d.meta.year ? <span className="muted"> ({[d.meta.region, d.meta.year].filter(Boolean).join(', ')})</span> : null}
                </label>
              </li>
            ))}
          </ul>
        </details>
        <label className="field">
          <span>{t('tv.coder')}</span>
          <select value={choices.coderId} onChange={(e) => setChoices({ coderId: e.target.value })}>
            <option value="">{t('tv.coderAll')}</option>
            {props.coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name || c.initials || c.id}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('tv.search')}</span>
          <select value={choices.searchId} onChange={(e) => setChoices({ searchId: e.target.value })}>
            <option value="">{t('tv.searchNone')}</option>
            {props.searches.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check dismissed-toggle">
          <input
            type="checkbox"
            checked={choices.includeDismissed}
            disabled={!choices.searchId}
            onChange={(e) => setChoices({ includeDismissed: e.target.checked })}
          />
          {t('tv.dismissed')}
        </label>
        <label className="field">
          <span>{t('tv.flag')}</span>
          <select value={choices.flag} onChange={(e) => setChoices({ flag: e.target.value })}>
            <option value="">{t('tv.flagAny')}</option>
            <option value="none">{t('tv.flagNone')}</option>
            {props.flags.map((f) => (
              <option key={f.id} value={f.id}>
                {t('tv.flagWith', { name: local(f.name) })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('tv.from')}</span>
          <input type="date" value={choices.from} onChange={(e) => setChoices({ from: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('tv.to')}</span>
          <input type="date" value={choices.to} onChange={(e) => setChoices({ to: e.target.value })} />
        </label>
        <button
          type="button"
          onClick={() =>
            setChoices({
              documentIds: DEFAULT_CHOICES.documentIds,
              coderId: '',
              searchId: '',
              includeDismissed: true,
              flag: '',
              from: '',
              to: '',
            })
          }
        >
          {t('tv.reset')}
        </button>
      </div>
      {props.searchPending && <p className="hint" role="status">{t('tv.searchBusy')}</p>}
      {props.searchError && (
        <p className="error-text" role="alert">
          {t('tv.searchError', { name: props.searchName, reason: props.searchError })}
        </p>
      )}
    </fieldset>
  );
}
