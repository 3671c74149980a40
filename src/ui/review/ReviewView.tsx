/**
 * The Review screen: a supervisor (or any named coder) goes through the fragments, gives each a
 * verdict and comments, and sends the reviews back as a review file; the coder answers here or
 * in the reader. Progress ("34 of 120 fragments reviewed") and filters by coder, document and
 * state (not reviewed, a status, open questions, changed since the review). Conflicts left by a
 * merge are resolved here, and other coders' project files and review files are added here.
 */
import { useMemo, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { routeHash } from '../route.ts';
import { byCoderName, coderInitials, coderName } from '../coder-name.ts';
import { CoderPrompt } from '../settings/CoderPrompt.tsx';
import { RegimeChip } from '../reader/RegimeChip.tsx';
import { codesOf } from '../reader/fragment-view.ts';
import { ReviewThread } from './ReviewThread.tsx';
import { MergeActions } from './MergeActions.tsx';
import { ConflictList } from './ConflictList.tsx';
import { appDb } from '../../storage/app-db.ts';
import { useActiveCodebook, useActiveCoder, useCoders, useConflicts, useDocuments, useFragments, useReviews } from '../../storage/hooks.ts';
import { exportReviewFile, reviewProgress } from '../../actions/review.ts';
import { downloadFile } from '../../exchange/download.ts';
import { hasVerdict, isOpenThread, pageAt, type Codebook, type Coder, type Fragment, type PolicyDocument, type Review } from '../../model/index.ts';
import './review.css';

/** What the list shows. */
type Show = 'all' | 'unreviewed' | 'accepted' | 'needs-change' | 'rejected' | 'open' | 'changed';
const SHOWS: Show[] = ['all', 'unreviewed', 'accepted', 'needs-change', 'rejected', 'open', 'changed'];

/** How many fragments are drawn before "show more". */
const PAGE = 50;

/** Whether a fragment's reviews fit what is shown. */
function fits(show: Show, f: Fragment, reviews: readonly Review[]): boolean {
  switch (show) {
    case 'all':
      return true;
    case 'unreviewed':
      return !reviews.some(hasVerdict);
    case 'open':
      return reviews.some(isOpenThread);
    case 'changed':
      return reviews.some((r) => r.status !== undefined && r.reviewedVersion !== undefined && r.reviewedVersion !== f.updatedAt);
    default:
      return reviews.some((r) => r.status === show);
  }
}

/** The Review screen. */
export function ReviewView() {
  const { t } = useLang();
  const documents = useDocuments();
  const fragments = useFragments();
  const reviews = useReviews();
  const coders = useCoders();
  const codebook = useActiveCodebook();
  const conflicts = useConflicts();
  const me = useActiveCoder();
  if (!documents || !fragments || !reviews || !coders || codebook === undefined || !conflicts || me === undefined) return <p>{t('common.loading')}</p>;
  if (!codebook) return <p role="alert">{t('codebook.none')}</p>;
  return <ReviewScreen documents={documents} fragments={fragments} reviews={reviews} coders={coders} codebook={codebook} conflicts={conflicts} me={me} />;
}

function ReviewScreen(props: {
  documents: PolicyDocument[];
  fragments: Fragment[];
  reviews: Review[];
  coders: Coder[];
  codebook: Codebook;
  conflicts: Parameters<typeof ConflictList>[0]['conflicts'];
  me: Coder | null;
}) {
  const { t } = useLang();
  const { documents, fragments, reviews, coders, me } = props;
  const [coderId, setCoderId] = useState('');
  const [documentId, setDocumentId] = useState('');
  const [show, setShow] = useState<Show>('all');
  const [shown, setShown] = useState(PAGE);

  const byFragment = useMemo(() => {
    const map = new Map<string, Review[]>();
    for (const r of reviews) map.set(r.fragmentId, [...(map.get(r.fragmentId) ?? []), r]);
    return map;
  }, [reviews]);
  const fragmentById = useMemo(() => new Map(fragments.map((f) => [f.id as string, f])), [fragments]);
  const docIndex = useMemo(() => new Map(documents.map((d, i) => [d.id as string, i])), [documents]);
  const codersWithFragments = useMemo(() => {
    const ids = new Set(fragments.map((f) => f.coderId as string));
    return coders.filter((c) => ids.has(c.id)).sort(byCoderName);
  }, [fragments, coders]);

  const scope = useMemo(
    () =>
      fragments
        .filter((f) => (!coderId || f.coderId === coderId) && (!documentId || f.documentId === documentId))
        .sort((a, b) => (docIndex.get(a.documentId) ?? 0) - (docIndex.get(b.documentId) ?? 0) || a.anchor.start - b.anchor.start),
    [fragments, coderId, documentId, docIndex],
  );
  const progress = useMemo(() => reviewProgress(scope, reviews), [scope, reviews]);
  const list = useMemo(() => scope.filter((f) => fits(show, f, byFragment.get(f.id) ?? [])), [scope, show, byFragment]);
  const gone = useMemo(
    () => reviews.filter((r) => !fragmentById.has(r.fragmentId) && (!documentId || r.documentId === documentId)),
    [reviews, fragmentById, documentId],
  );

  return (
    <div className="review-screen">
      <section className="panel" aria-labelledby="review-h">
        <h1 id="review-h">{t('review.title')}</h1>
        <CoderPrompt coder={me} />
        <p role="status">
          <strong>{t('review.progress', { reviewed: progress.reviewed, total: progress.total })}</strong>
        </p>
        <progress max={Math.max(1, progress.total)} value={progress.reviewed} aria-label={t('review.progressLabel')} />
        <p className="muted">
          {t('review.breakdown', { accepted: progress.accepted, needsChange: progress.needsChange, rejected: progress.rejected, open: progress.open })}
        </p>
        <div className="row filters">
          <label className="field">
            <span>{t('review.filterCoder')}</span>
            <select value={coderId} onChange={(e) => { setCoderId(e.target.value); setShown(PAGE); }}>
              <option value="">{t('review.allCoders')}</option>
              {codersWithFragments.map((c) => (
                <option key={c.id} value={c.id}>
                  {coderName(c, t)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('review.filterDocument')}</span>
            <select value={documentId} onChange={(e) => { setDocumentId(e.target.value); setShown(PAGE); }}>
              <option value="">{t('review.allDocuments')}</option>
              {documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('review.filterShow')}</span>
            <select value={show} onChange={(e) => { setShow(e.target.value as Show); setShown(PAGE); }}>
              {SHOWS.map((s) => (
                <option key={s} value={s}>
                  {t(`review.show.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>

      <ConflictList conflicts={props.conflicts} fragments={fragmentById} documents={documents} codebook={props.codebook} coders={coders} me={me} />

      <section className="panel" aria-labelledby="review-list-h">
        <h2 id="review-list-h">{t('list.shown', { n: list.length, total: scope.length })}</h2>
        {list.length === 0 ? (
          <p className="hint">{t('review.none')}</p>
        ) : (
          <ol className="review-list">
            {list.slice(0, shown).map((f) => (
              <ReviewItem key={f.id} fragment={f} reviews={byFragment.get(f.id) ?? []} doc={documents[docIndex.get(f.documentId) ?? -1]} codebook={props.codebook} coders={coders} me={me} />
            ))}
          </ol>
        )}
        {list.length > shown && (
          <button type="button" className="small" onClick={() => setShown((n) => n + PAGE * 4)}>
            {t('list.more', { n: list.length - shown })}
          </button>
        )}
      </section>

      {gone.length > 0 && (
        <section className="panel" aria-labelledby="review-gone-h">
          <h2 id="review-gone-h">{t('review.goneTitle', { n: gone.length })}</h2>
          <ol className="review-list">
            {gone.map((r) => (
              <li key={r.id} className="review-item">
                <p className="muted">{documents[docIndex.get(r.documentId) ?? -1]?.title ?? ''}</p>
                <blockquote className="quote">{r.quote}</blockquote>
                <ReviewThread fragmentId={r.fragmentId} fragment={null} reviews={[r]} me={me} coders={coders} />
              </li>
            ))}
          </ol>
        </section>
      )}

      <div className="review-actions">
        <SendBack coders={codersWithFragments} />
        <section className="panel" aria-labelledby="merge-h">
          <h2 id="merge-h">{t('merge.title')}</h2>
          <p className="hint">{t('merge.explain')}</p>
          <MergeActions />
        </section>
      </div>
    </div>
  );
}

/** One fragment with its reviews. */
function ReviewItem(props: { fragment: Fragment; reviews: Review[]; doc: PolicyDocument | undefined; codebook: Codebook; coders: Coder[]; me: Coder | null }) {
  const { t, local } = useLang();
  const { fragment: f } = props;
  const coder = props.coders.find((c) => c.id === f.coderId);
  const page = props.doc ? (pageAt(props.doc.pages, f.anchor.start)?.label ?? '') : '';
  const codes = codesOf(f, props.codebook);
  return (
    <li className="review-item">
      <p className="muted">
        {t('review.fragmentOf', { title: props.doc?.title ?? '', page, coder: `${coderName(coder, t)} (${coderInitials(coder)})` })}
        {' · '}
        <a href={routeHash({ screen: 'reader', documentId: f.documentId, fragmentId: f.id })}>{t('review.openInReader')}</a>
      </p>
      <p className="frag-codes">
        {codes.length === 0 && <span className="muted">{t('reader.mere')}</span>}
        {codes.map(({ code, values }) => (
          <span key={code.id} className="frag-code">
            <RegimeChip code={code} /> {local(code.name)}
            {values.length > 0 && <span className="frag-values"> ({values.map((v) => local(v.name)).join(', ')})</span>}
          </span>
        ))}
      </p>
      <blockquote className="quote">{f.anchor.exact}</blockquote>
      {f.memo.trim() && <p className="muted">“{f.memo}”</p>}
      <ReviewThread fragmentId={f.id} fragment={f} reviews={props.reviews} me={props.me} coders={props.coders} />
    </li>
  );
}

/** "Send back": the review file, for all coders' fragments or one coder's. */
function SendBack(props: { coders: Coder[] }) {
  const { t } = useLang();
  const [coderId, setCoderId] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  async function save() {
    try {
      const file = await exportReviewFile(appDb(), coderId ? { coderId } : {});
      if (file.reviews === 0) {
        setMessage({ kind: 'error', text: t('review.nothingToSend') });
        return;
      }
      downloadFile(file.fileName, file.content, 'application/json');
      setMessage({ kind: 'ok', text: t('review.sent', { n: file.reviews, file: file.fileName }) });
    } catch (e) {
      setMessage({ kind: 'error', text: t('review.saveFailed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  }
  return (
    <section className="panel" aria-labelledby="send-back-h">
      <h2 id="send-back-h">{t('review.sendBackTitle')}</h2>
      <p className="hint">{t('review.sendBackExplain')}</p>
      <div className="row">
        <label className="field">
          <span>{t('review.sendBackFor')}</span>
          <select value={coderId} onChange={(e) => setCoderId(e.target.value)}>
            <option value="">{t('review.allCoders')}</option>
            {props.coders.map((c) => (
              <option key={c.id} value={c.id}>
                {coderName(c, t)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void save()}>
          {t('review.sendBack')}
        </button>
      </div>
      {message && (
        <p className={message.kind === 'ok' ? 'ok-text' : 'error-text'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
