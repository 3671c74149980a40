/** Reader: one document with its coded fragments, a coding panel and the fragment list. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { navigate, type Route } from '../route.ts';
import { useActiveCodebook, useActiveCoder, useDocuments, useFragments, useText } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { codeRange, removeFragment, toggleCode, toggleFlag, updateFragment } from '../../actions/coding.ts';
import { sentenceAround } from '../../text/sentence.ts';
import { pageAt, type CodeId, type Codebook, type Fragment, type FragmentId, type PolicyDocument } from '../../model/index.ts';
import type { CodingHighlight, Reader, TextRange } from '../../editor/index.ts';
import { ReaderEditor } from './ReaderEditor.tsx';
import { CodeSwatch } from '../CodeSwatch.tsx';

type ReaderRoute = Extract<Route, { screen: 'reader' }>;

/** The reader screen. */
export function ReaderView({ route }: { route: ReaderRoute }) {
  const { t } = useLang();
  const docs = useDocuments();
  const docId = route.documentId ?? docs?.[0]?.id;
  const doc = docs?.find((d) => d.id === docId);
  if (docs === undefined) return <p>{t('common.loading')}</p>;
  if (docs.length === 0)
    return (
      <div className="panel">
        <p>{t('reader.noDocuments')}</p>
        <a href="#/library">{t('nav.library')}</a>
      </div>
    );
  if (!doc) return <p role="alert">{t('reader.notFound')}</p>;
  return <DocumentReader key={doc.id} doc={doc} docs={docs} route={route} />;
}

