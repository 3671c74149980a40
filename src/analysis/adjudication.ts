/**
 * Adjudication: turning two coders' codings of a unit into the consensus coding, as a plan of
 * fragments to add and remove (applied by actions/adjudication.ts). Pure.
 *
 * Policy (owned here):
 * - The consensus is a coder of its own kind (model: CONSENSUS_CODER_ID); its fragments are
 *   ordinary fragments, so the tally, charts and exports count them like any coder's.
 * - Deciding a unit replaces whatever the consensus had there: its fragments overlapping the unit
 *   are removed (for a hit: the fragments sharing a character with the hit) and, for a hit, its
 *   dismissal of the hit is lifted.
 * - "Take A" (or B): the consensus gets a copy of each fragment behind that coder's value — same
 *   range, regimes, values within regimes and flags (not the memo, which is the coder's own
 *   note). A coder who left the unit uncoded gives an uncoded consensus; one who dismissed the hit
 *   gives a consensus dismissal.
 * - "Take both": one fragment over the union of both coders' fragments' ranges with the union of
 *   their regimes, values and flags (a compromise, in Boltanski–Thévenot's terms); when only one
 *   coder coded the unit, that coder's coding; when neither did, a dismissal if either dismissed.
 * - "Edit": one fragment with the regimes chosen (none: a mere statement) over the union of the
 *   coders' fragments, or — when neither coded the unit — the unit's default fragment (for a hit
 *   the sentence around it, as the worklist makes); or a dismissal.
 * - Agreements: every unit on which the two coders agree can be taken over at once (their first
 *   coder's fragments), skipping units the consensus already decided and copying each fragment once.
 */
import type { AgreementRow, CoderValue } from './agreement-units.ts';

/** What the adjudicator chose for a unit. */
export type AdjudicationChoice =
  | { take: 'a' }
  | { take: 'b' }
  | { take: 'both' }
  | { edit: 'codes'; codes: readonly string[] }
  | { edit: 'dismiss' }
  | { edit: 'none' };

/** A fragment as adjudication copies it. */
export interface AdjudicationFragment {
  id: string;
  documentId: string;
  anchor: { start: number; end: number };
  codes: readonly string[];
  values?: readonly string[];
  flags: readonly string[];
}

/** A consensus fragment to make: where, and what it carries. */
export interface PlannedFragment {
  documentId: string;
  start: number;
  end: number;
  codes: string[];
  values: string[];
  flags: string[];
  /** The coders' fragments it was taken from. */
  from: string[];
}

/** What to write for one decision (or for all agreements). */
export interface AdjudicationPlan {
  /** Consensus fragments to remove. */
  remove: string[];
  add: PlannedFragment[];
  /** Hits the consensus dismisses. */
  dismiss: { documentId: string; start: number; end: number }[];
  /** Hits whose consensus dismissal is lifted. */
  undismiss: { documentId: string; start: number; end: number }[];
}

