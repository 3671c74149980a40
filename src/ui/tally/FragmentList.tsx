/** Drill-down: the fragments behind a table cell, each a link to the reader on that fragment. */
import { useEffect, useId, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { pageAt, type Codebook, type Fragment, type PolicyDocument } from '../../model/index.ts';
import { CodeSwatch } from '../CodeSwatch.tsx';

const PAGE_SIZE = 50;
const QUOTE_MAX = 320;

/** The reader route that opens a document on one fragment. */
export function fragmentHref(f: Pick<Fragment, 'documentId' | 'id'>): string {
  return `#/reader/${encodeURIComponent(f.documentId)}?fragment=${encodeURIComponent(f.id)}`;
}

/** Props of the drill-down list: each item is one fragment, or a pair of overlapping fragments. */
export interface FragmentListProps {
  title: string;
  items: Fragment[][];
  documents: readonly PolicyDocument[];
  codebook: Codebook;
  onClose: () => void;
}

/** The list of a cell's fragments, shown under its table; focus moves to its heading. */
export function FragmentList(props: FragmentListProps) {
  const { t, local } = useLang();
  const [shown, setShown] = useState(PAGE_SIZE);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => heading.current?.focus(), [props.title]);
  const docOf = new Map(props.documents.map((d) => [d.id as string, d]));
  const codeOf = new Map(props.codebook.codes.map((c) => [c.id as string, c]));
  const one = (f: Fragment) => {
    const doc = docOf.get(f.documentId);
    const page = doc ? (pageAt(doc.pages, f.anchor.start)?.label ?? '') : '';
    const text = f.anchor.exact.replace(/\s+/g, ' ');
    return (
      <div className="drill-fragment" key={f.id}>
        <a href={fragmentHref(f)} aria-label={t('tv.openFragment', { doc: doc?.title ?? f.documentId, page })}>
          {doc?.title ?? f.documentId}, p. {page}
        </a>
        <span className="frag-codes">
          {f.codes.map((id) => {
            const code = codeOf.get(id);
            return code ? (
              <span key={id} className="drill-code">
                <CodeSwatch code={code} /> {local(code.name)}
              </span>
            ) : null;
          })}
          {f.codes.length === 0 && <span className="muted">{t('reader.mere')}</span>}
          {f.flags.length > 0 && <span className="flag-mark" title={f.flags.join(', ')}>G</span>}
        </span>
        <q className={f.flags.length ? 'flagged' : undefined}>{text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text}</q>
      </div>
    );
  };
  return (
    <section className="drill" aria-labelledby={headingId}>
      <div className="drill-head">
        <h2 id={headingId} tabIndex={-1} ref={heading}>
          {props.title}
        </h2>
        <button type="button" className="small" onClick={props.onClose} aria-label={t('tv.drillClose')}>
          {t('common.close')}
        </button>
      </div>
      {props.items.length === 0 ? (
        <p className="hint">{t('tv.drillEmpty')}</p>
      ) : (
        <ol className="drill-list">
          {props.items.slice(0, shown).map((pair) => (
            <li key={pair.map((f) => f.id).join('+')} className={pair.length > 1 ? 'pair' : undefined}>
              {pair.map(one)}
            </li>
          ))}
        </ol>
      )}
      {props.items.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE_SIZE)}>
          {t('tv.drillMore', { n: Math.min(PAGE_SIZE, props.items.length - shown) })}
        </button>
      )}
    </section>
  );
}
