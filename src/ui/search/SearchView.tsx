/**
 * Search: a term list run over all or selected documents (in a worker, as you type), with counts
 * per term × document and the concordance as a worklist where every hit gets decided.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { useDocuments, useSearchBaseline, useSearches } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { deleteSearchWithDecisions, listTexts, putSearch, setSearchBaseline } from '../../storage/repository.ts';
import { parseQuery, type Query, type QueryError } from '../../text/query.ts';
import type { SearchResult } from '../../text/corpus-search.ts';
import type { KwicSortKey } from '../../text/concordance.ts';
import { addSearchSet, addSearchSetOnce, importSearchSet, searchSetFile, type SearchSetImportError } from '../../actions/search-sets.ts';
import { downloadFile } from '../../exchange/download.ts';
import { queryErrorText, searchSetErrorText } from '../messages.ts';
import type { DocumentText, SavedSearch, SearchId } from '../../model/index.ts';
import thesisTerms from '../../../codebooks/thesis-terms.txt?raw';
import { SearchClient, searchFailureText } from './search-client.ts';
import { QueryHelp } from './QueryHelp.tsx';
import { CountsTable } from './CountsTable.tsx';
import { DocumentPicker } from './DocumentPicker.tsx';
import { Worklist } from './Worklist.tsx';
import './search.css';

/** A search that ran: the query, the documents it ran over and what it found. */
export interface RanSearch {
  query: Query;
  documentIds: string[];
  result: SearchResult;
}

/** The last search screen of this session, so going to the reader and back keeps everything. */
interface SearchScreenState {
  selectedId: string | null;
  name: string;
  terms: string;
  ran: RanSearch | null;
  width: number;
  sort: KwicSortKey;
  /** Selected document ids, or null for all documents. */
  chosen: string[] | null;
  currentKey: string | null;
}
let remembered: SearchScreenState | null = null;

/** Delay after the last key before a search runs. */
const TYPING_PAUSE_MS = 250;

let client: SearchClient | null = null;
function searchClient(): SearchClient {
  client ??= new SearchClient();
  return client;
}

