/** Which documents a search runs over: all of them, or a chosen subset. */
import { useLang } from '../i18n.tsx';
import type { PolicyDocument } from '../../model/index.ts';

/** Props: the documents, the chosen ids (null = all) and the documents new to the saved search. */
export interface DocumentPickerProps {
  docs: readonly PolicyDocument[];
  chosen: string[] | null;
  onChange: (chosen: string[] | null) => void;
  newIds: readonly string[];
}

/** A collapsible list of checkboxes, with "all documents" on top. */
export function DocumentPicker({ docs, chosen, onChange, newIds }: DocumentPickerProps) {
  const { t } = useLang();
  const isOn = (id: string) => chosen === null || chosen.includes(id);
  const count = chosen === null ? docs.length : docs.filter((d) => chosen.includes(d.id)).length;
  function toggle(id: string) {
    const current = chosen ?? docs.map((d) => d.id as string);
    const next = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
    onChange(next.length === docs.length ? null : next);
  }
  return (
    <details className="doc-picker">
      <summary>{chosen === null ? t('search.docsAll', { n: docs.length }) : t('search.docsSome', { n: count, total: docs.length })}</summary>
      <fieldset>
        <legend className="sr-only">{t('search.docsLegend')}</legend>
        <label className="check">
          <input type="checkbox" checked={chosen === null} onChange={() => onChange(chosen === null ? [] : null)} />
          <span>{t('search.docsAllLabel')}</span>
        </label>
        <ul className="doc-picker-list">
          {docs.map((d) => (
            <li key={d.id}>
              <label className="check">
                <input type="checkbox" checked={isOn(d.id)} onChange={() => toggle(d.id)} />
                <span>{d.title}</span>
                {newIds.includes(d.id) && <span className="badge new-badge">{t('search.newBadge')}</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}
