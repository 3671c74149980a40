/**
 * The reader's own find bar (Ctrl+F / ⌘F while the reader is open): one term in the app's query
 * language (wildcards, optional parts, alternatives, phrases, /regex/), every hit highlighted,
 * Enter / Shift+Enter (or the buttons) step to the next / previous hit, Esc closes and leaves the
 * text at the current hit (the reader makes its fragment active, or selects its sentence, so a
 * key codes it by the coded-passage rule). Matching is
 * the search screen's (text/matcher.ts), on the document's normalised text; the text is folded
 * once per document.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { queryErrorText } from '../messages.ts';
import { prepareText } from '../../text/matcher.ts';
import { findInText } from '../../text/find-in-text.ts';
import '../search/search.css';
import type { Reader, TextRange } from '../../editor/index.ts';

/** Props: the document's text and a way to reach the mounted reader. */
export interface FindBarProps {
  text: string;
  reader: () => Reader | null;
  /** Called when the bar closes, with the current hit (null when there is none); default: focus the text. */
  onLeave?: (hit: TextRange | null) => void;
}

/** The find bar; closed until Ctrl+F. */
export function FindBar({ text, reader, onLeave }: FindBarProps) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const deferred = useDeferredValue(value);
  // The owner may pass a new function on every render: read the latest one, never re-run on it.
  const readerFn = useRef(reader);
  readerFn.current = reader;
  // Fold the text only once the bar is used, and once per document.
  const prepared = useMemo(() => (open ? prepareText(text) : null), [open, text]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'f' || e.key === 'F')) {
        e.preventDefault();
        setOpen(true);
        requestAnimationFrame(() => {
          input.current?.focus();
          input.current?.select();
        });
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const found = useMemo(() => (prepared && deferred.trim() ? findInText(prepared, deferred.trim()) : { hits: [] as TextRange[] }), [prepared, deferred]);
  const hits = 'hits' in found ? found.hits : [];

  useEffect(() => setCurrent(0), [hits]);

  // Clear the marks only when the bar had shown some: a hit marked on opening from the search
  // screen stays until the bar is used.
  const showing = useRef(false);
  useEffect(() => {
    const r = readerFn.current();
    if (!r) return;
    if (!open || hits.length === 0) {
      if (showing.current) r.setSearchHits([], -1);
      showing.current = false;
      return;
    }
    showing.current = true;
    const i = Math.min(current, hits.length - 1);
    r.setSearchHits(hits, i);
    r.scrollToOffset(hits[i]!.start, hits[i]!.end);
  }, [open, hits, current]);

  function step(by: number) {
    if (hits.length === 0) return;
    setCurrent((c) => (((c + by) % hits.length) + hits.length) % hits.length);
  }

  function close() {
    const hit = hits.length > 0 ? hits[Math.min(current, hits.length - 1)]! : null;
    setOpen(false);
    if (onLeave) onLeave(hit);
    else readerFn.current()?.focus();
  }

  if (!open) return null;
  const error = 'error' in found ? queryErrorText(lang, found.error) : null;
  return (
    <div className="find-bar row" role="search" aria-label={t('find.region')}>
      <label className="field inline grow">
        <span className="sr-only">{t('find.input')}</span>
        <input
          ref={input}
          value={value}
          aria-label={t('find.input')}
          aria-invalid={error !== null}
          aria-describedby="find-count"
          spellCheck={false}
          placeholder="wereld*  ·  grens/grenzen  ·  &quot;culturele diplomatie&quot;"
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
      </label>
      <span id="find-count" className={error ? 'error-text' : 'muted'} role="status">
        {error ?? (value.trim() === '' ? t('find.hint') : hits.length === 0 ? t('find.none') : t('find.count', { current: Math.min(current, hits.length - 1) + 1, total: hits.length }))}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={hits.length === 0} aria-label={t('find.prev')}>
        ↑
      </button>
      <button type="button" onClick={() => step(1)} disabled={hits.length === 0} aria-label={t('find.next')}>
        ↓
      </button>
      <button type="button" onClick={close} aria-label={t('find.close')}>
        ×
      </button>
    </div>
  );
}
