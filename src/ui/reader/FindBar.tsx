/**
 * The reader's own find bar (Ctrl+F / ⌘F while the reader is open): one term in the app's query
 * language (wildcards, optional parts, alternatives, phrases, /regex/), every hit highlighted,
 * Enter / Shift+Enter (or the buttons) step to the next / previous hit, Esc closes and leaves the
 * text at the current hit (the reader makes its fragment active, or selects its sentence, so a
 * key codes it by the coded-passage rule). Matching is
 * the search screen's (text/matcher.ts), on the document's normalised text, and runs where the
 * search screen's does: in the search worker (SearchClient.find), which folds the text once per
 * document, so a long document never blocks typing, and a runaway /regex/ is stopped after the
 * search's time budget and reported in the bar. The line is parsed here first, so its errors show
 * at once.
 */
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { queryErrorText } from '../messages.ts';
import { parseQuery, type QueryError } from '../../text/query.ts';
import { SearchClient, SearchTimeoutError } from '../search/search-client.ts';
import '../search/search.css';
import type { Reader, TextRange } from '../../editor/index.ts';

/** Props: the document's text and a way to reach the mounted reader. */
export interface FindBarProps {
  /** The document's id and text (the worker keeps the text by id). */
  documentId: string;
  text: string;
  reader: () => Reader | null;
  /** Called when the bar closes, with the current hit (null when there is none); default: focus the text. */
  onLeave?: (hit: TextRange | null) => void;
}

/** The find bar; closed until Ctrl+F. */
/** Where the find stands: hits (still those of the last line while a new one runs), or why none. */
type Found =
  | { hits: TextRange[]; pending: boolean }
  | { queryError: QueryError }
  | { timeout: number }
  | { failed: string };

const NO_HITS: TextRange[] = [];

export function FindBar({ documentId, text, reader, onLeave }: FindBarProps) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const deferred = useDeferredValue(value);
  // The owner may pass a new function on every render: read the latest one, never re-run on it.
  const readerFn = useRef(reader);
  readerFn.current = reader;
  const [found, setFound] = useState<Found>({ hits: NO_HITS, pending: false });
  // The bar's own search worker, started when the bar is first used and stopped with the reader.
  const client = useRef<SearchClient | null>(null);
  useEffect(
    () => () => {
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

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

  useEffect(() => {
    if (!open) return;
    const line = deferred.trim();
    const parsed = line ? parseQuery(line) : null;
    if (!parsed || ('parsed' in parsed && parsed.parsed.terms.length === 0)) {
      setFound({ hits: NO_HITS, pending: false });
      return;
    }
    if ('error' in parsed) {
      setFound({ queryError: parsed.error });
      return;
    }
    let live = true;
    client.current ??= new SearchClient();
    setFound((f) => ('hits' in f ? { hits: f.hits, pending: true } : { hits: NO_HITS, pending: true }));
    client.current.find({ id: documentId, title: '', text, pages: [] }, parsed.parsed, line).then(
      (answer) => {
        if (live && answer) setFound({ hits: answer.hits, pending: false });
      },
      (e: unknown) => {
        if (!live) return;
        setFound(e instanceof SearchTimeoutError ? { timeout: e.budgetMs / 1000 } : { failed: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [open, deferred, documentId, text]);
  const hits = 'hits' in found ? found.hits : NO_HITS;

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
  const error =
    'queryError' in found
      ? queryErrorText(lang, found.queryError)
      : 'timeout' in found
        ? t('find.regexTimeout', { seconds: found.timeout })
        : 'failed' in found
          ? t('search.failed', { reason: found.failed })
          : null;
  const pending = 'pending' in found && found.pending;
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
        {error ??
          (value.trim() === ''
            ? t('find.hint')
            : pending
              ? t('search.searching')
              : hits.length === 0
                ? t('find.none')
                : t('find.count', { current: Math.min(current, hits.length - 1) + 1, total: hits.length }))}
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
