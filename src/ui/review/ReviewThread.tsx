/**
 * The reviews of one fragment: the active coder's verdict (accept, ask for a change, reject)
 * and every reviewer's comment thread, with answers, resolve and reopen. Used on the Review
 * screen and in the reader's fragment panel.
 */
import { useState, type ReactNode } from 'react';
import { useLang } from '../i18n.tsx';
import { coderName } from '../coder-name.ts';
import { appDb } from '../../storage/app-db.ts';
import { addComment, deleteComment, editComment, setReviewStatus, setThreadResolved, type CommentEditRefusal } from '../../actions/review.ts';
import { REVIEW_STATUSES, liveComments, type Coder, type CoderId, type Fragment, type FragmentId, type Review, type ReviewComment, type ReviewStatus } from '../../model/index.ts';

/** Props: the fragment (null when it is gone), its reviews, who is reviewing, and all coders for names. */
export interface ReviewThreadProps {
  fragmentId: FragmentId;
  fragment: Fragment | null;
  reviews: readonly Review[];
  me: Coder | null;
  coders: readonly Coder[];
  /** Heading level of each thread's title (2 on its own screen, 3 in a panel). */
  level?: 3 | 4;
}

/** Whether the coder has a name or initials (a review must say who gave it). */
function named(c: Coder | null): c is Coder {
  return !!c && !!(c.name.trim() || c.initials.trim());
}

/** A review's status in words. */
export function useStatusText(): (status: ReviewStatus | undefined) => string {
  const { t } = useLang();
  return (status) => (status ? t(`review.status.${status}`) : t('review.noStatus'));
}

