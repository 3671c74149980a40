/**
 * Agreement: two coders compared on keyword hits, sentences or characters (analysis/agreement-units.ts)
 * — a summary per regime (n, % agreement, Cohen's κ, Krippendorff's α), the confusion matrix,
 * and the disagreement table, filterable by regime and document, each row opening the reader
 * there and exportable as CSV or XLSX. From the table the supervisor adjudicates into the
 * consensus coder: take A, take B, take both, or edit (analysis/adjudication.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { routeHash } from '../route.ts';
import { CodeSwatch } from '../CodeSwatch.tsx';
import { useActiveCodebook, useActiveCoder, useCoders, useDocuments, useFragments, useHitDecisions, useSearches, useTexts } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { searchHitRanges } from '../../actions/export-search-hits.ts';
import { applyAdjudication } from '../../actions/adjudication.ts';
import { hitFragmentRange } from '../../actions/worklist.ts';
import { AGREEMENT_UNITS, computeAgreement, disagreesOn, fragmentUnitizing, SentenceCache, valueFromKey, type AgreementInput, type AgreementResult, type AgreementRow, type CoderValue } from '../../analysis/agreement-units.ts';
import { headlineKappa, type AgreementSummary } from '../../analysis/agreement.ts';
import { planAdjudication, planAgreements, type AdjudicationChoice, type AdjudicationContext } from '../../analysis/adjudication.ts';
import { agreementSummaryTable, confusionTable, disagreementTable, type AgreementTableContext } from '../../exchange/agreement-table.ts';
import { typedTableToCsv } from '../../exchange/table.ts';
import { tablesToXlsx, XLSX_MIME } from '../../exchange/xlsx.ts';
import { downloadFile } from '../../exchange/download.ts';
import { CONSENSUS_CODER_ID, isConsensus, pageAt, type Code, type Coder, type Fragment, type SearchId } from '../../model/index.ts';
import { queryErrorText, type MessageKey } from '../messages.ts';
import { loadAgreementChoices, saveAgreementChoices, type AgreementChoices } from './agreement-state.ts';
import './agreement.css';

/** Sentences of the documents, split once per text for the whole session. */
const sentences = new SentenceCache();

/** Rows of the disagreement table shown at first, and added by "show more". */
const PAGE = 100;

const UNIT_LABEL: Record<(typeof AGREEMENT_UNITS)[number], MessageKey> = {
  hit: 'agr.unit.hit',
  sentence: 'agr.unit.sentence',
  character: 'agr.unit.character',
};

