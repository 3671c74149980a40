/** The reviews of the active fragment in the reader's panel, and a note when a merge left it in conflict. */
import { useLang } from '../i18n.tsx';
import { routeHash } from '../route.ts';
import { ReviewThread } from './ReviewThread.tsx';
import type { Coder, Fragment, Review } from '../../model/index.ts';
import './review.css';

/** Props: the fragment, its reviews, whether it is in conflict, who is reviewing, all coders. */
export function FragmentReview(props: { fragment: Fragment; reviews: Review[]; conflict: boolean; me: Coder | null; coders: readonly Coder[] }) {
  const { t } = useLang();
  return (
    <section className="fragment-review" aria-labelledby="fragment-review-h">
      <h3 id="fragment-review-h">{t('review.title')}</h3>
      {props.conflict && (
        <p className="conflict-mark" role="note">
          {t('conflict.inPanel')} <a href={routeHash({ screen: 'review' })}>{t('conflict.goResolve')}</a>
        </p>
      )}
      <ReviewThread fragmentId={props.fragment.id} fragment={props.fragment} reviews={props.reviews} me={props.me} coders={props.coders} level={4} />
    </section>
  );
}