/** What a decision needs to know about the unit and the project. */
export interface AdjudicationContext {
  unit: 'hit' | 'sentence' | 'character';
  /** Fragments by id (at least those behind the row's values). */
  fragment: (id: string) => AdjudicationFragment | undefined;
  /** The consensus's fragments of the unit's document. */
  consensusFragments: readonly AdjudicationFragment[];
  /** Regime order, for the codes of a merged fragment. */
  codes: readonly string[];
  /** The range a new fragment gets when no coder's fragment gives one (a hit's sentence). */
  defaultRange: (row: AgreementRow) => { start: number; end: number };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function ordered(codes: readonly string[], set: Iterable<string>): string[] {
  const rank = new Map(codes.map((c, i) => [c, i]));
  return [...new Set(set)].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

function copy(f: AdjudicationFragment): PlannedFragment {
  return { documentId: f.documentId, start: f.anchor.start, end: f.anchor.end, codes: [...f.codes], values: [...(f.values ?? [])], flags: [...f.flags], from: [f.id] };
}

/** The fragments behind coder `c`'s value on a row. */
function behind(row: AgreementRow, c: number, ctx: AdjudicationContext): AdjudicationFragment[] {
  return (row.fragmentIds[c] ?? []).map((id) => ctx.fragment(id)).filter((f): f is AdjudicationFragment => f !== undefined);
}

/** One fragment over the union of `list`'s ranges with the union of what they carry. */
function union(list: readonly AdjudicationFragment[], ctx: AdjudicationContext): PlannedFragment {
  return {
    documentId: list[0]!.documentId,
    start: Math.min(...list.map((f) => f.anchor.start)),
    end: Math.max(...list.map((f) => f.anchor.end)),
    codes: ordered(ctx.codes, list.flatMap((f) => f.codes)),
    values: [...new Set(list.flatMap((f) => f.values ?? []))],
    flags: [...new Set(list.flatMap((f) => f.flags))],
    from: list.map((f) => f.id),
  };
}

/** What the consensus must give up at a unit before its new decision. */
function clearing(row: AgreementRow, ctx: AdjudicationContext): AdjudicationPlan {
  return {
    remove: ctx.consensusFragments.filter((f) => f.documentId === row.documentId && overlaps(f.anchor, row)).map((f) => f.id),
    add: [],
    dismiss: [],
    undismiss: ctx.unit === 'hit' ? [{ documentId: row.documentId, start: row.start, end: row.end }] : [],
  };
}

/** The consensus for one coder's value. */
function takeValue(plan: AdjudicationPlan, row: AgreementRow, value: CoderValue, fragments: readonly AdjudicationFragment[], ctx: AdjudicationContext): AdjudicationPlan {
  if (value.state === 'dismissed' && ctx.unit === 'hit') return { ...plan, dismiss: [{ documentId: row.documentId, start: row.start, end: row.end }], undismiss: [] };
  if (value.state !== 'coded') return plan;
  return { ...plan, add: fragments.map(copy) };
}

/**
 * Plans the consensus for one row of two coders (values 0 and 1 of the row) and a choice. See
 * the module header for the rules.
 */
export function planAdjudication(row: AgreementRow, choice: AdjudicationChoice, ctx: AdjudicationContext): AdjudicationPlan {
  const plan = clearing(row, ctx);
  const [a, b] = [row.values[0]!, row.values[1]!];
  const [fa, fb] = [behind(row, 0, ctx), behind(row, 1, ctx)];
  if ('take' in choice) {
    if (choice.take === 'a') return takeValue(plan, row, a, fa, ctx);
    if (choice.take === 'b') return takeValue(plan, row, b, fb, ctx);
    const coded = [...(a.state === 'coded' ? fa : []), ...(b.state === 'coded' ? fb : [])];
    const unique = [...new Map(coded.map((f) => [f.id, f])).values()];
    if (unique.length > 0) return { ...plan, add: [union(unique, ctx)] };
    return takeValue(plan, row, a.state === 'dismissed' ? a : b, [], ctx);
  }
  if (choice.edit === 'none') return plan;
  if (choice.edit === 'dismiss') return ctx.unit === 'hit' ? { ...plan, dismiss: [{ documentId: row.documentId, start: row.start, end: row.end }], undismiss: [] } : plan;
  const around = [...new Map([...fa, ...fb].map((f) => [f.id, f])).values()];
  const chosen = ordered(ctx.codes, choice.codes);
  if (around.length === 0) {
    const range = ctx.defaultRange(row);
    return { ...plan, add: [{ documentId: row.documentId, start: range.start, end: range.end, codes: chosen, values: [], flags: [], from: [] }] };
  }
  const merged = union(around, ctx);
  // Values within a regime stay where their regime was chosen; flags stay.
  const values = merged.values.filter((v) => chosen.includes(v.slice(0, v.indexOf(':'))));
  return { ...plan, add: [{ ...merged, codes: chosen, values }] };
}

/**
 * Plans taking every agreement over into the consensus: for each row where the two coders agree
 * on a coded value and the consensus has nothing there yet (values[2], when given, is the
 * consensus's value), copies of the first coder's fragments, each once; for a hit both
 * dismissed, a consensus dismissal.
 */
export function planAgreements(rows: readonly AgreementRow[], ctx: Omit<AdjudicationContext, 'consensusFragments' | 'defaultRange'>): AdjudicationPlan {
  const plan: AdjudicationPlan = { remove: [], add: [], dismiss: [], undismiss: [] };
  const copied = new Set<string>();
  for (const row of rows) {
    if (row.disagrees) continue;
    const [a, b, consensus] = row.values;
    if (!a || !b || (consensus && consensus.state !== 'not-coded')) continue;
    if (a.state === 'dismissed' && b.state === 'dismissed' && ctx.unit === 'hit') {
      plan.dismiss.push({ documentId: row.documentId, start: row.start, end: row.end });
      continue;
    }
    if (a.state !== 'coded' || b.state !== 'coded') continue;
    for (const id of row.fragmentIds[0] ?? []) {
      const f = ctx.fragment(id);
      if (!f || copied.has(id)) continue;
      copied.add(id);
      plan.add.push(copy(f));
    }
  }
  return plan;
}