function DocumentReader({ doc, docs, route }: { doc: PolicyDocument; docs: PolicyDocument[]; route: ReaderRoute }) {
  const { t, local } = useLang();
  const text = useText(doc.id);
  const fragments = useFragments(doc.id);
  const codebook = useActiveCodebook();
  const coder = useActiveCoder();
  const [selection, setSelection] = useState<TextRange | null>(null);
  const [activeId, setActiveId] = useState<string | null>(route.fragmentId ?? null);
  const [announce, setAnnounce] = useState('');
  const readerRef = useRef<Reader | null>(null);

  const highlights = useMemo<CodingHighlight[]>(() => {
    if (!fragments || !codebook) return [];
    const byId = new Map(codebook.codes.map((c) => [c.id as string, c]));
    return fragments.map((f) => {
      const codes = f.codes.flatMap((id) => byId.get(id) ?? []);
      return {
        id: f.id,
        start: f.anchor.start,
        end: f.anchor.end,
        colors: codes.map((c) => c.color),
        keys: codes.map((c) => c.key),
        label: codes.length ? codes.map((c) => local(c.name)).join(', ') : t('reader.mere'),
      };
    });
  }, [fragments, codebook, local, t]);

  const active = fragments?.find((f) => f.id === activeId) ?? null;

  // Where to go on opening: a search hit (select its sentence) or a fragment.
  const focus = useMemo(() => {
    if (!text) return null;
    if (route.start !== undefined && route.end !== undefined && route.end <= text.text.length) {
      const s = sentenceAround(text.text, route.start, route.end);
      return { select: s, hit: { start: route.start, end: route.end }, seq: Date.now() };
    }
    return null;
  }, [text, route.start, route.end]);

  useEffect(() => {
    if (!route.fragmentId || !fragments || !readerRef.current) return;
    const f = fragments.find((x) => x.id === route.fragmentId);
    if (f) {
      readerRef.current.scrollToOffset(f.anchor.start);
      setActive(f.id);
    }
    // only when the route asks for a fragment
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route.fragmentId, fragments === undefined]);

  // Coding actions run one after another, and the active fragment is tracked synchronously, so
  // keys pressed in quick succession ("5" then "7") act on the fragment the first key created.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const activeRef = useRef<string | null>(activeId);
  const setActive = useCallback((id: string | null) => {
    activeRef.current = id;
    setActiveId(id);
  }, []);
  const enqueue = useCallback((op: () => Promise<unknown>) => {
    queue.current = queue.current.then(op).catch((e) => {
      console.error(e);
      if (activeRef.current === 'pending') activeRef.current = null;
      setAnnounce(t('reader.saveFailed'));
    });
  }, [t]);

  const createWith = useCallback(
    (codes: CodeId[]) => {
      const range = selection ?? readerRef.current?.selection() ?? null;
      if (!text || !coder || !range || range.end <= range.start) return;
      activeRef.current = 'pending';
      enqueue(async () => {
        const f = await codeRange(appDb(), doc.id, text.text, range.start, range.end, coder.id, { codes });
        setActive(f.id);
        setAnnounce(t('reader.created', { page: pageAt(doc.pages, f.anchor.start)?.label ?? '' }));
      });
    },
    [selection, text, coder, doc, t, enqueue, setActive],
  );

  const onCode = useCallback(
    (code: CodeId) => {
      if (activeRef.current) enqueue(async () => activeRef.current && toggleCode(appDb(), activeRef.current as FragmentId, code));
      else createWith([code]);
    },
    [createWith, enqueue],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent): boolean => {
      if (e.ctrlKey || e.metaKey || e.altKey || !codebook) return false;
      const code = codebook.codes.find((c) => c.key === e.key);
      if (code) {
        onCode(code.id);
        return true;
      }
      if (e.key === 'Escape' && activeRef.current) {
        setActive(null);
        return true;
      }
      const flag = codebook.flags[0];
      if ((e.key === 'g' || e.key === 'G') && activeRef.current && flag) {
        enqueue(async () => activeRef.current && toggleFlag(appDb(), activeRef.current as FragmentId, flag.id));
        return true;
      }
      return false;
    },
    [codebook, onCode, enqueue, setActive],
  );

  const onSelect = useCallback(
    (range: TextRange | null) => {
      setSelection(range);
      if (range && activeRef.current !== 'pending') setActive(null);
    },
    [setActive],
  );

  const onFragmentClick = useCallback((ids: string[]) => setActive(ids[0] ?? null), [setActive]);

  function goToFragment(f: Fragment) {
    // Scroll with a caret, not a selection: a selection would start a new fragment and clear the active one.
    readerRef.current?.scrollToOffset(f.anchor.start);
    setActive(f.id);
  }

  if (text === undefined || fragments === undefined || codebook === undefined || coder === undefined) return <p>{t('common.loading')}</p>;
  if (text === null || codebook === null) return <p role="alert">{t('reader.notFound')}</p>;

  const selectionText = selection ? text.text.slice(selection.start, selection.end) : '';

  return (
    <div className="reader-layout">
      <div className="reader-main">
        <div className="reader-head row">
          <label className="field">
            <span>{t('reader.document')}</span>
            <select value={doc.id} onChange={(e) => navigate({ screen: 'reader', documentId: e.target.value })}>
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <span className="muted">
            {t('reader.meta', { pages: doc.pages.length, fragments: fragments.length })}
          </span>
        </div>
        <p className="hint">{t('reader.howTo')}</p>
        <ReaderEditor
          docKey={doc.id}
          text={text.text}
          blocks={text.blocks}
          pages={doc.pages}
          highlights={highlights}
          activeId={activeId}
          focus={focus}
          label={t('reader.textLabel', { title: doc.title })}
          onSelect={onSelect}
          onFragmentClick={onFragmentClick}
          onKeyDown={onKeyDown}
          onReady={(r) => (readerRef.current = r)}
        />
      </div>
      <aside className="reader-side" aria-label={t('reader.side')}>
        <p className="sr-only" role="status" aria-live="polite">
          {announce}
        </p>
        {active ? (
          <FragmentPanel key={active.id} fragment={active} codebook={codebook} doc={doc} onClose={() => setActive(null)} />
        ) : (
          <section className="panel coding-panel" aria-labelledby="sel-h">
            <h2 id="sel-h">{t('reader.selection')}</h2>
            {selection ? (
              <>
                <blockquote className="quote">{selectionText.length > 300 ? `${selectionText.slice(0, 300)}…` : selectionText}</blockquote>
                <p className="muted">{t('reader.page', { page: pageAt(doc.pages, selection.start)?.label ?? '' })}</p>
                <CodeButtons codebook={codebook} selected={[]} onToggle={(c) => createWith([c])} verb="create" />
                <button type="button" onClick={() => createWith([])}>
                  {t('reader.codeMere')}
                </button>
              </>
            ) : (
              <p className="hint">{t('reader.selectHint')}</p>
            )}
          </section>
        )}
        <section className="panel" aria-labelledby="frag-h">
          <h2 id="frag-h">{t('reader.fragments', { n: fragments.length })}</h2>
          {fragments.length === 0 ? (
            <p className="hint">{t('reader.noFragments')}</p>
          ) : (
            <ol className="fragment-list">
              {fragments.map((f) => (
                <li key={f.id} className={f.id === activeId ? 'active' : undefined}>
                  <button type="button" className="fragment-item" aria-current={f.id === activeId ? 'true' : undefined} onClick={() => goToFragment(f)}>
                    <span className="frag-page">{t('reader.pageShort', { page: pageAt(doc.pages, f.anchor.start)?.label ?? '' })}</span>
                    <span className="frag-codes">
                      {f.codes.length === 0 && <span className="muted">{t('reader.mere')}</span>}
                      {f.codes.map((id) => {
                        const c = codebook.codes.find((x) => x.id === id);
                        return c ? <CodeSwatch key={id} code={c} /> : null;
                      })}
                      {f.flags.length > 0 && <span className="flag-mark" title={t('reader.flagged')}>G</span>}
                    </span>
                    <span className="frag-text">{f.anchor.exact.length > 140 ? `${f.anchor.exact.slice(0, 140)}…` : f.anchor.exact}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
      </aside>
    </div>
  );
}

function CodeButtons(props: { codebook: Codebook; selected: readonly string[]; onToggle: (c: CodeId) => void; verb: 'create' | 'toggle' }) {
  const { t, local } = useLang();
  return (
    <div className="code-buttons" role="group" aria-label={t('reader.regimes')}>
      {props.codebook.codes.map((c) => {
        const on = props.selected.includes(c.id);
        return (
          <button
            key={c.id}
            type="button"
            className={`code-button${on ? ' on' : ''}`}
            aria-pressed={props.verb === 'toggle' ? on : undefined}
            aria-keyshortcuts={c.key}
            title={local(c.description)}
            onClick={() => props.onToggle(c.id)}
          >
            <CodeSwatch code={c} />
            <span>{local(c.name)}</span>
          </button>
        );
      })}
    </div>
  );
}

function FragmentPanel(props: { fragment: Fragment; codebook: Codebook; doc: PolicyDocument; onClose: () => void }) {
  const { t, local } = useLang();
  const { fragment: f, codebook } = props;
  const [memo, setMemo] = useState(f.memo);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveMemo = useCallback((value: string) => void updateFragment(appDb(), f.id as FragmentId, { memo: value }), [f.id]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const flag = codebook.flags[0];
  return (
    <section className="panel coding-panel" aria-labelledby="frag-edit-h">
      <h2 id="frag-edit-h">{t('reader.fragmentTitle', { page: pageAt(props.doc.pages, f.anchor.start)?.label ?? '' })}</h2>
      <blockquote className="quote">{f.anchor.exact.length > 400 ? `${f.anchor.exact.slice(0, 400)}…` : f.anchor.exact}</blockquote>
      <CodeButtons codebook={codebook} selected={f.codes} onToggle={(c) => void toggleCode(appDb(), f.id, c)} verb="toggle" />
      {flag && (
        <label className="check">
          <input type="checkbox" checked={f.flags.includes(flag.id)} onChange={() => void toggleFlag(appDb(), f.id, flag.id)} aria-keyshortcuts="g" />
          <span title={local(flag.description)}>{local(flag.name)}</span>
        </label>
      )}
      <label className="field">
        <span>{t('reader.memo')}</span>
        <textarea
          rows={4}
          value={memo}
          onChange={(e) => {
            setMemo(e.target.value);
            clearTimeout(timer.current);
            const v = e.target.value;
            timer.current = setTimeout(() => saveMemo(v), 400);
          }}
          onBlur={() => {
            clearTimeout(timer.current);
            if (memo !== f.memo) saveMemo(memo);
          }}
        />
      </label>
      <div className="row">
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
        <button type="button" className="danger" onClick={() => void removeFragment(appDb(), f.id).then(props.onClose)}>
          {t('reader.deleteFragment')}
        </button>
      </div>
      <p className="hint">{t('reader.fragmentHint')}</p>
    </section>
  );
}
