/**
 * Agreement results as tables and JSON: the per-regime summary, the disagreement table (each
 * coder's regimes and quote side by side) and the confusion matrix, in Dutch or English. The
 * app's CSV/XLSX export and `worthmark agreement` write the same tables.
 *
 * A coder's value reads as the regime names joined with " + ", or "mere statement", "not coded",
 * "dismissed". A quote is the text of the coder's fragment(s) behind the value (several joined
 * with " … "); the unit's own text is the hit, sentence or run of characters.
 */
import type { LocalText } from '../model/codebook.ts';
import { pageAt, type Page } from '../model/document.ts';
import { headlineKappa, type AgreementSummary } from '../analysis/agreement.ts';
import { valueFromKey, type AgreementResult, type AgreementRow, type CoderValue } from '../analysis/agreement-units.ts';
import { CELL_LIST_SEPARATOR } from './csv.ts';
import type { Table, TableCell } from './table.ts';

/** What the tables need besides the result: names and texts. */
export interface AgreementTableContext {
  /** Display names of the coders, aligned with the result's coders. */
  coderNames: readonly string[];
  /** Display name of a regime by id. */
  codeName: (id: string) => string;
  documents: ReadonlyMap<string, { title: string; text: string; pages: readonly Page[] }>;
  /** The exact text of a fragment by id (for quotes). */
  quote: (fragmentId: string) => string | undefined;
  lang: keyof LocalText;
}

const LABELS: Record<keyof LocalText, Record<string, string>> = {
  en: {
    mere: 'mere statement',
    notCoded: 'not coded',
    dismissed: 'dismissed',
    regime: 'regime',
    all: 'all regimes (whole value)',
    n: 'n',
    percent: 'agreement %',
    kappa: 'kappa',
    alpha: 'alpha',
    units: 'units',
    document: 'document',
    page: 'page',
    start: 'start',
    end: 'end',
    text: 'unit text',
    value: 'regimes',
    quote: 'quote',
    summary: 'Agreement per regime',
    disagreements: 'Disagreements',
    confusion: 'Confusion matrix',
  },
  nl: {
    mere: 'louter vermelding',
    notCoded: 'niet gecodeerd',
    dismissed: 'afgewezen',
    regime: 'regime',
    all: 'alle regimes (hele waarde)',
    n: 'n',
    percent: 'overeenstemming %',
    kappa: 'kappa',
    alpha: 'alfa',
    units: 'eenheden',
    document: 'document',
    page: 'pagina',
    start: 'begin',
    end: 'eind',
    text: 'tekst van de eenheid',
    value: 'regimes',
    quote: 'citaat',
    summary: 'Overeenstemming per regime',
    disagreements: 'Verschillen',
    confusion: 'Kruistabel',
  },
};

/** A coder's value in words. */
export function valueLabel(v: CoderValue, codeName: (id: string) => string, lang: keyof LocalText = 'en'): string {
  const l = LABELS[lang];
  if (v.state === 'not-coded') return l.notCoded!;
  if (v.state === 'dismissed') return l.dismissed!;
  return v.codes.length === 0 ? l.mere! : v.codes.map(codeName).join(CELL_LIST_SEPARATOR);
}

/** The quote behind a coder's value on a row: their fragments' texts. */
export function rowQuote(row: AgreementRow, coder: number, ctx: Pick<AgreementTableContext, 'quote'>): string {
  return (row.fragmentIds[coder] ?? []).map((id) => ctx.quote(id) ?? '').filter((q) => q !== '').join(' … ');
}

/** The text of a row's unit (the hit, the sentence, the run of characters). */
export function rowText(row: AgreementRow, ctx: Pick<AgreementTableContext, 'documents'>): string {
  return ctx.documents.get(row.documentId)?.text.slice(row.start, row.end) ?? '';
}

/** The page label of a row, or null. */
export function rowPageLabel(row: AgreementRow, ctx: Pick<AgreementTableContext, 'documents'>): string | null {
  const doc = ctx.documents.get(row.documentId);
  return doc ? (pageAt(doc.pages, row.start)?.label ?? null) : null;
}

