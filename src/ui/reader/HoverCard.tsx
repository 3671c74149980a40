/**
 * The card that shows a fragment's regimes, values, flag, memo and coder when the mouse rests
 * on its highlight, or when the caret is inside it (keyboard). Shown beside the text; it
 * never takes the focus. Screen readers hear the same through the highlight's label.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useLang } from '../i18n.tsx';
import { useCoders } from '../../storage/hooks.ts';
import { pageAt, type Codebook, type Fragment, type PolicyDocument } from '../../model/index.ts';
import type { Reader, ViewportBox } from '../../editor/index.ts';
import { RegimeChip } from './RegimeChip.tsx';
import { codesOf } from './fragment-view.ts';

/** What the card is about: a fragment, and where (null: at the fragment's start in the reader). */
export interface HoverTarget {
  id: string;
  source: 'mouse' | 'caret';
  box: ViewportBox | null;
}

/** The card. */
export function HoverCard(props: { target: HoverTarget; fragment: Fragment; codebook: Codebook; doc: PolicyDocument; reader: RefObject<Reader | null> }) {
  const { t, local } = useLang();
  const coders = useCoders();
  const { fragment: f, codebook } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const box = props.target.box ?? props.reader.current?.boxOf(f.anchor.start, Math.min(f.anchor.end, f.anchor.start + 1)) ?? null;
    if (!box) return setPos(null);
    const h = ref.current?.offsetHeight ?? 80;
    const w = ref.current?.offsetWidth ?? 280;
    // Below the fragment (the palette sits above it); above when there is no room below.
    const top = box.bottom + 8 + h < innerHeight - 8 ? box.bottom + 8 : Math.max(8, box.top - h - 8);
    setPos({ left: Math.max(8, Math.min(box.left, innerWidth - w - 8)), top });
  }, [props.target, f.anchor.start, f.anchor.end, f.updatedAt, props.reader]);
  const codes = codesOf(f, codebook);
  const coder = coders?.find((c) => c.id === f.coderId);
  const flags = codebook.flags.filter((x) => f.flags.includes(x.id));
  return (
    <div
      ref={ref}
      className="hover-card"
      role="tooltip"
      style={pos ? { left: pos.left, top: pos.top } : { visibility: 'hidden', left: 0, top: 0 }}
    >
      <div className="hover-head">
        {t('reader.pageShort', { page: pageAt(props.doc.pages, f.anchor.start)?.label ?? '' })}
        {coder && (coder.initials || coder.name) ? ` · ${coder.initials || coder.name}` : ''}
      </div>
      {codes.length === 0 && <div className="muted">{t('reader.mere')}</div>}
      <ul className="hover-codes">
        {codes.map(({ code, values }) => (
          <li key={code.id}>
            <RegimeChip code={code} /> <strong>{local(code.name)}</strong>
            {values.length > 0 && <span> — {values.map((v) => local(v.name)).join(', ')}</span>}
          </li>
        ))}
      </ul>
      {flags.map((x) => (
        <div key={x.id} className="hover-flag">
          <span className="flag-mark">G</span> {local(x.name)}
        </div>
      ))}
      {f.memo.trim() && <p className="hover-memo">{f.memo.length > 300 ? `${f.memo.slice(0, 300)}…` : f.memo}</p>}
    </div>
  );
}
