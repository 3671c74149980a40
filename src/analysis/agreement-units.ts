/**
 * Agreement between coders of one project, on the unit the user chooses, with the disagreement
 * table, a summary per regime and the confusion matrix of two coders. Shared by the app's
 * agreement view and `worthmark agreement`.
 *
 * Policy (owned here):
 * - Unit "hit": every hit of the chosen search set is a unit. A coder's value is the set of
 *   regimes of that coder's fragments that overlap the hit (share a character with it, as in the
 *   worklist, text/worklist.ts); fragments without regimes make it "mere statement" (the empty
 *   set). Without such a fragment the value is "dismissed" when a dismissal of that coder overlaps
 *   the hit, else "not coded".
 * - Unit "sentence": every sentence of the documents (text/sentence.ts, the sentence the `s` key
 *   codes); the value is the set of regimes of the coder's fragments overlapping the sentence.
 * - Unit "character": every character of the documents; the value is the set of regimes of the
 *   coder's fragments covering it. Neighbouring characters on which every coder's value is the same
 *   make one row weighted by its length, so the work follows the fragments, not the characters.
 * - "Not coded" is a value of its own by default: leaving a place uncoded disagrees with coding
 *   it. With `notCoded: 'missing'` it is a missing value instead, so only places that two coders
 *   both decided are compared (and a row where one coder is missing is no disagreement).
 * - Overall measures are on the whole value (nominal: "civic + market" and "civic" differ).
 * - Per regime (presence/absence, as NVivo compares per code): a coder's value is 1 when the
 *   regime is in their set, 0 otherwise (including "not coded", unless that is missing, and
 *   "dismissed"); `n` counts the units where at least one coder gave the regime.
 * - Rows are in document order (the order of `documents`), then by position.
 */
import { pageAt, type Page } from '../model/document.ts';
import { splitSentences, type TextRange } from '../text/sentence.ts';
import { confusionMatrix, summarize, type AgreementSummary, type ConfusionMatrix, type ReliabilityData } from './agreement.ts';
import { unitizingAlpha, type UnitizingResult, type UnitizingSegment } from './agreement-unitizing.ts';

/** The unit agreement is measured on. */
export type AgreementUnitKind = 'hit' | 'sentence' | 'character';

/** Every unit kind, in the order offered to users. */
export const AGREEMENT_UNITS: readonly AgreementUnitKind[] = ['hit', 'sentence', 'character'];

/** A coder's value on a unit. */
export type CoderValue = { state: 'coded'; codes: string[] } | { state: 'not-coded' } | { state: 'dismissed' };

/** A document as agreement needs it. */
export interface AgreementDocument {
  id: string;
  title: string;
  text: string;
  pages: readonly Page[];
}

/** A fragment as agreement needs it. */
export interface AgreementFragment {
  id: string;
  documentId: string;
  anchor: { start: number; end: number; exact: string };
  codes: readonly string[];
  coderId: string;
}

/** A dismissed hit (worklist decision) with the coder who dismissed it. */
export interface AgreementDismissal {
  documentId: string;
  start: number;
  end: number;
  coderId?: string;
}

/** A place in a document (a search hit). */
export interface AgreementPlace {
  documentId: string;
  start: number;
  end: number;
}

/** Sentences per document, kept between runs while the document's text is the same string. */
export class SentenceCache {
  private readonly entries = new Map<string, { text: string; sentences: TextRange[] }>();

  /** The sentences of a document, split on first use. */
  get(id: string, text: string): TextRange[] {
    const hit = this.entries.get(id);
    if (hit && hit.text === text) return hit.sentences;
    const sentences = splitSentences(text);
    this.entries.set(id, { text, sentences });
    return sentences;
  }
}