/** The verdict buttons and the threads. */
export function ReviewThread(props: ReviewThreadProps) {
  const { t, lang } = useLang();
  const statusText = useStatusText();
  const [error, setError] = useState<string | null>(null);
  const { me, fragment } = props;
  const byId = new Map(props.coders.map((c) => [c.id as string, c]));
  const name = (id: string) => coderName(byId.get(id), t);
  const time = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const mine = me ? props.reviews.find((r) => r.reviewerId === me.id) : undefined;
  const run = (op: () => Promise<unknown>) => {
    setError(null);
    op().catch((e: unknown) => setError(t('review.saveFailed', { reason: e instanceof Error ? e.message : String(e) })));
  };
  const Heading = `h${props.level ?? 3}` as 'h3' | 'h4';
  /** Turns a refused comment change into the message shown. */
  const refusal = async (change: Promise<{ ok: true } | { ok: false; reason: CommentEditRefusal }>) => {
    const r = await change;
    if (!r.ok) setError(t(r.reason === 'not-author' ? 'review.notAuthor' : 'review.commentGone'));
  };

  return (
    <div className="review-thread">
      {!fragment && <p className="hint">{t('review.fragmentGone')}</p>}
      {named(me) && fragment && fragment.coderId !== me.id && (
        <div className="row review-status" role="group" aria-label={t('review.statusGroup')}>
          {REVIEW_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className={`small status-${s}${mine?.status === s ? ' on' : ''}`}
              aria-pressed={mine?.status === s}
              onClick={() => run(() => setReviewStatus(appDb(), props.fragmentId, me.id, mine?.status === s ? null : s))}
            >
              {t(`review.set.${s}`)}
            </button>
          ))}
        </div>
      )}
      {!named(me) && <p className="hint">{t('review.needName')}</p>}
      {props.reviews.map((r) => (
        <section key={r.id} className={`thread${r.resolution?.resolved ? ' resolved' : ''}`} aria-label={t('review.threadOf', { name: name(r.reviewerId), status: statusText(r.status) })}>
          <Heading className="thread-head">
            {t('review.threadOf', { name: name(r.reviewerId), status: statusText(r.status) })}
            {r.status && fragment && r.reviewedVersion && r.reviewedVersion !== fragment.updatedAt && (
              <span className="badge changed-since"> {t('review.changedSince')}</span>
            )}
          </Heading>
          {r.comments.length > 0 && (
            <ol className="comments">
              {r.comments.map((c) => (
                <Comment
                  key={c.id}
                  comment={c}
                  author={name(c.authorId)}
                  time={time}
                  mine={!!me && c.authorId === me.id}
                  onEdit={(text) => run(() => refusal(editComment(appDb(), r, c.id, me!.id, text)))}
                  onDelete={() => {
                    if (confirm(t('review.confirmDeleteComment'))) run(() => refusal(deleteComment(appDb(), r, c.id, me!.id)));
                  }}
                />
              ))}
            </ol>
          )}
          {r.resolution?.resolved && <p className="muted small-print">{t('review.resolvedBy', { name: name(r.resolution.by), time: time(r.resolution.at) })}</p>}
          {named(me) && (
            <CommentBox
              // Answering someone's comments is open at once; adding to one's own thread is a click away.
              collapsed={r.reviewerId === me.id || liveComments(r).length === 0}
              label={r.reviewerId === me.id ? t('review.newComment') : t('review.answer', { name: name(r.reviewerId) })}
              onPost={(text) => run(() => addComment(appDb(), props.fragmentId, r.reviewerId, me.id, text))}
              extra={
                liveComments(r).length > 0 ? (
                  <button type="button" className="small" onClick={() => run(() => setThreadResolved(appDb(), r, me.id, !r.resolution?.resolved))}>
                    {r.resolution?.resolved ? t('review.reopen') : t('review.resolve')}
                  </button>
                ) : null
              }
            />
          )}
        </section>
      ))}
      {named(me) && fragment && !mine && (
        <CommentBox collapsed label={t('review.newComment')} onPost={(text) => run(() => addComment(appDb(), props.fragmentId, me.id as CoderId, me.id, text))} />
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** One comment: its author and time, its text (or that it was deleted), and for its author Edit and Delete. */
function Comment(props: { comment: ReviewComment; author: string; time: (iso: string) => string; mine: boolean; onEdit: (text: string) => void; onDelete: () => void }) {
  const { t } = useLang();
  const { comment: c } = props;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(c.text);
  if (c.deletedAt) {
    return (
      <li className="comment-deleted">
        <span className="muted small-print">{t('review.commentDeleted', { author: props.author, time: props.time(c.deletedAt) })}</span>
      </li>
    );
  }
  return (
    <li>
      <span className="muted small-print">
        {t('review.commentMeta', { author: props.author, time: props.time(c.at) })}
        {c.editedAt && ` ${t('review.edited', { time: props.time(c.editedAt) })}`}
      </span>
      {editing ? (
        <form
          className="comment-box"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            props.onEdit(text);
            setEditing(false);
          }}
        >
          <label className="field">
            <span>{t('review.editCommentLabel')}</span>
            <textarea rows={2} value={text} autoFocus onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="small" disabled={!text.trim() || text.trim() === c.text}>
              {t('review.saveEdit')}
            </button>
            <button type="button" className="small" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text">{c.text}</p>
      )}
      {props.mine && !editing && (
        <div className="row comment-actions">
          <button
            type="button"
            className="small"
            aria-label={`${t('review.editComment')}: ${c.text.slice(0, 40)}`}
            onClick={() => {
              setText(c.text);
              setEditing(true);
            }}
          >
            {t('review.editComment')}
          </button>
          <button type="button" className="small" aria-label={`${t('review.deleteComment')}: ${c.text.slice(0, 40)}`} onClick={props.onDelete}>
            {t('review.deleteComment')}
          </button>
        </div>
      )}
    </li>
  );
}

/** A text field with a post button (and an optional button beside it); `collapsed`: a button that opens it. */
function CommentBox(props: { label: string; onPost: (text: string) => void; extra?: ReactNode; collapsed?: boolean }) {
  const { t } = useLang();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(!props.collapsed);
  if (!open)
    return (
      <button type="button" className="small" onClick={() => setOpen(true)}>
        {t('review.addComment')}
      </button>
    );
  return (
    <form
      className="comment-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        props.onPost(text);
        setText('');
      }}
    >
      <label className="field">
        <span>{props.label}</span>
        <textarea rows={2} value={text} autoFocus={props.collapsed} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="small" disabled={!text.trim()}>
          {t('review.post')}
        </button>
        {props.extra}
      </div>
    </form>
  );
}
