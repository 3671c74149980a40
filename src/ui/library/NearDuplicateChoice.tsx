/**
 * The choice for a document imported as a near-duplicate of another (actions/near-duplicates.ts):
 * keep both, or skip the new one.
 */
import { useState } from 'react';
import { useLang } from '../i18n.tsx';
import { appDb } from '../../storage/app-db.ts';
import { keepNearDuplicate, skipNearDuplicate } from '../../actions/near-duplicates.ts';
import type { PolicyDocument } from '../../model/index.ts';

/** The flag and its two buttons, under a document's title in the library. */
export function NearDuplicateChoice({ doc, onSkipped }: { doc: PolicyDocument; onSkipped: (message: string) => void }) {
  const { t } = useLang();
  const [busy, setBusy] = useState(false);
  const near = doc.nearDuplicate;
  if (!near) return null;
  async function decide(keep: boolean) {
    setBusy(true);
    try {
      if (keep) await keepNearDuplicate(appDb(), doc.id);
      else if (await skipNearDuplicate(appDb(), doc.id)) onSkipped(t('library.skippedNear', { title: doc.title }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="near-duplicate" role="group" aria-label={t('library.nearTag')}>
      <span className="tag warn">{t('library.nearTag')}</span>{' '}
      <span>{t('library.nearDuplicate', { of: near.title, pct: Math.round(near.similarity * 100) })}</span>{' '}
      <button type="button" className="small" disabled={busy} aria-label={t('library.keepBothOf', { title: doc.title })} onClick={() => void decide(true)}>
        {t('library.keepBoth')}
      </button>{' '}
      <button type="button" className="small danger" disabled={busy} aria-label={t('library.skipNearOf', { title: doc.title })} onClick={() => void decide(false)}>
        {t('library.skipNear')}
      </button>
    </div>
  );
}
