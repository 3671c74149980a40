/**
 * The floating coding palette: under the selection (or the active fragment), the regimes with
 * their keys, the values of the active fragment's regimes (and a field to add one), the flag,
 * memo, grow-to-sentence/paragraph and delete. Its buttons do not take the focus from the
 * text on a mouse click, so a selection survives; from the keyboard it is reached with Tab
 * (or `v` for the values), and Esc goes back to the text.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useLang } from '../i18n.tsx';
import type { CodeId, Codebook, Fragment } from '../../model/index.ts';
import type { Reader, TextRange } from '../../editor/index.ts';
import { RegimeChip } from './RegimeChip.tsx';
import { codesOf, hasCode, hasValue } from './fragment-view.ts';

/** Props of the palette. */
export interface CodingPaletteProps {
  reader: RefObject<Reader | null>;
  codebook: Codebook;
  selection: TextRange | null;
  active: Fragment | null;
  /** Changes when the user asks for the values (key `v`): focus moves to them. */
  valuesRequest: number;
  onCode: (code: CodeId) => void;
  onValue: (code: CodeId, valueId: string) => void;
  onNewValue: (code: CodeId, name: string) => void;
  onFlag: () => void;
  onMemo: () => void;
  onGrow: (to: 'sentence' | 'paragraph') => void;
  onDelete: () => void;
  onClose: () => void;
}

const keep = (e: React.MouseEvent) => e.preventDefault();

