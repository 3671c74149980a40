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
    // Clear of the whole fragment and of the line above and below it, so the card never hides
    // the passage being judged nor its context (tests/e2e/traps.e2e.ts).
    const box = props.reader.current?.boxWithLinesAround(f.anchor.start, f.anchor.end) ?? props.target.box;
    if (!box) return setPos(null);
    const h = ref.current?.offsetHeight ?? 80;
    const w = ref.current?.offsetWidth ?? 280;
    const left = Math.max(8, Math.min(props.target.box?.left ?? box.left, innerWidth - w - 8));
    // Nor over the palette (which sits above the passage): below the passage first, then above
    // it, then beside the palette.
    const p = document.querySelector<HTMLElement>('.coding-palette');
    const palette = p && p.style.visibility !== 'hidden' ? p.getBoundingClientRect() : null;
    const meets = (top: number) => !!palette && top < palette.bottom && palette.top < top + h && left < palette.right && palette.left < left + w;
    const fits = (top: number) => top >= 8 && top + h <= innerHeight - 8 && !meets(top) && (top >= box.bottom || top + h <= box.top);
    const tries = [box.bottom + 6, box.top - h - 6, ...(palette ? [palette.bottom + 6, palette.top - h - 6] : [])];
    const top = tries.find(fits) ?? (box.bottom + 6 + h <= innerHeight ? box.bottom + 6 : Math.max(8, box.top - h - 6));
    setPos({ left, top });
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
