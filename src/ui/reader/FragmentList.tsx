/** The document's fragments in reading order, filterable by regime, flag or "mere statement". */
import { memo, useMemo, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { pageAt, type Codebook, type Fragment, type PolicyDocument } from '../../model/index.ts';
import { RegimeChip } from './RegimeChip.tsx';
import { codesOf, hasCode } from './fragment-view.ts';

/** How many list items are drawn before "show more" (a long document has thousands). */
const PAGE = 150;

/** Props of the fragment list. */
export interface FragmentListProps {
  fragments: readonly Fragment[];
  codebook: Codebook;
  doc: PolicyDocument;
  activeId: string | null;
  onOpen: (f: Fragment) => void;
  /** A mark per fragment (coder initials, review state), as on its highlight. */
  mark?: (f: Fragment) => { text: string; label: string };
}

/** The list with its filter. */
export function FragmentList(props: FragmentListProps) {
  const { t, local } = useLang();
  const { codebook } = props;
  const [filter, setFilter] = useState('all');
  const [shown, setShown] = useState(PAGE);
  const filtered = useMemo(() => {
    if (filter === 'all') return props.fragments;
    if (filter === 'mere') return props.fragments.filter((f) => codesOf(f, codebook).length === 0);
    if (filter.startsWith('flag:')) return props.fragments.filter((f) => f.flags.includes(filter.slice(5)));
    return props.fragments.filter((f) => hasCode(f, codebook, filter.slice(5)));
  }, [props.fragments, codebook, filter]);
  const visible = filtered.slice(0, shown);
  return (
    <section className="panel" aria-labelledby="frag-h">
      <h2 id="frag-h">{t('reader.fragments', { n: props.fragments.length })}</h2>
      <label className="field">
        <span>{t('list.filter')}</span>
        <select value={filter} onChange={(e) => { setFilter(e.target.value); setShown(PAGE); }}>
          <option value="all">{t('list.all')}</option>
          {codebook.codes.map((c) => (
            <option key={c.id} value={`code:${c.id}`}>
              {c.key} · {local(c.name)}
            </option>
          ))}
          <option value="mere">{t('reader.mere')}</option>
          {codebook.flags.map((f) => (
            <option key={f.id} value={`flag:${f.id}`}>
              {local(f.name)}
            </option>
          ))}
        </select>
      </label>
      {filter !== 'all' && <p className="muted" role="status">{t('list.shown', { n: filtered.length, total: props.fragments.length })}</p>}
      {props.fragments.length === 0 ? (
        <p className="hint">{t('reader.noFragments')}</p>
      ) : (
        <ol className="fragment-list">
          {visible.map((f) => (
            <Item key={f.id} fragment={f} codebook={codebook} doc={props.doc} active={f.id === props.activeId} onOpen={props.onOpen} mark={props.mark?.(f)} />
          ))}
        </ol>
      )}
      {filtered.length > shown && (
        <button type="button" className="small" onClick={() => setShown((n) => n + PAGE * 4)}>
          {t('list.more', { n: filtered.length - shown })}
        </button>
      )}
    </section>
  );
}

const Item = memo(function Item(props: {
  fragment: Fragment;
  codebook: Codebook;
  doc: PolicyDocument;
  active: boolean;
  onOpen: (f: Fragment) => void;
  mark?: { text: string; label: string };
}) {
  const { t, local } = useLang();
  const { fragment: f, codebook } = props;
  const codes = codesOf(f, codebook);
  const page = pageAt(props.doc.pages, f.anchor.start)?.label ?? '';
  return (
    <li className={props.active ? 'active' : undefined}>
      <button type="button" className="fragment-item" aria-current={props.active ? 'true' : undefined} onClick={() => props.onOpen(f)}>
        <span className="frag-page">
          {t('reader.pageShort', { page })}
          {props.mark?.text && (
            <span className="coder-mark" title={props.mark.label}>
              {props.mark.text}
            </span>
          )}
        </span>
        <span className="frag-codes">
          {codes.length === 0 && <span className="muted">{t('reader.mere')}</span>}
          {codes.map(({ code, values }) => (
            <span key={code.id} className="frag-code">
              <RegimeChip code={code} />
              <span className="frag-code-name">{local(code.name)}</span>
              {values.length > 0 && <span className="frag-values">({values.map((v) => local(v.name)).join(', ')})</span>}
            </span>
          ))}
          {f.flags.length > 0 && <span className="flag-mark" title={t('reader.flagged')}>G</span>}
          {f.memo.trim() && <span className="memo-mark" title={f.memo}>{t('list.memoMark')}</span>}
        </span>
        <span className="frag-text">{f.anchor.exact.length > 140 ? `${f.anchor.exact.slice(0, 140)}…` : f.anchor.exact}</span>
      </button>
    </li>
  );
}, (a, b) =>
  // A re-read list brings new objects for unchanged fragments: compare what is shown.
  a.fragment.id === b.fragment.id &&
  a.fragment.updatedAt === b.fragment.updatedAt &&
  a.active === b.active &&
  a.mark?.text === b.mark?.text &&
  a.mark?.label === b.mark?.label &&
  a.codebook === b.codebook &&
  a.doc === b.doc &&
  a.onOpen === b.onOpen);