function measures(s: AgreementSummary): TableCell[] {
  return [s.percent.percent, headlineKappa(s), s.alpha.alpha];
}

/** The per-regime summary: a first row for the whole value, then one per regime (n, %, κ, α). */
export function agreementSummaryTable(result: AgreementResult, ctx: AgreementTableContext): Table {
  const l = LABELS[ctx.lang];
  return {
    name: l.summary!,
    columns: [
      { header: l.regime!, type: 'text' },
      { header: l.n!, type: 'integer' },
      { header: l.percent!, type: 'percent' },
      { header: l.kappa!, type: 'decimal' },
      { header: l.alpha!, type: 'decimal' },
    ],
    rows: [[l.all!, result.units, ...measures(result.overall)], ...result.byCode.map((c) => [ctx.codeName(c.code), c.n, ...measures(c.summary)])],
    summaryRows: [0],
  };
}

/** The disagreement table: the unit, then each coder's regimes and quote. `rows` defaults to every disagreeing row. */
export function disagreementTable(result: AgreementResult, ctx: AgreementTableContext, rows?: readonly AgreementRow[]): Table {
  const l = LABELS[ctx.lang];
  const list = rows ?? result.rows.filter((r) => r.disagrees);
  return {
    name: l.disagreements!,
    columns: [
      { header: l.document!, type: 'text' },
      { header: l.page!, type: 'text' },
      { header: l.start!, type: 'integer' },
      { header: l.end!, type: 'integer' },
      { header: l.text!, type: 'text' },
      ...ctx.coderNames.flatMap((name) => [
        { header: `${name}: ${l.value}`, type: 'text' as const },
        { header: `${name}: ${l.quote}`, type: 'text' as const },
      ]),
    ],
    rows: list.map((row) => [
      ctx.documents.get(row.documentId)?.title ?? row.documentId,
      rowPageLabel(row, ctx),
      row.start,
      row.end,
      rowText(row, ctx),
      ...row.values.flatMap((v, c) => [valueLabel(v, ctx.codeName, ctx.lang), rowQuote(row, c, ctx)]),
    ]),
  };
}

/** The confusion matrix of the first two coders: rows the first coder's values, columns the second's. */
export function confusionTable(result: AgreementResult, ctx: AgreementTableContext): Table {
  const l = LABELS[ctx.lang];
  const labels = result.confusion.values.map((key) => valueLabel(valueFromKey(String(key)), ctx.codeName, ctx.lang));
  return {
    name: l.confusion!,
    columns: [
      { header: `${ctx.coderNames[0] ?? ''} \\ ${ctx.coderNames[1] ?? ''}`, type: 'text' },
      ...labels.map((header) => ({ header, type: 'integer' as const })),
    ],
    rows: result.confusion.counts.map((row, i) => [labels[i]!, ...row]),
  };
}

/** The JSON `worthmark agreement --project … --format json` prints (see the CLI's help). */
export function agreementToJson(result: AgreementResult, ctx: AgreementTableContext): unknown {
  const headline = (s: AgreementSummary) => ({ percent: s.percent.percent, kappa: headlineKappa(s), alpha: s.alpha.alpha });
  const byCode: Record<string, unknown> = {};
  for (const c of result.byCode) byCode[ctx.codeName(c.code)] = { n: c.n, ...headline(c.summary) };
  return {
    unit: result.unit,
    coders: [...ctx.coderNames],
    units: result.units,
    overall: headline(result.overall),
    byCode,
    disagreements: result.rows
      .filter((r) => r.disagrees)
      .map((row) => ({
        document: ctx.documents.get(row.documentId)?.title ?? row.documentId,
        page: rowPageLabel(row, ctx),
        start: row.start,
        end: row.end,
        text: rowText(row, ctx),
        coders: row.values.map((v, c) => ({
          coder: ctx.coderNames[c],
          state: v.state,
          regimes: v.state === 'coded' ? v.codes.map(ctx.codeName) : [],
          value: valueLabel(v, ctx.codeName, ctx.lang),
          quote: rowQuote(row, c, ctx),
        })),
      })),
  };
}