/** What to compare. */
export interface AgreementInput {
  unit: AgreementUnitKind;
  /** The coders to compare, in column order (two or more). */
  coders: readonly string[];
  /**
   * Coders whose values are given beside the compared ones (after them, in each row's values and
   * fragments) but not compared: the consensus, shown next to the two coders it settles.
   */
  alongside?: readonly string[];
  /** The regimes, in display order: per-regime rows and the order of codes within a value. */
  codes: readonly string[];
  /** The documents compared (all chosen ones), with their texts. */
  documents: readonly AgreementDocument[];
  /** Fragments of any coder; those of other coders and other documents are ignored. */
  fragments: readonly AgreementFragment[];
  /** The hits of the chosen search set (unit "hit"). */
  hits?: readonly AgreementPlace[];
  /** Dismissals of the chosen search set (unit "hit"). */
  dismissals?: readonly AgreementDismissal[];
  /** Whom a dismissal without a coder belongs to (a project of one coder); otherwise it is nobody's. */
  unattributedDismissalsBy?: string;
  /** "not coded" as a value (default) or as a missing value. */
  notCoded?: 'value' | 'missing';
  /** Sentences kept between runs (unit "sentence"). */
  sentences?: SentenceCache;
}

/** One unit (or, for characters, a run of units alike). */
export interface AgreementRow {
  documentId: string;
  start: number;
  end: number;
  /** Units this row stands for: 1, or the run's length for characters. */
  weight: number;
  /** Per coder (aligned with `coders`, then `alongside`). */
  values: CoderValue[];
  /** Per coder (as `values`): the fragments behind the value. */
  fragmentIds: string[][];
  /** Whether the compared coders' values differ (missing values aside). */
  disagrees: boolean;
}

/** Measures of one regime's presence/absence. */
export interface RegimeAgreement {
  code: string;
  /** Units where at least one coder gave the regime. */
  n: number;
  summary: AgreementSummary;
}

/** Agreement of a project on one unit. */
export interface AgreementResult {
  unit: AgreementUnitKind;
  coders: string[];
  /** Units compared (characters for the character unit). */
  units: number;
  rows: AgreementRow[];
  overall: AgreementSummary;
  byCode: RegimeAgreement[];
  /** Between the first two coders, over the whole values (`valueKey` labels). */
  confusion: ConfusionMatrix;
}

const NOT_CODED: CoderValue = { state: 'not-coded' };
const DISMISSED: CoderValue = { state: 'dismissed' };

/** Between the codes of a value key: a control character no code id contains. */
const SEPARATOR = '\u001f';

/** A stable key of a value: "n" not coded, "d" dismissed, "c:" + the codes in regime order. */
export function valueKey(v: CoderValue): string {
  return v.state === 'coded' ? `c:${v.codes.join(SEPARATOR)}` : v.state === 'dismissed' ? 'd' : 'n';
}

/** The value a key stands for. */
export function valueFromKey(key: string): CoderValue {
  if (key === 'd') return DISMISSED;
  if (key === 'n') return NOT_CODED;
  const body = key.slice(2);
  return { state: 'coded', codes: body === '' ? [] : body.split(SEPARATOR) };
}

/** Whether a coder's value carries a regime. */
export function hasCode(v: CoderValue, code: string): boolean {
  return v.state === 'coded' && v.codes.includes(code);
}

/**
 * Whether the first `compared` coders of a row (default all) differ on one regime
 * (presence/absence; missing values aside).
 */
export function disagreesOn(row: AgreementRow, code: string, notCoded: 'value' | 'missing' = 'value', compared = row.values.length): boolean {
  let seen: boolean | undefined;
  for (const v of row.values.slice(0, compared)) {
    if (notCoded === 'missing' && v.state === 'not-coded') continue;
    const has = hasCode(v, code);
    if (seen === undefined) seen = has;
    else if (seen !== has) return true;
  }
  return false;
}

/** Orders codes by the regime order, unknown ones after, by id. */
function codeOrder(codes: readonly string[]): (set: Iterable<string>) => string[] {
  const rank = new Map(codes.map((c, i) => [c, i]));
  return (set) =>
    [...set].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Groups items by document, each list sorted by start. */
function byDocument<T>(items: readonly T[], doc: (t: T) => string, start: (t: T) => number): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const key = doc(it);
    const list = map.get(key);
    if (list) list.push(it);
    else map.set(key, [it]);
  }
  for (const list of map.values()) list.sort((a, b) => start(a) - start(b));
  return map;
}

/** The compared coders, then those alongside. */
function allCoders(input: Pick<AgreementInput, 'coders' | 'alongside'>): string[] {
  return [...input.coders, ...(input.alongside ?? [])];
}

