/** Settings: language, who is coding, storage state. */
import { useEffect, useState } from 'react';
import { useLang, type Lang } from '../i18n.tsx';
import { useCoders, useSetting } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { putCoder } from '../../storage/repository.ts';
import { storageEstimate, type PersistenceState } from '../../storage/persistence.ts';
import { SETTINGS } from '../../actions/bootstrap.ts';
import type { Coder } from '../../model/index.ts';

/** The settings screen. */
export function SettingsView(props: { persistence: PersistenceState | null }) {
  const { t, lang, setLang } = useLang();
  const coderId = useSetting<string | null>(SETTINGS.coderId, null);
  const coders = useCoders();
  const coder = coders?.find((c) => c.id === coderId);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  useEffect(() => {
    void storageEstimate().then(setEstimate);
  }, []);
  const mb = (n: number) => (n / 1024 / 1024).toLocaleString(lang, { maximumFractionDigits: 1 });

  return (
    <div className="settings">
      <section className="panel" aria-labelledby="set-lang-h">
        <h1 id="set-lang-h">{t('settings.title')}</h1>
        <label className="field">
          <span>{t('lang.label')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </label>
      </section>
      <section className="panel" aria-labelledby="set-coder-h">
        <h2 id="set-coder-h">{t('settings.coder')}</h2>
        <p className="hint">{t('settings.coderExplain')}</p>
        {coder && <CoderForm coder={coder} />}
      </section>
      <section className="panel" aria-labelledby="set-storage-h">
        <h2 id="set-storage-h">{t('settings.storage')}</h2>
        <p>{props.persistence ? t(`storage.${props.persistence}`) : t('storage.checking')}</p>
        <p className="hint">{t('storage.explain')}</p>
        {estimate && <p className="hint">{t('settings.usage', { usage: mb(estimate.usage), quota: mb(estimate.quota) })}</p>}
      </section>
    </div>
  );
}

function CoderForm({ coder }: { coder: Coder }) {
  const { t } = useLang();
  const [name, setName] = useState(coder.name);
  const [initials, setInitials] = useState(coder.initials);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void putCoder(appDb(), { ...coder, name: name.trim(), initials: initials.trim() }).then(() => setSaved(true));
      }}
    >
      <label className="field">
        <span>{t('settings.coderName')}</span>
        <input value={name} onChange={(e) => { setName(e.target.value); setSaved(false); }} />
      </label>
      <label className="field">
        <span>{t('settings.coderInitials')}</span>
        <input value={initials} maxLength={6} size={6} onChange={(e) => { setInitials(e.target.value); setSaved(false); }} />
      </label>
      <button type="submit">{t('common.save')}</button>
      {saved && <span role="status" className="ok-text">{t('common.saved')}</span>}
    </form>
  );
}