/** The search screen. */
export function SearchView() {
  const { t, lang } = useLang();
  const docs = useDocuments();
  const searches = useSearches();
  const [selectedId, setSelectedId] = useState<string | null>(remembered?.selectedId ?? null);
  const [name, setName] = useState(remembered?.name ?? '');
  const [terms, setTerms] = useState(remembered?.terms ?? '');
  const [texts, setTexts] = useState<DocumentText[] | null>(null);
  const [ran, setRan] = useState<RanSearch | null>(remembered?.ran ?? null);
  const [width, setWidth] = useState(remembered?.width ?? 60);
  const [sort, setSort] = useState<KwicSortKey>(remembered?.sort ?? 'document');
  const [chosen, setChosen] = useState<string[] | null>(remembered?.chosen ?? null);
  const [currentKey, setCurrentKey] = useState<string | null>(remembered?.currentKey ?? null);
  const [status, setStatus] = useState('');
  // What a set action did (saved, added, exported): its own line, so a search finishing after it
  // does not write over it.
  const [notice, setNotice] = useState('');
  const [searching, setSearching] = useState(false);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const importInput = useRef<HTMLInputElement>(null);
  const baseline = useSearchBaseline(selectedId as SearchId | null);

  useEffect(() => {
    remembered = { selectedId, name, terms, ran, width, sort, chosen, currentKey };
  }, [selectedId, name, terms, ran, width, sort, chosen, currentKey]);

  // Start on the first saved search (the thesis list on first run).
  useEffect(() => {
    if (selectedId === null && searches && searches.length > 0) load(searches[0]!);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searches, selectedId]);

  // Texts are read when documents change, and handed to the search worker once each.
  useEffect(() => {
    let live = true;
    void listTexts(appDb()).then((x) => {
      if (!live) return;
      setTexts(x);
    });
    return () => {
      live = false;
    };
  }, [docs]);

  const textById = useMemo(() => new Map((texts ?? []).map((x) => [x.documentId as string, x.text])), [texts]);
  const available = useMemo(() => (docs ?? []).filter((d) => textById.has(d.id)), [docs, textById]);

  useEffect(() => {
    if (!texts || !docs) return;
    searchClient().sync(available.map((d) => ({ id: d.id, title: d.title, text: textById.get(d.id)!, pages: d.pages })));
  }, [available, textById, texts, docs]);

  const parsed = useMemo(() => parseQuery(terms), [terms]);
  const errors: QueryError[] = 'error' in parsed ? parsed.errors : [];
  const documentIds = useMemo(() => {
    const all = available.map((d) => d.id as string);
    return chosen === null ? all : all.filter((id) => chosen.includes(id));
  }, [available, chosen]);

  const seq = useRef(0);
  function run(immediate: boolean) {
    if (!('parsed' in parsed) || !texts || !docs) return;
    const query = parsed.parsed;
    const ids = documentIds;
    const mine = ++seq.current;
    const go = () => {
      if (mine !== seq.current) return;
      setSearching(true);
      searchClient()
        .search(query, ids, width)
        .then((answer) => {
          if (!answer || mine !== seq.current) return;
          setSearching(false);
          setRan({ query, documentIds: ids, result: answer.result });
          setStatus(t('search.found', { hits: answer.result.hits.length, docs: ids.length }) + ' ' + t('search.took', { ms: Math.round(answer.ms) }));
        })
        .catch((e: unknown) => {
          setSearching(false);
          setStatus(searchFailureText(t, e));
        });
    };
    if (immediate) go();
    else setTimeout(go, TYPING_PAUSE_MS);
  }

  // Search as the user types (after a pause), and when the documents, selection or width change.
  const lastRun = useRef<string | null>(remembered?.ran ? JSON.stringify([remembered.terms, remembered.ran.documentIds, remembered.width]) : null);
  useEffect(() => {
    if (!('parsed' in parsed) || !texts) return;
    const key = JSON.stringify([terms, documentIds, width]);
    if (key === lastRun.current) return;
    lastRun.current = key;
    run(ran === null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parsed, texts, documentIds, width]);

  // A saved search that never recorded what it has seen takes the documents there are now.
  useEffect(() => {
    if (selectedId && baseline === null && docs) void setSearchBaseline(appDb(), selectedId as SearchId, docs.map((d) => d.id));
  }, [selectedId, baseline, docs]);
  const newDocIds = useMemo(
    () => (baseline && docs ? docs.filter((d) => !baseline.includes(d.id)).map((d) => d.id as string) : []),
    [baseline, docs],
  );

  function load(s: SavedSearch) {
    setNotice('');
    setSelectedId(s.id);
    setName(s.name);
    setTerms(s.terms);
    setCurrentKey(null);
  }

  async function save(asNew: boolean) {
    // A saved set is what the worklist, the tally filter and re-runs rest on: never store a list
    // that cannot be searched (it would find nothing and set every count to 0).
    if (errors.length > 0) {
      setNotice(t('search.saveRefused'));
      return;
    }
    const now = new Date().toISOString();
    const existing = searches?.find((s) => s.id === selectedId);
    if (existing && !asNew) {
      const s: SavedSearch = { ...existing, name: name.trim() || existing.name, terms, updatedAt: now };
      await putSearch(appDb(), s);
      setNotice(t('search.savedAs', { name: s.name }));
      return;
    }
    const s = await addSearchSet(appDb(), name.trim() || t('search.untitled'), terms);
    setSelectedId(s.id);
    setName(s.name);
    setNotice(t('search.savedAs', { name: s.name }));
  }

  async function remove() {
    const existing = searches?.find((s) => s.id === selectedId);
    if (!existing || !confirm(t('search.confirmDelete', { name: existing.name }))) return;
    await deleteSearchWithDecisions(appDb(), existing.id);
    setSelectedId(null);
  }

  function exportSet() {
    const file = searchSetFile({ name: name.trim() || t('search.untitled'), terms });
    downloadFile(file.fileName, file.text, 'text/plain;charset=utf-8');
    setNotice(t('search.exported', { file: file.fileName }));
  }

  async function importSets(files: FileList | null) {
    if (!files || files.length === 0) return;
    const problems: string[] = [];
    let last: { search: SavedSearch; added: boolean } | null = null;
    for (const f of Array.from(files)) {
      const r = await importSearchSet(appDb(), f.name, new Uint8Array(await f.arrayBuffer()));
      if (r.ok) last = r;
      else problems.push(...describeImportError(r.error));
    }
    setFileErrors(problems);
    if (last) {
      load(last.search);
      setNotice(t(last.added ? 'search.imported' : 'search.alreadyThere', { name: last.search.name }));
    }
    if (importInput.current) importInput.current.value = '';
  }

  function describeImportError(e: SearchSetImportError): string[] {
    if (e.reason === 'query') return e.errors.map((er) => `${e.file}: ${queryErrorText(lang, er)}`);
    return [searchSetErrorText(lang, e)];
  }

  async function addThesisList() {
    const { search: s, added } = await addSearchSetOnce(appDb(), t('search.thesisName'), thesisTerms);
    load(s);
    setNotice(t(added ? 'search.imported' : 'search.alreadyThere', { name: s.name }));
  }

  const selected = searches?.find((s) => s.id === selectedId) ?? null;

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
                run(true);
              }
            }}
          />
        </label>
        <p id="terms-help" className="hint">{t('search.syntax')}</p>
        <QueryHelp />
        {errors.length > 0 && (
          <ul className="error-text" role="alert">
            {errors.map((er, i) => (
              <li key={i}>{queryErrorText(lang, er)}</li>
            ))}
          </ul>
        )}
        <DocumentPicker docs={available} chosen={chosen} onChange={setChosen} newIds={newDocIds} />
        <div className="row">
          <button type="button" className="primary" onClick={() => run(true)} disabled={!docs || !texts || errors.length > 0}>
            {chosen === null ? t('search.run') : t('search.runSelected', { n: documentIds.length })}
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
        <div className="row">
          <button type="button" onClick={exportSet} disabled={terms.trim() === ''}>
            {t('search.export')}
          </button>
          <label className="button">
            <span>{t('search.import')}</span>
            <input ref={importInput} className="sr-only" type="file" accept=".txt,text/plain" multiple onChange={(e) => void importSets(e.target.files)} />
          </label>
          <button type="button" onClick={() => void addThesisList()}>
            {t('search.addThesis')}
          </button>
        </div>
        {fileErrors.length > 0 && (
          <ul className="error-text" role="alert">
            {fileErrors.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        )}
        <p role="status" className="hint">
          {notice}
        </p>
        <p role="status" className="hint" aria-busy={searching}>
          {searching ? t('search.searching') : status}
        </p>
      </section>

      {newDocIds.length > 0 && selected && (
        <div className="panel new-docs" role="region" aria-label={t('search.newRegion')}>
          <p>
            {t('search.newDocs', {
              n: newDocIds.length,
              hits: ran ? ran.result.hits.filter((h) => newDocIds.includes(h.documentId)).length : 0,
            })}
          </p>
          <div className="row">
            <button type="button" onClick={() => setChosen(newDocIds)}>
              {t('search.showNew')}
            </button>
            <button type="button" onClick={() => void setSearchBaseline(appDb(), selected.id, (docs ?? []).map((d) => d.id))}>
              {t('search.markSeen')}
            </button>
          </div>
        </div>
      )}

      {ran && <CountsTable ran={ran} docs={docs ?? []} />}

      {ran && (
        <Worklist
          ran={ran}
          docs={docs ?? []}
          texts={textById}
          search={selected}
          sort={sort}
          onSort={setSort}
          currentKey={currentKey}
          onCurrent={setCurrentKey}
          newDocIds={newDocIds}
          contextWidth={width}
        />
      )}
    </div>
  );
}