/** The agreement screen. */
export function AgreementView() {
  const { t, lang, local } = useLang();
  const docs = useDocuments();
  const texts = useTexts();
  const fragments = useFragments();
  const coders = useCoders();
  const codebook = useActiveCodebook();
  const searches = useSearches();
  const me = useActiveCoder();
  const [choices, setChoicesState] = useState<AgreementChoices>(loadAgreementChoices);
  const setChoices = useCallback((next: Partial<AgreementChoices>) => {
    setChoicesState((c) => {
      const merged = { ...c, ...next };
      saveAgreementChoices(merged);
      return merged;
    });
  }, []);

  // Coders who coded something, people first; the consensus can be compared too.
  const coding = useMemo(() => {
    const withFragments = new Set((fragments ?? []).map((f) => f.coderId as string));
    return (coders ?? []).filter((c) => withFragments.has(c.id)).sort((a, b) => Number(isConsensus(a)) - Number(isConsensus(b)));
  }, [coders, fragments]);
  const people = coding.filter((c) => !isConsensus(c));
  const coderA = coding.find((c) => c.id === choices.coderA) ?? people[0];
  const coderB = coding.find((c) => c.id === choices.coderB) ?? people.find((c) => c.id !== coderA?.id);

  // The chosen search set; until one is chosen the first one, and that choice is kept.
  const search = (searches ?? []).find((s) => s.id === choices.searchId) ?? searches?.[0];
  useEffect(() => {
    if (search && search.id !== choices.searchId) setChoices({ searchId: search.id });
  }, [search, choices.searchId, setChoices]);
  const decisions = useHitDecisions(choices.unit === 'hit' && search ? (search.id as SearchId) : null);
  const [hits, setHits] = useState<{ key: string; hits: { documentId: string; start: number; end: number }[] | null; error?: string }>({ key: '', hits: null });
  const searchKey = search ? `${search.id}\n${search.terms}\n${(docs ?? []).map((d) => d.id).join(',')}` : '';
  useEffect(() => {
    if (!search || choices.unit !== 'hit') return;
    let live = true;
    void searchHitRanges(appDb(), search).then((r) => {
      if (!live) return;
      setHits('error' in r ? { key: searchKey, hits: [], error: queryErrorText(lang, r.error) } : { key: searchKey, hits: r.hits });
    });
    return () => {
      live = false;
    };
    // searchKey stands for the search's id, terms and the documents searched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchKey, choices.unit]);
  const searchHits = search && hits.key === searchKey ? hits.hits : null;

  const textOf = useMemo(() => new Map((texts ?? []).map((x) => [x.documentId as string, x.text])), [texts]);
  const fragmentOf = useMemo(() => new Map((fragments ?? []).map((f) => [f.id as string, f])), [fragments]);
  const codes = codebook?.codes ?? [];
  const codeName = useCallback((id: string) => {
    const code = codes.find((c) => c.id === id);
    return code ? local(code.name) : id;
  }, [codes, local]);

  const ready = docs && texts && fragments && codebook && coderA && coderB && coderA.id !== coderB.id && (choices.unit !== 'hit' || searchHits);
  // The documents as the agreement reads them, made once for every measure below.
  const compared = useMemo(() => docs?.map((d) => ({ id: d.id, title: d.title, text: textOf.get(d.id) ?? '', pages: d.pages })) ?? [], [docs, textOf]);
  /** What every agreement below compares, for the given coders (call only when `ready`). */
  const agreementInput = (coders: string[]): AgreementInput => ({
    unit: choices.unit,
    coders,
    codes: codes.map((c) => c.id),
    documents: compared,
    fragments: fragments ?? [],
    ...(choices.unit === 'hit' ? { hits: searchHits ?? [], dismissals: decisions ?? [], ...(me ? { unattributedDismissalsBy: me.id } : {}) } : {}),
    notCoded: choices.notCoded,
    sentences,
  });
  const result = useMemo(() => {
    if (!ready) return null;
    return computeAgreement({ ...agreementInput([coderA.id, coderB.id]), alongside: [CONSENSUS_CODER_ID] });
    // `ready` covers the inputs' presence; the list names what the result depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, choices.unit, choices.notCoded, coderA?.id, coderB?.id, compared, fragments, searchHits, decisions, codes, me?.id]);

  // Unitizing α compares where the two coders' fragments begin and end, whatever the unit.
  const unitizing = useMemo(() => {
    if (!docs || !fragments || !coderA || !coderB || coderA.id === coderB.id) return null;
    return fragmentUnitizing({ coders: [coderA.id, coderB.id], documents: compared, fragments });
  }, [docs, fragments, coderA?.id, coderB?.id, compared]);

  // With three or more people coding, the agreement of all of them together (Fleiss' κ, α, u-α) on
  // the same units; the consensus is not a coder here. The tables below stay two coders side by side.
  const everyone = people.length >= 3 ? people : null;
  const everyoneKey = everyone?.map((c) => c.id).join(',') ?? '';
  const allResult = useMemo(() => {
    if (!ready || !everyone) return null;
    return computeAgreement(agreementInput(everyone.map((c) => c.id)));
    // everyoneKey stands for the coders compared.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, everyoneKey, choices.unit, choices.notCoded, compared, fragments, searchHits, decisions, codes, me?.id]);
  const allUnitizing = useMemo(() => {
    if (!everyone || !docs || !fragments) return null;
    return fragmentUnitizing({ coders: everyone.map((c) => c.id), documents: compared, fragments });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [everyoneKey, docs, fragments, compared]);

  const coderName = (c: Coder | undefined) => (c ? (isConsensus(c) ? t('agr.col.consensus') : c.name || c.initials || c.id) : '');
  const names = [coderName(coderA), coderName(coderB)];
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [editing, setEditing] = useState<string | null>(null);
  const busy = useRef(Promise.resolve());

  const tableContext = useMemo<AgreementTableContext | null>(() => {
    if (!docs) return null;
    return {
      coderNames: [...names, t('agr.col.consensus')],
      codeName,
      documents: new Map(docs.map((d) => [d.id as string, { title: d.title, text: textOf.get(d.id) ?? '', pages: d.pages }])),
      quote: (id) => fragmentOf.get(id)?.anchor.exact,
      lang,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docs, textOf, fragmentOf, codeName, lang, names[0], names[1]]);

  const disagreements = useMemo(() => (result ? result.rows.filter((r) => r.disagrees) : []), [result]);
  const shownRows = useMemo(
    () =>
      disagreements.filter(
        (r) => (!choices.documentId || r.documentId === choices.documentId) && (!choices.regime || disagreesOn(r, choices.regime, choices.notCoded, 2)),
      ),
    [disagreements, choices.documentId, choices.regime, choices.notCoded],
  );
  useEffect(() => setLimit(PAGE), [shownRows.length, choices.documentId, choices.regime]);

  /** Runs writes one after another, and says what happened. */
  const enqueue = (work: () => Promise<string>) => {
    busy.current = busy.current.then(async () => {
      try {
        setStatus({ text: await work() });
      } catch (e) {
        setStatus({ text: t('agr.failed', { reason: e instanceof Error ? e.message : String(e) }), error: true });
      }
    });
  };

  const consensusOf = (documentId: string): Fragment[] => (fragments ?? []).filter((f) => f.coderId === CONSENSUS_CODER_ID && f.documentId === documentId);
  const adjudicationContext = (row: AgreementRow): AdjudicationContext => ({
    unit: choices.unit,
    fragment: (id) => fragmentOf.get(id),
    consensusFragments: consensusOf(row.documentId),
    codes: codes.map((c) => c.id),
    defaultRange: (r) => {
      const text = textOf.get(r.documentId) ?? '';
      return choices.unit === 'hit' ? hitFragmentRange(text, r.start, r.end) : { start: r.start, end: r.end };
    },
  });
  const target = () => ({ db: appDb(), texts: textOf, ...(me ? { adjudicatorId: me.id } : {}), ...(search ? { searchId: search.id as SearchId } : {}) });
  const decide = (row: AgreementRow, choice: AdjudicationChoice) => {
    setEditing(null);
    enqueue(async () => {
      await applyAdjudication(target(), planAdjudication(row, choice, adjudicationContext(row)));
      return t('agr.decided');
    });
  };
  const agreementPlan = useMemo(
    () => (result ? planAgreements(result.rows, { unit: choices.unit, fragment: (id) => fragmentOf.get(id), codes: codes.map((c) => c.id) }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [result, fragmentOf],
  );
  const takeAgreements = () =>
    enqueue(async () => {
      if (!agreementPlan) return '';
      const r = await applyAdjudication(target(), agreementPlan);
      return t('agr.tookAgreements', { n: r.added });
    });

  const exportCsv = () => {
    if (!result || !tableContext) return;
    const file = `agreement-${choices.unit}-disagreements.csv`;
    downloadFile(file, typedTableToCsv(disagreementTable(result, tableContext, shownRows), { separator: lang === 'nl' ? ';' : ',' }), 'text/csv;charset=utf-8');
    setStatus({ text: t('agr.saved', { file }) });
  };
  const exportXlsx = () =>
    enqueue(async () => {
      if (!result || !tableContext) return '';
      const file = `agreement-${choices.unit}.xlsx`;
      const summaryContext = { ...tableContext, coderNames: names };
      const all = allResult && everyone ? [{ ...agreementSummaryTable(allResult, summaryContext), name: t('agr.allCodersSheet', { n: everyone.length }) }] : [];
      const bytes = await tablesToXlsx([agreementSummaryTable(result, summaryContext), ...all, confusionTable(result, summaryContext), disagreementTable(result, tableContext, shownRows)]);
      downloadFile(file, bytes, XLSX_MIME);
      return t('agr.saved', { file });
    });

  if (!docs || !texts || !fragments || !coders || !codebook || !searches) return <p>{t('common.loading')}</p>;

  const valueText = (v: CoderValue | undefined) => {
    if (!v || v.state === 'not-coded') return t('agr.value.notCoded');
    if (v.state === 'dismissed') return t('agr.value.dismissed');
    return v.codes.length === 0 ? t('agr.value.mere') : v.codes.map(codeName).join(' + ');
  };
  const valueChips = (v: CoderValue | undefined) => {
    if (v?.state === 'coded' && v.codes.length > 0) {
      return (
        <span className="agr-value">
          {v.codes.map((id) => {
            const code = codes.find((c) => c.id === id);
            return (
              <span key={id} className="agr-code">
                {code && <CodeSwatch code={code} />} {codeName(id)}
              </span>
            );
          })}
        </span>
      );
    }
    return <span className={`agr-value muted${v?.state === 'dismissed' ? ' dismissed' : ''}`}>{valueText(v)}</span>;
  };
  const num = (x: number | null, digits: number) => (x === null ? '–' : x.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const undefinedTitle = (s: AgreementSummary, which: 'kappa' | 'alpha') => {
    const because = which === 'alpha' ? s.alpha.undefinedBecause : (s.cohen ?? s.fleiss).undefinedBecause;
    return because ? t(`agr.undef.${because}`) : undefined;
  };
  const measureCells = (s: AgreementSummary) => (
    <>
      <td className="num">{s.percent.percent === null ? '–' : `${num(s.percent.percent, 1)}%`}</td>
      <td className="num" title={undefinedTitle(s, 'kappa')}>{num(headlineKappa(s), 3)}</td>
      <td className="num" title={undefinedTitle(s, 'alpha')}>{num(s.alpha.alpha, 3)}</td>
    </>
  );
  const summaryTable = (res: AgreementResult, unitz: typeof unitizing, className: string, caption: string, kappaLabel: string) => (
    <table className={className}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('agr.col.regime')}</th>
          <th scope="col" className="num">{t('agr.col.n')}</th>
          <th scope="col" className="num">{t('agr.col.percent')}</th>
          <th scope="col" className="num">{kappaLabel}</th>
          <th scope="col" className="num">{t('agr.col.alpha')}</th>
          <th scope="col" className="num" title={t('agr.col.unitizingHint')}>{t('agr.col.unitizing')}</th>
        </tr>
      </thead>
      <tbody>
        <tr className="overall">
          <th scope="row">{t('agr.all')}</th>
          <td className="num">{res.units}</td>
          {measureCells(res.overall)}
          <td className="num">{num(unitz?.alpha ?? null, 3)}</td>
        </tr>
        {res.byCode.map((c) => {
          const code = codes.find((x) => x.id === c.code);
          return (
            <tr key={c.code}>
              <th scope="row">
                {code && <CodeSwatch code={code} />} {codeName(c.code)}
              </th>
              <td className="num">{c.n}</td>
              {measureCells(c.summary)}
              <td className="num">{num(unitz?.byCategory.get(c.code)?.alpha ?? null, 3)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  const decidedCount = disagreements.filter((r) => r.values[2] && r.values[2].state !== 'not-coded').length;

  return (
    <div className="agreement">
      <section className="panel" aria-labelledby="agr-h">
        <h1 id="agr-h">{t('agr.title')}</h1>
        <p className="hint">{t('agr.intro')}</p>
        <fieldset className="agr-choices">
          <legend>{t('agr.choices')}</legend>
          <div className="row">
            {(['coderA', 'coderB'] as const).map((which) => (
              <label key={which} className="field">
                <span>{t(which === 'coderA' ? 'agr.coderA' : 'agr.coderB')}</span>
                <select value={(which === 'coderA' ? coderA : coderB)?.id ?? ''} onChange={(e) => setChoices({ [which]: e.target.value })}>
                  {coding.map((c) => (
                    <option key={c.id} value={c.id}>
                      {coderName(c)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <label className="field">
              <span>{t('agr.unit')}</span>
              <select value={choices.unit} onChange={(e) => setChoices({ unit: e.target.value as AgreementChoices['unit'] })}>
                {AGREEMENT_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(UNIT_LABEL[u])}
                  </option>
                ))}
              </select>
            </label>
            {choices.unit === 'hit' && (
              <label className="field">
                <span>{t('agr.search')}</span>
                <select value={search?.id ?? ''} onChange={(e) => setChoices({ searchId: e.target.value })}>
                  {!search && <option value="">{t('agr.searchNone')}</option>}
                  {searches.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="field">
              <span>{t('agr.notCoded')}</span>
              <select value={choices.notCoded} onChange={(e) => setChoices({ notCoded: e.target.value as AgreementChoices['notCoded'] })}>
                <option value="value">{t('agr.notCoded.value')}</option>
                <option value="missing">{t('agr.notCoded.missing')}</option>
              </select>
            </label>
          </div>
          <p className="hint">{t('agr.level')}</p>
        </fieldset>
        {coding.length < 2 ? (
          <p role="status">{t('agr.needTwo')}</p>
        ) : coderA?.id === coderB?.id ? (
          <p role="status">{t('agr.sameCoder')}</p>
        ) : choices.unit === 'hit' && !search ? (
          <p role="status">{t('agr.needSearch')}</p>
        ) : choices.unit === 'hit' && hits.key === searchKey && hits.error ? (
          <p role="alert">{hits.error}</p>
        ) : !result ? (
          <p role="status">{t('agr.finding')}</p>
        ) : (
          <p role="status" className="agr-status">
            {t('agr.units', { n: result.units, d: disagreements.reduce((n, r) => n + r.weight, 0) })}
          </p>
        )}
      </section>

      {result && (
        <>
          <section className="panel" aria-labelledby="agr-summary-h">
            <h2 id="agr-summary-h">{t('agr.summary')}</h2>
            <div className="table-scroll">
              {summaryTable(result, unitizing, 'agr-summary', t('agr.summary'), t('agr.col.kappa'))}
            </div>
            <p className="hint">{t('agr.summaryExplain')}</p>

            <h3 id="agr-confusion-h">{t('agr.confusion')}</h3>
            <div className="table-scroll">
              <table className="agr-confusion" aria-labelledby="agr-confusion-h">
                <caption>{t('agr.confusionCaption', { a: names[0]!, b: names[1]! })}</caption>
                <thead>
                  <tr>
                    <td />
                    {result.confusion.values.map((key) => (
                      <th scope="col" key={String(key)}>
                        {valueText(valueFromKey(String(key)))}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.confusion.counts.map((row, i) => (
                    <tr key={String(result.confusion.values[i])}>
                      <th scope="row">{valueText(valueFromKey(String(result.confusion.values[i])))}</th>
                      {row.map((n, j) => (
                        <td key={j} className={`num${i === j ? ' diagonal' : ''}${n === 0 ? ' zero' : ''}`}>
                          {n}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {allResult && everyone && (
            <section className="panel" aria-labelledby="agr-all-h">
              <h2 id="agr-all-h">{t('agr.allCoders', { n: everyone.length })}</h2>
              <p className="hint">{t('agr.allCodersIntro', { names: everyone.map((c) => coderName(c)).join(', ') })}</p>
              <div className="table-scroll">{summaryTable(allResult, allUnitizing, 'agr-summary agr-all', t('agr.allCoders', { n: everyone.length }), t('agr.col.fleiss'))}</div>
            </section>
          )}

          <section className="panel" aria-labelledby="agr-dis-h">
            <h2 id="agr-dis-h">{t('agr.disagreements', { n: disagreements.length })}</h2>
            <p className="agr-progress">
              <progress max={disagreements.length || 1} value={decidedCount} aria-label={t('agr.decidedCount', { k: decidedCount, n: disagreements.length })} />{' '}
              {t('agr.decidedCount', { k: decidedCount, n: disagreements.length })}
            </p>
            <div className="row agr-tools">
              <label className="field">
                <span>{t('agr.filterRegime')}</span>
                <select value={choices.regime} onChange={(e) => setChoices({ regime: e.target.value })}>
                  <option value="">{t('agr.filterRegimeAll')}</option>
                  {codes.map((c: Code) => (
                    <option key={c.id} value={c.id}>
                      {local(c.name)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('agr.filterDocument')}</span>
                <select value={choices.documentId} onChange={(e) => setChoices({ documentId: e.target.value })}>
                  <option value="">{t('agr.filterDocumentAll')}</option>
                  {docs.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={exportCsv} disabled={shownRows.length === 0}>
                {t('agr.exportCsv')}
              </button>
              <button type="button" onClick={exportXlsx}>
                {t('agr.exportXlsx')}
              </button>
              <button type="button" onClick={takeAgreements} disabled={!agreementPlan || agreementPlan.add.length + agreementPlan.dismiss.length === 0}>
                {t('agr.takeAgreements', { n: agreementPlan ? agreementPlan.add.length + agreementPlan.dismiss.length : 0 })}
              </button>
            </div>
            {status && (
              <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error' : 'agr-note'}>
                {status.text}
              </p>
            )}
            {shownRows.length === 0 ? (
              <p className="hint">{t('agr.noDisagreements')}</p>
            ) : (
              <div className="table-scroll">
                <table className="agr-disagreements">
                  <caption className="sr-only">{t('agr.disagreements', { n: shownRows.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agr.col.unit')}</th>
                      <th scope="col">{names[0]}</th>
                      <th scope="col">{names[1]}</th>
                      <th scope="col">{t('agr.col.consensus')}</th>
                      <th scope="col">{t('agr.col.decide')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownRows.slice(0, limit).map((row) => {
                      const key = `${row.documentId}:${row.start}:${row.end}`;
                      const doc = docs.find((d) => d.id === row.documentId);
                      const text = textOf.get(row.documentId) ?? '';
                      const page = doc ? pageAt(doc.pages, row.start)?.label : undefined;
                      const quote = (c: number) => (row.fragmentIds[c] ?? []).map((id) => fragmentOf.get(id)?.anchor.exact ?? '').filter(Boolean).join(' … ');
                      return (
                        <tr key={key} data-unit={key}>
                          <td className="agr-unit">
                            <div className="agr-where">
                              {doc?.title}
                              {page && <span className="muted"> · {t('agr.page', { page })}</span>}
                            </div>
                            <UnitText text={text} start={row.start} end={row.end} unit={choices.unit} />
                            <a className="agr-open" href={routeHash({ screen: 'reader', documentId: row.documentId, start: row.start, end: row.end })}>
                              {t('agr.open')}
                            </a>
                          </td>
                          {[0, 1].map((c) => (
                            <td key={c} className="agr-coder">
                              {valueChips(row.values[c])}
                              {quote(c) && <q className="agr-quote">{quote(c)}</q>}
                            </td>
                          ))}
                          <td className="agr-consensus">{row.values[2]?.state === 'not-coded' ? <span className="muted">{t('agr.undecided')}</span> : valueChips(row.values[2])}</td>
                          <td className="agr-decide">
                            <div className="agr-buttons" role="group" aria-label={t('agr.col.decide')}>
                              <button type="button" onClick={() => decide(row, { take: 'a' })}>
                                {t('agr.take', { name: names[0]! })}
                              </button>
                              <button type="button" onClick={() => decide(row, { take: 'b' })}>
                                {t('agr.take', { name: names[1]! })}
                              </button>
                              <button type="button" onClick={() => decide(row, { take: 'both' })}>
                                {t('agr.takeBoth')}
                              </button>
                              <button type="button" aria-expanded={editing === key} onClick={() => setEditing(editing === key ? null : key)}>
                                {t('agr.edit')}
                              </button>
                            </div>
                            {editing === key && (
                              <ConsensusEditor
                                codes={codes}
                                local={local}
                                initial={[row.values[0], row.values[1]].flatMap((v) => (v?.state === 'coded' ? v.codes : []))}
                                canDismiss={choices.unit === 'hit'}
                                onSave={(chosen) => decide(row, { edit: 'codes', codes: chosen })}
                                onDismiss={() => decide(row, { edit: 'dismiss' })}
                                onCancel={() => setEditing(null)}
                              />
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {shownRows.length > limit && (
              <p>
                {t('agr.shown', { n: limit, total: shownRows.length })}{' '}
                <button type="button" onClick={() => setLimit(limit + PAGE)}>
                  {t('list.more', { n: Math.min(PAGE, shownRows.length - limit) })}
                </button>
              </p>
            )}
            <p className="hint">{t('agr.consensusNote')}</p>
          </section>
        </>
      )}
    </div>
  );
}

/** The unit's text: a hit with some context around it, a sentence, or a run of characters (shortened). */
function UnitText(props: { text: string; start: number; end: number; unit: AgreementChoices['unit'] }) {
  const { text, start, end } = props;
  if (props.unit === 'hit') {
    const left = text.slice(Math.max(0, start - 60), start).replace(/\s+/g, ' ');
    const right = text.slice(end, end + 60).replace(/\s+/g, ' ');
    return (
      <p className="agr-kwic">
        …{left}
        <mark>{text.slice(start, end)}</mark>
        {right}…
      </p>
    );
  }
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  return <p className="agr-kwic">{body.length > 400 ? `${body.slice(0, 400)}…` : body}</p>;
}

/** The "edit" form of a disagreement: the regimes the consensus gets (none: a mere statement), or a dismissal. */
function ConsensusEditor(props: {
  codes: readonly Code[];
  local: (text: Code['name']) => string;
  initial: readonly string[];
  canDismiss: boolean;
  onSave: (codes: string[]) => void;
  onDismiss: () => void;
  onCancel: () => void;
}) {
  const { t } = useLang();
  const [chosen, setChosen] = useState<string[]>(() => [...new Set(props.initial)]);
  return (
    <fieldset className="agr-editor">
      <legend>{t('agr.editLegend')}</legend>
      <div className="agr-editor-codes">
        {props.codes.map((c) => (
          <label key={c.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
            />
            <CodeSwatch code={c} /> {props.local(c.name)}
          </label>
        ))}
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => props.onSave(chosen)}>
          {t('agr.saveConsensus')}
        </button>
        {props.canDismiss && (
          <button type="button" onClick={props.onDismiss}>
            {t('agr.dismiss')}
          </button>
        )}
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
