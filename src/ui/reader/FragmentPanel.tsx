/** The side panel for the active fragment: regimes, values, flag, memo, boundaries, merge, split, delete. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLang } from '../i18n.tsx';
import { useCoders } from '../../storage/hooks.ts';
import { pageAt, type CodeId, type Codebook, type Fragment, type FragmentId, type PolicyDocument } from '../../model/index.ts';
import { CodeButtons } from './CodeButtons.tsx';
import { NewValueField } from './CodingPalette.tsx';
import { RegimeChip } from './RegimeChip.tsx';
import { codesOf, hasValue } from './fragment-view.ts';

/** Props of the fragment panel. */
export interface FragmentPanelProps {
  fragment: Fragment;
  codebook: Codebook;
  doc: PolicyDocument;
  /** Changes when the user asks for the memo (key `m`): the memo field takes the focus. */
  memoRequest: number;
  hasPrevious: boolean;
  hasNext: boolean;
  canSplit: boolean;
  onCode: (code: CodeId) => void;
  onValue: (code: CodeId, valueId: string) => void;
  onNewValue: (code: CodeId, name: string) => void;
  onFlag: () => void;
  onMemo: (id: FragmentId, memo: string) => void;
  onMove: (how: 'start-out' | 'start-in' | 'end-out' | 'end-in' | 'sentence' | 'paragraph') => void;
  onMerge: (direction: 'previous' | 'next') => void;
  onSplit: () => void;
  onDelete: () => void;
  onClose: () => void;
  /** Focus back to the text (Esc in the memo). */
  onBackToText: () => void;
  /** Shown below the editing controls: the fragment's reviews. */
  children?: ReactNode;
}

/** Shows and edits one fragment. */
export function FragmentPanel(props: FragmentPanelProps) {
  const { t, local, lang } = useLang();
  const { fragment: f, codebook } = props;
  const coders = useCoders();
  const coder = coders?.find((c) => c.id === f.coderId);
  const changer = f.updatedBy ? coders?.find((c) => c.id === f.updatedBy) : undefined;
  const [memo, setMemoText] = useState(f.memo);
  const memoRef = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(f.memo);
  const onMemo = props.onMemo;
  const save = useCallback(
    (value: string) => {
      clearTimeout(timer.current);
      if (value !== latest.current) {
        latest.current = value;
        onMemo(f.id, value);
      }
    },
    [f.id, onMemo],
  );
  // Take the stored memo when it changes elsewhere (undo), unless the user is typing.
  useEffect(() => {
    if (document.activeElement !== memoRef.current) {
      setMemoText(f.memo);
      latest.current = f.memo;
    }
  }, [f.memo]);
  // Leaving the fragment (another one becomes active) saves what was typed.
  const typed = useRef(f.memo);
  typed.current = memo;
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => () => saveRef.current(typed.current), []);
  // Only a request made while this panel is shown moves the focus (not one from before it mounted).
  const seenRequest = useRef(props.memoRequest);
  useEffect(() => {
    if (props.memoRequest === seenRequest.current) return;
    seenRequest.current = props.memoRequest;
    memoRef.current?.focus();
    memoRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [props.memoRequest]);

  const flag = codebook.flags[0];
  const regimes = codesOf(f, codebook);
  const time = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const page = pageAt(props.doc.pages, f.anchor.start)?.label ?? '';

  return (
    <section className="panel coding-panel" aria-labelledby="frag-edit-h">
      <h2 id="frag-edit-h">{t('reader.fragmentTitle', { page })}</h2>
      <blockquote className="quote">{f.anchor.exact.length > 400 ? `${f.anchor.exact.slice(0, 400)}…` : f.anchor.exact}</blockquote>
      <CodeButtons codebook={codebook} selected={regimes.map((r) => r.code.id)} onToggle={props.onCode} verb="toggle" />
      {regimes.map(({ code }) => (
        <fieldset key={code.id} className="values-field">
          <legend>
            <RegimeChip code={code} /> {t('panel.valuesOf', { name: local(code.name) })}
          </legend>
          {code.values.map((v) => (
            <label key={v.id} className="check" title={v.description ? local(v.description) : undefined}>
              <input type="checkbox" checked={hasValue(f, code.id, v.id)} onChange={() => props.onValue(code.id, v.id)} />
              <span>{local(v.name)}</span>
            </label>
          ))}
          <NewValueField code={code.id} name={local(code.name)} onAdd={props.onNewValue} />
        </fieldset>
      ))}
      {flag && (
        <label className="check">
          <input type="checkbox" checked={f.flags.includes(flag.id)} onChange={props.onFlag} aria-keyshortcuts="g" />
          <span title={local(flag.description)}>{local(flag.name)}</span>
        </label>
      )}
      <label className="field">
        <span>{t('reader.memo')}</span>
        <textarea
          ref={memoRef}
          rows={4}
          value={memo}
          aria-keyshortcuts="m"
          onChange={(e) => {
            const v = e.target.value;
            setMemoText(v);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => save(v), 400);
          }}
          onBlur={() => save(memo)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              save(memo);
              props.onBackToText();
            }
          }}
        />
      </label>
      <fieldset className="boundary-field">
        <legend>{t('panel.boundaries')}</legend>
        <div className="row">
          <button type="button" className="small" aria-keyshortcuts="[" onClick={() => props.onMove('start-out')}>{t('panel.startOut')}</button>
          <button type="button" className="small" aria-keyshortcuts="{" onClick={() => props.onMove('start-in')}>{t('panel.startIn')}</button>
          <button type="button" className="small" aria-keyshortcuts="}" onClick={() => props.onMove('end-in')}>{t('panel.endIn')}</button>
          <button type="button" className="small" aria-keyshortcuts="]" onClick={() => props.onMove('end-out')}>{t('panel.endOut')}</button>
        </div>
        <div className="row">
          <button type="button" className="small" aria-keyshortcuts="s" onClick={() => props.onMove('sentence')}>{t('panel.toSentence')}</button>
          <button type="button" className="small" aria-keyshortcuts="p" onClick={() => props.onMove('paragraph')}>{t('panel.toParagraph')}</button>
        </div>
        <div className="row">
          <button type="button" className="small" disabled={!props.hasPrevious} onClick={() => props.onMerge('previous')}>{t('panel.mergePrevious')}</button>
          <button type="button" className="small" disabled={!props.hasNext} aria-keyshortcuts="+" onClick={() => props.onMerge('next')}>{t('panel.mergeNext')}</button>
          <button type="button" className="small" disabled={!props.canSplit} aria-keyshortcuts="/" onClick={props.onSplit} title={t('reader.splitHow')}>{t('panel.split')}</button>
        </div>
      </fieldset>
      <p className="muted small-print">
        {t('panel.provenance', {
          coder: coder ? coder.name || coder.initials || t('panel.unnamedCoder') : t('panel.unknownCoder'),
          created: time(f.createdAt),
          updated: time(f.updatedAt),
        })}
        {f.updatedBy && ` · ${t('panel.changedBy', { name: changer ? changer.name || changer.initials || t('panel.unnamedCoder') : t('panel.unknownCoder') })}`}
      </p>
      {props.children}
      <div className="row">
        <button type="button" onClick={props.onClose} aria-keyshortcuts="Escape">
          {t('common.close')}
        </button>
        <button type="button" className="danger" onClick={props.onDelete} aria-keyshortcuts="Delete">
          {t('reader.deleteFragment')}
        </button>
      </div>
      <p className="hint">{t('reader.fragmentHint')}</p>
    </section>
  );
}
