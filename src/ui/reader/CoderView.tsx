/**
 * Several coders in the reader: which coders' fragments it shows (all, one, or two side by side),
 * the mark on each highlight (the coder's initials when the document has more than one coder,
 * the review state, a merge conflict), and the read-only second column of the side-by-side view.
 * Colours stay per regime, as everywhere.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLang, type Translate } from '../i18n.tsx';
import { byCoderName, coderInitials, coderName } from '../coder-name.ts';
import { ReaderEditor } from './ReaderEditor.tsx';
import { highlightOf } from './fragment-view.ts';
import { isOpenThread, type Codebook, type Coder, type DocumentText, type Fragment, type FragmentConflict, type PolicyDocument, type Review } from '../../model/index.ts';

/** Which coders the reader shows. */
export type CoderView = { kind: 'all' } | { kind: 'one'; coderId: string } | { kind: 'pair'; left: string; right: string };

/** The coder ids the main column shows (null: all). */
export function mainCoders(view: CoderView): ReadonlySet<string> | null {
  if (view.kind === 'all') return null;
  return new Set([view.kind === 'one' ? view.coderId : view.left]);
}

/** A fragment's review state as one symbol: ✗ rejected, ! needs a change, ✓ accepted (the strictest verdict), then ? for an open question. */
export function reviewSymbol(reviews: readonly Review[]): string {
  const statuses = new Set(reviews.map((r) => r.status));
  const verdict = statuses.has('rejected') ? '✗' : statuses.has('needs-change') ? '!' : statuses.has('accepted') ? '✓' : '';
  return verdict + (reviews.some(isOpenThread) ? '?' : '');
}

/** What the marks of a document's fragments are made from. */
export interface MarkSource {
  coders: readonly Coder[];
  reviews: readonly Review[];
  conflicts: readonly FragmentConflict[];
  /** Show the coder's initials (the document has fragments of more than one coder). */
  initials: boolean;
}

/** The mark of each fragment (initials, review symbol, conflict) with its words for screen readers. */
export function useFragmentMarks(source: MarkSource): (f: Fragment) => { text: string; label: string } {
  const { t } = useLang();
  const { coders, reviews, conflicts, initials } = source;
  return useMemo(() => {
    const coderById = new Map(coders.map((c) => [c.id as string, c]));
    const reviewsOf = new Map<string, Review[]>();
    for (const r of reviews) reviewsOf.set(r.fragmentId, [...(reviewsOf.get(r.fragmentId) ?? []), r]);
    const conflicted = new Set(conflicts.map((c) => c.fragmentId as string));
    return (f: Fragment) => markOf(f, { coder: coderById.get(f.coderId), reviews: reviewsOf.get(f.id) ?? [], conflict: conflicted.has(f.id), initials }, t);
  }, [coders, reviews, conflicts, initials, t]);
}

function markOf(f: Fragment, x: { coder: Coder | undefined; reviews: Review[]; conflict: boolean; initials: boolean }, t: Translate): { text: string; label: string } {
  const text: string[] = [];
  const label: string[] = [];
  if (x.initials) {
    text.push(coderInitials(x.coder));
    label.push(coderName(x.coder, t));
  }
  const symbol = reviewSymbol(x.reviews);
  if (symbol) text.push(symbol);
  for (const s of new Set(x.reviews.map((r) => r.status))) if (s) label.push(t(`review.status.${s}`));
  if (x.reviews.some(isOpenThread)) label.push(t('review.show.open'));
  if (x.conflict) {
    text.push('⚠');
    label.push(t('conflict.mark'));
  }
  return { text: text.join(' '), label: label.join(' · ') };
}

/** The coders of a document's fragments, in the order of the coder list. */
export function codersIn(fragments: readonly Fragment[], coders: readonly Coder[]): Coder[] {
  const ids = new Set(fragments.map((f) => f.coderId as string));
  const known = coders.filter((c) => ids.has(c.id));
  // A fragment whose coder is not in the list still gets a choice (by its id).
  for (const id of ids) if (!known.some((c) => c.id === id)) known.push({ id: id as Coder['id'], name: '', initials: '' });
  return known.sort(byCoderName);
}

