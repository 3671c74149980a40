/** The conflicts a merge left: both versions side by side, with keep ours, take theirs, keep both. */
import { useState } from 'react';
import { useLang } from '../i18n.tsx';
import { coderName } from '../coder-name.ts';
import { codesText } from '../reader/fragment-view.ts';
import { appDb } from '../../storage/app-db.ts';
import { resolveConflict, type ConflictChoice } from '../../actions/merge.ts';
import { pageAt, type Codebook, type Coder, type Fragment, type FragmentConflict, type PolicyDocument } from '../../model/index.ts';

/** Props: the conflicts and what is needed to show both versions. */
export interface ConflictListProps {
  conflicts: readonly FragmentConflict[];
  fragments: ReadonlyMap<string, Fragment>;
  documents: readonly PolicyDocument[];
  codebook: Codebook;
  coders: readonly Coder[];
  me: Coder | null;
}

/** The list of conflicts to resolve. */
export function ConflictList(props: ConflictListProps) {
  const { t } = useLang();
  const [message, setMessage] = useState<string | null>(null);
  if (props.conflicts.length === 0) return null;
  return (
    <section className="panel conflicts" aria-labelledby="conflicts-h">
      <h2 id="conflicts-h">{t('conflict.title', { n: props.conflicts.length })}</h2>
      <p className="hint">{t('conflict.explain')}</p>
      <ol className="conflict-list">
        {props.conflicts.map((c) => (
          <ConflictItem key={c.id} conflict={c} ours={props.fragments.get(c.fragmentId) ?? null} {...props} onDone={setMessage} />
        ))}
      </ol>
      {message && (
        <p className="ok-text" role="status">
          {message}
        </p>
      )}
    </section>
  );
}

function ConflictItem(props: ConflictListProps & { conflict: FragmentConflict; ours: Fragment | null; onDone: (m: string) => void }) {
  const { t, local } = useLang();
  const { conflict, ours } = props;
  const theirs = conflict.theirs;
  const doc = props.documents.find((d) => d.id === conflict.documentId);
  const choose = (choice: ConflictChoice) => {
    if (!props.me) return;
    void resolveConflict(appDb(), conflict.id, choice, props.me.id).then(() => props.onDone(t('conflict.resolved')));
  };
  const version = (f: Fragment | null) =>
    f ? (
      <>
        <blockquote className="quote">{f.anchor.exact}</blockquote>
        <p>{codesText(f, props.codebook, local, t('reader.mere'))}</p>
        {f.memo.trim() && <p className="muted">“{f.memo}”</p>}
        <p className="muted small-print">{coderName(props.coders.find((c) => c.id === (f.updatedBy ?? f.coderId)), t)}, {new Date(f.updatedAt).toLocaleString()}</p>
      </>
    ) : (
      <p className="muted">{t('conflict.deleted')}</p>
    );
  const anchor = (ours ?? theirs)?.anchor;
  return (
    <li className="conflict">
      <p className="muted">
        {doc?.title ?? conflict.documentId}
        {doc && anchor ? `, p. ${pageAt(doc.pages, anchor.start)?.label ?? ''}` : ''}
      </p>
      <div className="conflict-versions">
        <div>
          <h3>{t('conflict.ours')}</h3>
          {version(ours)}
        </div>
        <div>
          <h3>{t('conflict.theirs', { source: conflict.source })}</h3>
          {version(theirs)}
        </div>
      </div>
      <div className="row">
        <button type="button" className="small" disabled={!props.me} onClick={() => choose('ours')}>
          {t('conflict.keepOurs')}
        </button>
        <button type="button" className="small" disabled={!props.me} onClick={() => choose('theirs')}>
          {t('conflict.takeTheirs')}
        </button>
        {ours && theirs && (
          <button type="button" className="small" disabled={!props.me} onClick={() => choose('both')}>
            {t('conflict.keepBoth')}
          </button>
        )}
      </div>
    </li>
  );
}