/** Per coder index, the coder's fragments grouped by document (sorted by start). */
function fragmentsByCoder(input: AgreementInput): Map<string, AgreementFragment[]>[] {
  const all = allCoders(input);
  const index = new Map(all.map((c, i) => [c, i]));
  const lists: AgreementFragment[][] = all.map(() => []);
  for (const f of input.fragments) {
    const i = index.get(f.coderId);
    if (i !== undefined && f.anchor.end > f.anchor.start) lists[i]!.push(f);
  }
  return lists.map((l) => byDocument(l, (f) => f.documentId, (f) => f.anchor.start));
}

/** The value of a set of covering fragments. */
function coded(fragments: readonly AgreementFragment[], order: (set: Iterable<string>) => string[]): CoderValue {
  if (fragments.length === 0) return NOT_CODED;
  if (fragments.length === 1) return { state: 'coded', codes: order(new Set(fragments[0]!.codes)) };
  const set = new Set<string>();
  for (const f of fragments) for (const c of f.codes) set.add(c);
  return { state: 'coded', codes: order(set) };
}

/** Whether the present values of the first `compared` coders differ. */
function differ(values: readonly CoderValue[], notCoded: 'value' | 'missing', compared: number): boolean {
  let first: string | undefined;
  for (const v of values.slice(0, compared)) {
    if (notCoded === 'missing' && v.state === 'not-coded') continue;
    const key = valueKey(v);
    if (first === undefined) first = key;
    else if (first !== key) return true;
  }
  return false;
}

/**
 * Ranges of `sorted` (by start) overlapping each of `places` (sorted by start): a sweep that
 * keeps the ranges still open, so the work is the ranges plus the overlaps found.
 */
function sweepOverlaps<R>(
  places: readonly { start: number; end: number }[],
  sorted: readonly R[],
  range: (r: R) => { start: number; end: number },
  found: (placeIndex: number, overlapping: R[]) => void,
): void {
  let next = 0;
  let open: R[] = [];
  for (let p = 0; p < places.length; p++) {
    const place = places[p]!;
    while (next < sorted.length && range(sorted[next]!).start < place.end) open.push(sorted[next++]!);
    // Places come by start: a range ending at or before this start overlaps no later place.
    if (open.length > 0) open = open.filter((r) => range(r).end > place.start);
    const hits = open.filter((r) => range(r).start < place.end);
    found(p, hits);
  }
}

function hitRows(input: AgreementInput, order: (set: Iterable<string>) => string[]): AgreementRow[] {
  const byCoder = fragmentsByCoder(input);
  const coders = allCoders(input);
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const dismissalsByCoder: AgreementDismissal[][] = coders.map(() => []);
  for (const d of input.dismissals ?? []) {
    const i = coderIndex.get(d.coderId ?? input.unattributedDismissalsBy ?? '');
    if (i !== undefined) dismissalsByCoder[i]!.push(d);
  }
  const dismissals = dismissalsByCoder.map((l) => byDocument(l, (d) => d.documentId, (d) => d.start));
  const hits = byDocument(input.hits ?? [], (h) => h.documentId, (h) => h.start);
  const notCoded = input.notCoded ?? 'value';
  const rows: AgreementRow[] = [];
  for (const doc of input.documents) {
    const places = hits.get(doc.id);
    if (!places) continue;
    const values: CoderValue[][] = places.map(() => []);
    const ids: string[][][] = places.map(() => []);
    coders.forEach((_, c) => {
      sweepOverlaps(places, byCoder[c]!.get(doc.id) ?? [], (f) => f.anchor, (p, frags) => {
        values[p]![c] = coded(frags, order);
        ids[p]![c] = frags.map((f) => f.id);
      });
      sweepOverlaps(places, dismissals[c]!.get(doc.id) ?? [], (d) => d, (p, found) => {
        if (found.length > 0 && values[p]![c]!.state === 'not-coded') values[p]![c] = DISMISSED;
      });
    });
    places.forEach((h, p) => {
      rows.push({ documentId: doc.id, start: h.start, end: h.end, weight: 1, values: values[p]!, fragmentIds: ids[p]!, disagrees: differ(values[p]!, notCoded, input.coders.length) });
    });
  }
  return rows;
}

