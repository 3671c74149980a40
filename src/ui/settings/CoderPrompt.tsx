/**
 * Asks who is coding, the first time: while the coder has neither name nor initials, the
 * reader shows this form (it never blocks coding, and never takes the focus from the text).
 * Every fragment records its coder, so a supervisor can tell coders apart.
 */
import { useState } from 'react';
import { useLang } from '../i18n.tsx';
import { appDb } from '../../storage/app-db.ts';
import { putCoder } from '../../storage/repository.ts';
import type { Coder } from '../../model/index.ts';

/** Initials from a name: the first letter of each word, at most four. */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toLocaleUpperCase())
    .join('')
    .slice(0, 4);
}

/** The prompt; renders nothing once the coder has a name or initials, or after "later". */
export function CoderPrompt({ coder }: { coder: Coder | null }) {
  const { t } = useLang();
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  const [later, setLater] = useState(false);
  if (!coder || later || coder.name.trim() || coder.initials.trim()) return null;
  return (
    <form
      className="panel coder-prompt"
      aria-labelledby="coder-prompt-h"
      onSubmit={(e) => {
        e.preventDefault();
        const n = name.trim();
        const i = initials.trim() || initialsOf(n);
        if (!n && !i) return;
        void putCoder(appDb(), { ...coder, name: n, initials: i });
      }}
    >
      <h2 id="coder-prompt-h">{t('coder.promptTitle')}</h2>
      <p className="hint">{t('settings.coderExplain')}</p>
      <div className="row">
        <label className="field">
          <span>{t('settings.coderName')}</span>
          <input value={name} autoComplete="name" onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('settings.coderInitials')}</span>
          <input value={initials} size={6} maxLength={6} placeholder={initialsOf(name)} onChange={(e) => setInitials(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary">
          {t('coder.save')}
        </button>
        <button type="button" onClick={() => setLater(true)}>
          {t('coder.later')}
        </button>
      </div>
    </form>
  );
}
