/** Editing a document's title, region/case, year, type and language. */
import { useState, type FormEvent } from 'react';
import { useLang } from '../i18n.tsx';
import { appDb } from '../../storage/app-db.ts';
import { updateDocument } from '../../storage/repository.ts';
import { parseMetadata } from '../../actions/import-files.ts';
import type { PolicyDocument } from '../../model/index.ts';
import { DOCUMENT_LANGUAGES, isDocumentLanguage } from '../../text/language.ts';

/** The details form for one document; saves and closes, or reports what is wrong. */
export function MetadataForm({ doc, onClose }: { doc: PolicyDocument; onClose: () => void }) {
  const { t } = useLang();
  const [title, setTitle] = useState(doc.title);
  const [region, setRegion] = useState(doc.meta.region ?? '');
  const [year, setYear] = useState(doc.meta.year === undefined ? '' : String(doc.meta.year));
  const [type, setType] = useState(doc.meta.type ?? '');
  const [lang, setLang] = useState(doc.meta.lang ?? '');
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseMetadata({ title, region, year, type, lang });
    if ('error' in parsed) {
      setError(t(parsed.error === 'year' ? 'meta.yearInvalid' : 'meta.titleEmpty'));
      return;
    }
    await updateDocument(appDb(), doc.id, parsed.parsed);
    onClose();
  }

  const id = (k: string) => `meta-${k}-${doc.id}`;
  return (
    <form className="panel meta-form" aria-labelledby={id('h')} onSubmit={(e) => void onSubmit(e)}>
      <h2 id={id('h')}>{t('meta.heading', { title: doc.title })}</h2>
      <div className="row">
        <label className="field grow">
          <span>{t('meta.title')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('meta.region')}</span>
          <input value={region} onChange={(e) => setRegion(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('meta.year')}</span>
          <input
            value={year}
            inputMode="numeric"
            onChange={(e) => setYear(e.target.value)}
            aria-invalid={error === t('meta.yearInvalid') || undefined}
            aria-describedby={doc.meta.yearFromFile ? id('year-hint') : undefined}
          />
          {doc.meta.yearFromFile && (
            <span id={id('year-hint')} className="hint">
              {t('meta.yearFromFile')}
            </span>
          )}
        </label>
        <label className="field">
          <span>{t('meta.type')}</span>
          <input value={type} onChange={(e) => setType(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('meta.lang')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value)} aria-describedby={id('lang-hint')}>
            <option value="">{t('meta.langUnknown')}</option>
            {DOCUMENT_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`meta.lang.${l}`)}
              </option>
            ))}
            {lang && !isDocumentLanguage(lang) && <option value={lang}>{lang}</option>}
          </select>
          <span id={id('lang-hint')} className="hint">
            {t('meta.langHint')}
          </span>
        </label>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          {t('meta.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('meta.cancel')}
        </button>
      </div>
    </form>
  );
}