function sentenceRows(input: AgreementInput, order: (set: Iterable<string>) => string[]): AgreementRow[] {
  const byCoder = fragmentsByCoder(input);
  const cache = input.sentences ?? new SentenceCache();
  const notCoded = input.notCoded ?? 'value';
  const rows: AgreementRow[] = [];
  for (const doc of input.documents) {
    const sentences = cache.get(doc.id, doc.text);
    if (sentences.length === 0) continue;
    const ends = Float64Array.from(sentences, (s) => s.end);
    // Per coder, the fragments overlapping each sentence (sparse).
    const covering: Map<number, AgreementFragment[]>[] = byCoder.map(() => new Map());
    byCoder.forEach((_, c) => {
      for (const f of byCoder[c]!.get(doc.id) ?? []) {
        // First sentence ending after the fragment's start.
        let lo = 0;
        let hi = ends.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ends[mid]! <= f.anchor.start) lo = mid + 1;
          else hi = mid;
        }
        for (let s = lo; s < sentences.length && sentences[s]!.start < f.anchor.end; s++) {
          const list = covering[c]!.get(s);
          if (list) list.push(f);
          else covering[c]!.set(s, [f]);
        }
      }
    });
    sentences.forEach((s, i) => {
      const frags = covering.map((m) => m.get(i) ?? []);
      const values = frags.map((list) => coded(list, order));
      rows.push({ documentId: doc.id, start: s.start, end: s.end, weight: 1, values, fragmentIds: frags.map((l) => l.map((f) => f.id)), disagrees: differ(values, notCoded, input.coders.length) });
    });
  }
  return rows;
}

function characterRows(input: AgreementInput, order: (set: Iterable<string>) => string[]): AgreementRow[] {
  const byCoder = fragmentsByCoder(input);
  const notCoded = input.notCoded ?? 'value';
  const K = byCoder.length;
  const rows: AgreementRow[] = [];
  for (const doc of input.documents) {
    const length = doc.text.length;
    if (length === 0) continue;
    // Boundaries where some coder's covering fragments change: [position, coder, fragment, +1/−1].
    const events: { at: number; coder: number; fragment: AgreementFragment; open: boolean }[] = [];
    for (let c = 0; c < K; c++) {
      for (const f of byCoder[c]!.get(doc.id) ?? []) {
        const start = Math.max(0, Math.min(length, f.anchor.start));
        const end = Math.max(start, Math.min(length, f.anchor.end));
        if (end === start) continue;
        events.push({ at: start, coder: c, fragment: f, open: true }, { at: end, coder: c, fragment: f, open: false });
      }
    }
    events.sort((a, b) => a.at - b.at);
    const active: Set<AgreementFragment>[] = Array.from({ length: K }, () => new Set());
    let pos = 0;
    let e = 0;
    let last: AgreementRow | undefined;
    let lastKeys = '';
    while (pos < length) {
      while (e < events.length && events[e]!.at <= pos) {
        const ev = events[e++]!;
        if (ev.open) active[ev.coder]!.add(ev.fragment);
        else active[ev.coder]!.delete(ev.fragment);
      }
      const to = e < events.length ? Math.min(length, events[e]!.at) : length;
      const values = active.map((set) => coded([...set], order));
      const keys = values.map(valueKey).join('\u0000');
      if (last && keys === lastKeys) {
        last.end = to;
        last.weight += to - pos;
        active.forEach((set, c) => set.forEach((f) => !last!.fragmentIds[c]!.includes(f.id) && last!.fragmentIds[c]!.push(f.id)));
      } else {
        last = { documentId: doc.id, start: pos, end: to, weight: to - pos, values, fragmentIds: active.map((set) => [...set].map((f) => f.id)), disagrees: differ(values, notCoded, input.coders.length) };
        lastKeys = keys;
        rows.push(last);
      }
      pos = to;
    }
  }
  return rows;
}

/** The rows of the chosen unit (see the module header). */
export function agreementRows(input: AgreementInput): AgreementRow[] {
  const order = codeOrder(input.codes);
  if (input.unit === 'hit') return hitRows(input, order);
  if (input.unit === 'sentence') return sentenceRows(input, order);
  return characterRows(input, order);
}

