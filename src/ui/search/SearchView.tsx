/** Search: a term list run over every document, with counts per term and a keyword-in-context list. */
import { useEffect, useMemo, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { useDocuments, useSearches } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { deleteSearch, listTexts, putSearch } from '../../storage/repository.ts';
import { parseQuery, type Query, type QueryError } from '../../text/query.ts';
import { runSearch, type SearchResult } from '../../text/corpus-search.ts';
import { queryErrorText } from '../messages.ts';
import { navigate } from '../route.ts';
import { newId, type DocumentText, type SavedSearch, type SearchId } from '../../model/index.ts';

const PAGE = 300;

/** The last search of this session, so going to the reader and back keeps the results. */
interface SearchScreenState {
  selectedId: string | null;
  name: string;
  terms: string;
  ran: { query: Query; result: SearchResult } | null;
  shown: number;
  width: number;
  status: string;
}
let remembered: SearchScreenState | null = null;

/** The search screen. */
export function SearchView() {
  const { t, lang } = useLang();
  const docs = useDocuments();
  const searches = useSearches();
  const [selectedId, setSelectedId] = useState<string | null>(remembered?.selectedId ?? null);
  const [name, setName] = useState(remembered?.name ?? '');
  const [terms, setTerms] = useState(remembered?.terms ?? '');
  const [texts, setTexts] = useState<DocumentText[] | null>(null);
  const [ran, setRan] = useState<{ query: Query; result: SearchResult } | null>(remembered?.ran ?? null);
  const [errors, setErrors] = useState<QueryError[]>([]);
  const [shown, setShown] = useState(remembered?.shown ?? PAGE);
  const [width, setWidth] = useState(remembered?.width ?? 60);
  const [status, setStatus] = useState(remembered?.status ?? '');

  useEffect(() => {
    remembered = { selectedId, name, terms, ran, shown, width, status };
  }, [selectedId, name, terms, ran, shown, width, status]);

  // Start on the first saved search (the sample's thesis list on first run).
  useEffect(() => {
    if (selectedId === null && searches && searches.length > 0) load(searches[0]!);
  }, [searches, selectedId]);

  // Texts are read when documents change; searching itself is pure and fast.
  useEffect(() => {
    let live = true;
    void listTexts(appDb()).then((x) => live && setTexts(x));
    return () => {
      live = false;
    };
  }, [docs]);

  function load(s: SavedSearch) {
    setSelectedId(s.id);
    setName(s.name);
    setTerms(s.terms);
    setRan(null);
    setErrors([]);
  }

  function run() {
    const parsed = parseQuery(terms);
    if ('error' in parsed) {
      setErrors(parsed.errors);
      setRan(null);
      return;
    }
    setErrors([]);
    if (!docs || !texts) return;
    const byId = new Map(texts.map((x) => [x.documentId as string, x]));
    const inputs = docs.flatMap((d) => {
      const text = byId.get(d.id);
      return text ? [{ id: d.id as string, title: d.title, text: text.text, pages: d.pages }] : [];
    });
    const result = runSearch(inputs, parsed.parsed, { width });
    setRan({ query: parsed.parsed, result });
    setShown(PAGE);
    setStatus(t('search.found', { hits: result.hits.length, docs: inputs.length }));
  }

  async function save(asNew: boolean) {
    const now = new Date().toISOString();
    const existing = searches?.find((s) => s.id === selectedId);
    const s: SavedSearch =
      existing && !asNew
        ? { ...existing, name: name.trim() || existing.name, terms, updatedAt: now }
        : { id: newId<SearchId>(), name: name.trim() || t('search.untitled'), terms, createdAt: now, updatedAt: now };
    await putSearch(appDb(), s);
    setSelectedId(s.id);
    setStatus(t('search.savedAs', { name: s.name }));
  }

  async function remove() {
    const existing = searches?.find((s) => s.id === selectedId);
    if (!existing || !confirm(t('search.confirmDelete', { name: existing.name }))) return;
    await deleteSearch(appDb(), existing.id);
    setSelectedId(null);
  }

  const docTitles = useMemo(() => new Map((docs ?? []).map((d) => [d.id as string, d.title])), [docs]);

  return (
    <div className="search">
      <section className="panel" aria-labelledby="search-h">
        <h1 id="search-h">{t('search.title')}</h1>
        <div className="row">
          <label className="field">
            <span>{t('search.saved')}</span>
            <select
              value={selectedId ?? ''}
              onChange={(e) => {
                const s = searches?.find((x) => x.id === e.target.value);
                if (s) load(s);
                else {
                  setSelectedId('');
                  setName('');
                  setTerms('');
                }
              }}
            >
              <option value="">{t('search.new')}</option>
              {(searches ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field grow">
            <span>{t('search.name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        </div>
        <label className="field">
          <span>{t('search.terms')}</span>
          <textarea
            className="terms"
            rows={8}
            value={terms}
            spellCheck={false}
            aria-describedby="terms-help"
            aria-invalid={errors.length > 0}
            onChange={(e) => setTerms(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                run();
              }
            }}
          />
        </label>
        <p id="terms-help" className="hint">{t('search.syntax')}</p>
        {errors.length > 0 && (
          <ul className="error-text" role="alert">
            {errors.map((er, i) => (
              <li key={i}>{queryErrorText(lang, er)}</li>
            ))}
          </ul>
        )}
        <div className="row">
          <button type="button" className="primary" onClick={run} disabled={!docs || !texts}>
            {t('search.run')}
          </button>
          <button type="button" onClick={() => void save(false)}>
            {t('search.save')}
          </button>
          <button type="button" onClick={() => void save(true)}>
            {t('search.saveAsNew')}
          </button>
          <button type="button" className="danger" onClick={() => void remove()} disabled={!selectedId}>
            {t('search.delete')}
          </button>
          <label className="field inline">
            <span>{t('search.width')}</span>
            <input type="number" min={10} max={400} step={10} value={width} onChange={(e) => setWidth(Math.max(10, Math.min(400, Number(e.target.value) || 60)))} />
          </label>
        </div>
        <p role="status" className="hint">{status}</p>
      </section>

      {ran && (
        <section className="panel" aria-labelledby="counts-h">
          <h2 id="counts-h">{t('search.counts')}</h2>
          <div className="table-scroll">
            <table className="counts-table">
              <thead>
                <tr>
                  <th scope="col">{t('search.term')}</th>
                  {ran.result.documents.map((d) => (
                    <th scope="col" key={d.id} className="num">
                      {d.title}
                    </th>
                  ))}
                  <th scope="col" className="num">{t('tally.total')}</th>
                </tr>
              </thead>
              <tbody>
                {ran.query.terms.map((term, ti) => (
                  <tr key={ti}>
                    <th scope="row">{term.label}</th>
                    {ran.result.documents.map((d) => (
                      <td key={d.id} className={`num${d.byTerm[ti] === 0 ? ' zero' : ''}`}>
                        {d.byTerm[ti]}
                      </td>
                    ))}
                    <td className="num">{ran.result.documents.reduce((a, d) => a + (d.byTerm[ti] ?? 0), 0)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('tally.total')}</th>
                  {ran.result.documents.map((d) => (
                    <td key={d.id} className="num">
                      {d.hits}
                    </td>
                  ))}
                  <td className="num">{ran.result.hits.length}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      )}

      {ran && (
        <section className="panel" aria-labelledby="kwic-h">
          <h2 id="kwic-h">{t('search.kwic', { n: ran.result.hits.length })}</h2>
          <p className="hint">{t('search.kwicHint')}</p>
          <table className="kwic">
            <thead>
              <tr>
                <th scope="col">{t('search.document')}</th>
                <th scope="col" className="num">{t('search.page')}</th>
                <th scope="col" className="left">{t('search.left')}</th>
                <th scope="col" className="hit">{t('search.hit')}</th>
                <th scope="col">{t('search.right')}</th>
              </tr>
            </thead>
            <tbody>
              {ran.result.hits.slice(0, shown).map((h, i) => (
                <tr key={i}>
                  <td className="muted">{docTitles.get(h.documentId) ?? ''}</td>
                  <td className="num">{h.page}</td>
                  <td className="left">{h.left}</td>
                  <td className="hit">
                    <button
                      type="button"
                      className="link"
                      aria-label={t('search.openHit', { match: h.match, doc: docTitles.get(h.documentId) ?? '', page: h.page })}
                      onClick={() => navigate({ screen: 'reader', documentId: h.documentId, start: h.start, end: h.end })}
                    >
                      {h.match}
                    </button>
                  </td>
                  <td>{h.right}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {ran.result.hits.length > shown && (
            <button type="button" onClick={() => setShown((n) => n + PAGE)}>
              {t('search.more', { n: Math.min(PAGE, ran.result.hits.length - shown) })}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