/** The palette; shown while there is a selection or an active fragment. */
export function CodingPalette(props: CodingPaletteProps) {
  const { t, local } = useLang();
  const { codebook, active, selection } = props;
  const range = active ? active.anchor : selection;
  const ref = useRef<HTMLDivElement>(null);
  const valuesRef = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number; maxWidth: number } | null>(null);

  const place = useCallback(() => {
    const r = props.reader.current;
    if (!r || !range) return setPos(null);
    const box = r.boxOf(range.start, range.end);
    const frame = r.dom.parentElement?.getBoundingClientRect();
    if (!box || !frame || box.bottom < frame.top || box.top > frame.bottom) return setPos(null);
    // Within the text column (the reader's scroll box), never over the sidebar beside it.
    const maxWidth = Math.max(160, frame.width);
    // Measured at that width: a narrower palette wraps and grows taller.
    if (ref.current) ref.current.style.maxWidth = `${maxWidth}px`;
    const width = Math.min(ref.current?.offsetWidth ?? 320, maxWidth);
    const height = ref.current?.offsetHeight ?? 60;
    const left = Math.max(frame.left, Math.min(box.left, frame.right - width));
    // Above the line above the selection, so the passage and the lines around it stay readable
    // (tests/e2e/traps.e2e.ts); below the line below it when there is no room above.
    const clear = r.boxWithLinesAround(range.start, range.end) ?? box;
    const above = clear.top - height - 6;
    const top = above >= Math.max(8, frame.top - 40) ? above : Math.min(clear.bottom + 6, innerHeight - height - 8);
    setPos({ left, top, maxWidth });
  }, [props.reader, range?.start, range?.end]);

  useLayoutEffect(place, [place, active?.updatedAt]);
  useEffect(() => {
    addEventListener('scroll', place, true);
    addEventListener('resize', place);
    // The text column changes width without a window resize (the original page opens beside it).
    const frame = props.reader.current?.dom.parentElement;
    const observer = frame && typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => place()) : null;
    if (frame) observer?.observe(frame);
    return () => {
      removeEventListener('scroll', place, true);
      removeEventListener('resize', place);
      observer?.disconnect();
    };
  }, [place, props.reader]);

  const seenRequest = useRef(props.valuesRequest);
  useEffect(() => {
    if (props.valuesRequest === seenRequest.current) return;
    seenRequest.current = props.valuesRequest;
    valuesRef.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, [props.valuesRequest]);

  if (!range) return null;
  const flag = codebook.flags[0];
  const regimes = active ? codesOf(active, codebook) : [];
  const back = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.reader.current?.focus();
    }
  };

  return (
    <div
      ref={ref}
      className="coding-palette"
      role="toolbar"
      aria-label={t('palette.label')}
      style={pos ? { left: pos.left, top: pos.top, maxWidth: pos.maxWidth } : { visibility: 'hidden', left: 0, top: 0 }}
      onKeyDown={back}
    >
      <div className="palette-row">
        {codebook.codes.map((c) => {
          const on = active ? hasCode(active, codebook, c.id) : false;
          return (
            <button
              key={c.id}
              type="button"
              className={`palette-code${on ? ' on' : ''}`}
              aria-pressed={active ? on : undefined}
              aria-keyshortcuts={c.key}
              // No aria-label: the name is the regime's name the button shows (its key chip is
              // decorative and the key is in aria-keyshortcuts), so speech input and screen readers agree.
              title={local(c.description)}
              onMouseDown={keep}
              onClick={() => props.onCode(c.id)}
            >
              <RegimeChip code={c} />
              <span className="palette-name">{local(c.name)}</span>
            </button>
          );
        })}
      </div>
      <div className="palette-row">
        {active && flag && (
          <button type="button" className="small" aria-pressed={active.flags.includes(flag.id)} aria-keyshortcuts="g" onMouseDown={keep} onClick={props.onFlag} title={local(flag.description)}>
            {t('palette.flag', { name: local(flag.name) })}
          </button>
        )}
        {active && (
          <button type="button" className="small" aria-keyshortcuts="m" onClick={props.onMemo}>
            {t('palette.memo')}
          </button>
        )}
        <button type="button" className="small" aria-keyshortcuts="s" onMouseDown={keep} onClick={() => props.onGrow('sentence')}>
          {t('palette.sentence')}
        </button>
        <button type="button" className="small" aria-keyshortcuts="p" onMouseDown={keep} onClick={() => props.onGrow('paragraph')}>
          {t('palette.paragraph')}
        </button>
        {active && (
          <button type="button" className="small danger" aria-keyshortcuts="Delete" onMouseDown={keep} onClick={props.onDelete}>
            {t('palette.delete')}
          </button>
        )}
        {active && (
          <button type="button" className="small" aria-keyshortcuts="Escape" onMouseDown={keep} onClick={props.onClose}>
            {t('palette.close')}
          </button>
        )}
      </div>
      {regimes.length > 0 && (
        <div className="palette-values" ref={valuesRef} role="group" aria-label={t('palette.values')}>
          {regimes.map(({ code }) => (
            <div key={code.id} className="palette-row">
              <span className="palette-regime">
                <RegimeChip code={code} /> {local(code.name)}:
              </span>
              {code.values.map((v) => {
                const on = hasValue(active!, code.id, v.id);
                return (
                  <button
                    key={v.id}
                    type="button"
                    className={`value-chip${on ? ' on' : ''}`}
                    aria-pressed={on}
                    title={v.description ? local(v.description) : undefined}
                    onMouseDown={keep}
                    onClick={() => props.onValue(code.id, v.id)}
                  >
                    {local(v.name)}
                  </button>
                );
              })}
              <NewValueField code={code.id} name={local(code.name)} onAdd={props.onNewValue} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** A small field that adds a value to a regime (and to the fragment) on Enter. */
export function NewValueField(props: { code: CodeId; name: string; onAdd: (code: CodeId, name: string) => void }) {
  const { t } = useLang();
  const [value, setValue] = useState('');
  return (
    <input
      className="new-value"
      value={value}
      size={14}
      placeholder={t('palette.newValue')}
      aria-label={t('palette.newValueFor', { name: props.name })}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && value.trim()) {
          e.preventDefault();
          props.onAdd(props.code, value.trim());
          setValue('');
        }
      }}
    />
  );
}