/** Reliability data of rows on the whole value, and per regime on presence. */
function reliability(rows: readonly AgreementRow[], compared: number, cell: (v: CoderValue) => string | number | null): ReliabilityData {
  return { units: rows.map((r) => r.values.slice(0, compared).map(cell)), weights: rows.map((r) => r.weight) };
}

/** Agreement of a project on the chosen unit: rows, overall, per regime, confusion matrix. */
export function computeAgreement(input: AgreementInput): AgreementResult {
  const rows = agreementRows(input);
  return agreementOfRows(input, rows);
}

/** The measures of rows already made (e.g. to recompute after the "not coded" choice changes). */
export function agreementOfRows(input: Pick<AgreementInput, 'unit' | 'coders' | 'codes' | 'notCoded'>, rows: readonly AgreementRow[]): AgreementResult {
  const missing = (input.notCoded ?? 'value') === 'missing';
  const K = input.coders.length;
  const whole = reliability(rows, K, (v) => (missing && v.state === 'not-coded' ? null : valueKey(v)));
  const byCode = input.codes.map((code) => {
    let n = 0;
    for (const r of rows) if (r.values.slice(0, K).some((v) => hasCode(v, code))) n += r.weight;
    const data = reliability(rows, K, (v) => (missing && v.state === 'not-coded' ? null : hasCode(v, code) ? 1 : 0));
    return { code, n, summary: summarize(data) };
  });
  let units = 0;
  for (const r of rows) units += r.weight;
  return {
    unit: input.unit,
    coders: [...input.coders],
    units,
    rows: [...rows],
    overall: summarize(whole),
    byCode,
    confusion: confusionMatrix(whole),
  };
}

/** The page label of a row's start, or undefined without pages. */
export function rowPage(row: Pick<AgreementRow, 'start'>, pages: readonly Page[]): string | undefined {
  return pageAt(pages, row.start)?.label;
}

/**
 * Unitizing α (analysis/agreement-unitizing.ts) of the coders' fragments, per regime and overall:
 * the documents laid end to end as one continuum of characters, each coder's fragments with a
 * regime as that coder's segments of the regime (overlapping or touching fragments of one coder
 * with the same regime joined into one segment, since a coder's segments of one category may not
 * overlap). Unlike the unit measures it compares where fragments begin and end.
 */
export function fragmentUnitizing(input: Pick<AgreementInput, 'coders' | 'documents' | 'fragments'>): UnitizingResult | null {
  const offset = new Map<string, { at: number; length: number }>();
  let length = 0;
  for (const d of input.documents) {
    offset.set(d.id, { at: length, length: d.text.length });
    length += d.text.length;
  }
  if (length === 0 || input.coders.length < 2) return null;
  const coderIndex = new Map(input.coders.map((c, i) => [c, i]));
  // Ranges per coder and regime on the continuum, then joined where they overlap or touch.
  const ranges = new Map<string, [number, number][]>();
  for (const f of input.fragments) {
    const coder = coderIndex.get(f.coderId);
    const doc = offset.get(f.documentId);
    if (coder === undefined || !doc) continue;
    const start = doc.at + Math.max(0, Math.min(doc.length, f.anchor.start));
    const end = doc.at + Math.max(0, Math.min(doc.length, f.anchor.end));
    if (end <= start) continue;
    for (const code of new Set(f.codes)) {
      const key = `${coder}\u0000${code}`;
      const list = ranges.get(key);
      if (list) list.push([start, end]);
      else ranges.set(key, [[start, end]]);
    }
  }
  const segments: UnitizingSegment[] = [];
  for (const [key, list] of ranges) {
    const [coder, category] = [Number(key.slice(0, key.indexOf('\u0000'))), key.slice(key.indexOf('\u0000') + 1)];
    list.sort((a, b) => a[0] - b[0]);
    let [s, e] = list[0]!;
    for (const [a, b] of list.slice(1)) {
      if (a <= e) e = Math.max(e, b);
      else {
        segments.push({ coder, start: s, length: e - s, category });
        [s, e] = [a, b];
      }
    }
    segments.push({ coder, start: s, length: e - s, category });
  }
  const result = unitizingAlpha({ begin: 0, length, coders: input.coders.length, segments });
  return result.ok ? result.value : null;
}