/** The coder view choice: all coders, one, or two side by side. */
export function CoderViewPicker(props: { view: CoderView; coders: readonly Coder[]; onChange: (v: CoderView) => void }) {
  const { t } = useLang();
  const { view, coders } = props;
  const value = view.kind === 'all' ? 'all' : view.kind === 'one' ? `one:${view.coderId}` : 'pair';
  const first = coders[0]?.id ?? '';
  const second = coders[1]?.id ?? first;
  return (
    <div className="row coder-view">
      <label className="field">
        <span>{t('reader.coderView')}</span>
        <select
          value={value}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'all') props.onChange({ kind: 'all' });
            else if (v === 'pair') props.onChange({ kind: 'pair', left: first, right: second });
            else props.onChange({ kind: 'one', coderId: v.slice(4) });
          }}
        >
          <option value="all">{t('reader.coderAll')}</option>
          {coders.map((c) => (
            <option key={c.id} value={`one:${c.id}`}>
              {coderName(c, t)} ({coderInitials(c)})
            </option>
          ))}
          {coders.length > 1 && <option value="pair">{t('reader.sideBySide')}</option>}
        </select>
      </label>
      {view.kind === 'pair' && (
        <>
          <CoderSelect label={t('reader.leftCoder')} value={view.left} coders={coders} onChange={(left) => props.onChange({ ...view, left })} />
          <CoderSelect label={t('reader.rightCoder')} value={view.right} coders={coders} onChange={(right) => props.onChange({ ...view, right })} />
        </>
      )}
    </div>
  );
}

function CoderSelect(props: { label: string; value: string; coders: readonly Coder[]; onChange: (id: string) => void }) {
  const { t } = useLang();
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.coders.map((c) => (
          <option key={c.id} value={c.id}>
            {coderName(c, t)} ({coderInitials(c)})
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The second column of the side-by-side view: the same text with another coder's fragments,
 * read only, scrolled along with the main column (`mainScroller` is its scrolling element).
 */
export function CompareColumn(props: {
  doc: PolicyDocument;
  text: DocumentText;
  fragments: readonly Fragment[];
  coder: Coder | undefined;
  codebook: Codebook;
  mark: (f: Fragment) => { text: string; label: string };
  mainScroller: () => HTMLElement | null;
}) {
  const { t, local } = useLang();
  const place = useRef<HTMLDivElement>(null);
  const highlights = useMemo(
    () => props.fragments.map((f) => highlightOf(f, props.codebook, local, t('reader.mere'), [], props.mark(f))),
    [props.fragments, props.codebook, local, t, props.mark],
  );
  // Scroll with the main column: the texts are the same, so the same place is at the same share.
  const follow = useCallback(() => {
    const main = props.mainScroller();
    const mine = place.current?.querySelector<HTMLElement>('.reader-place');
    if (!main || !mine) return;
    const share = main.scrollTop / Math.max(1, main.scrollHeight - main.clientHeight);
    mine.scrollTop = share * Math.max(0, mine.scrollHeight - mine.clientHeight);
  }, [props]);
  useEffect(() => {
    const main = props.mainScroller();
    if (!main) return;
    main.addEventListener('scroll', follow, { passive: true });
    follow();
    return () => main.removeEventListener('scroll', follow);
  }, [props, follow]);
  const name = coderName(props.coder, t);
  return (
    <div className="compare-column" ref={place}>
      <p className="column-head">{t('reader.columnOf', { name, n: props.fragments.length })}</p>
      <ReaderEditor
        docKey={`${props.doc.id}:compare`}
        text={props.text.text}
        blocks={props.text.blocks}
        pages={props.doc.pages}
        highlights={highlights}
        activeId={null}
        label={t('reader.compareLabel', { name, title: props.doc.title })}
      />
    </div>
  );
}
