/**
 * The codings plugin: highlights of coded fragments.
 *
 * How a fragment looks (the policy for telling codes and fragments apart):
 * - each fragment is its own `<span class="wm-fragment" data-fragment-id>` (decoration
 *   `nodeName`), so overlapping fragments nest instead of merging and their translucent
 *   tints add up: an overlap reads darker;
 * - the tint shows every code's colour as horizontal bands, and under the text one 3px
 *   stripe per code is stacked; a fragment that overlaps another gets the next "lane",
 *   whose stripes sit lower, so an overlap shows two separate sets of underlines;
 * - a badge widget at the fragment's start shows the code keys ("3·5"): a second channel
 *   next to colour for readers who cannot tell the colours apart;
 * - tint and stripes come from a class per distinct look (a rule in a style element the
 *   plugin keeps in the page), not an inline style per span.
 *
 * Decorations are built when the data is set and otherwise mapped through transactions.
 * setCodings compares the new list with the shown one by id and redraws only the fragments
 * that changed (a full rebuild when many did), so the UI may pass its whole live list after
 * every coding action; updateCoding / removeCoding / setActiveCoding change one directly.
 */
import type { EditorState, Transaction } from 'prosemirror-state';
import { Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import { Decoration, DecorationSet, type DecorationAttrs, type EditorView } from 'prosemirror-view';
import { OffsetMap, rangeToPositions } from './offsets.ts';

/** One fragment as the reader shows it; offsets are UTF-16 offsets into the normalised text. */
export interface CodingHighlight {
  id: string;
  start: number;
  end: number;
  /** CSS colours (#rrggbb) of the fragment's codes, in order; empty for an uncoded fragment. */
  colors: string[];
  /** Shortcut keys of the same codes, shown on the badge. */
  keys: string[];
  /** The fragment the user is working on (shown stronger). */
  active?: boolean;
  /** Accessible description for the badge (e.g. code names); defaults to the keys. */
  label?: string;
  /** Shown on the badge before the keys: e.g. the coder's initials and a review mark ("AV ✓"). */
  mark?: string;
}

/** Options of the codings plugin. */
export interface CodingsOptions {
  /** Fragments shown from the start, so a document opens with its codings in one step. */
  items?: readonly CodingHighlight[];
  /**
   * Draw only the fragments within reach of what the view shows (the visible text and a margin
   * around it), following scrolling; without a view, the start of the text. Off: all.
   */
  viewport?: boolean;
}

/** A range of the text (UTF-16 offsets) whose fragments are drawn. */
export interface CodingsWindow {
  start: number;
  end: number;
}

/** The plugin's state: the fragments by id, their lanes, and the decorations of those drawn. */
export interface CodingsState {
  readonly items: ReadonlyMap<string, CodingHighlight>;
  /** Each fragment's overlap lane (kept for fragments that are not drawn too). */
  readonly lanes: ReadonlyMap<string, number>;
  /** Fragments overlapping this range are drawn; null: all. */
  readonly window: CodingsWindow | null;
  readonly decorations: DecorationSet;
}

/** What a decoration made by this plugin carries in its spec. */
export interface CodingDecorationSpec {
  kind: 'fragment' | 'badge';
  id: string;
  /** Overlap lane: 0 unless the fragment overlaps fragments that start earlier. */
  lane: number;
}

type CodingOp =
  | { type: 'set'; items: readonly CodingHighlight[] }
  | { type: 'update'; item: CodingHighlight }
  | { type: 'remove'; id: string }
  | { type: 'active'; id: string | null }
  | { type: 'window'; window: CodingsWindow | null };

const codingsKey = new PluginKey<CodingsState>('wm-codings');

/** Stripe height under the text, px. */
const STRIPE = 3;
/** How much lower each further lane's stripes sit, px (room for two stripes and a gap). */
const LANE_STEP = 7;
/** Lanes beyond this are drawn at this depth: deeper stripes would run into the next line. */
const MAX_VISUAL_LANE = 2;
/** Tint opacity; 0.4 over white keeps dark text above 4.5:1 for any code colour. */
const TINT_ALPHA = 0.2;
const ACTIVE_TINT_ALPHA = 0.4;
/** Stripe colour of a fragment without codes. */
const UNCODED_COLOR = '#6b6b6b';

/** A translucent version of a CSS colour. */
function tint(color: string, alpha: number): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) {
    return color + Math.round(alpha * 255).toString(16).padStart(2, '0');
  }
  return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
}

/**
 * The inline style of a fragment. The tint (one band per colour) fills the text box only;
 * the stripes sit in padding under the text: lane 0 right below it, each further lane
 * LANE_STEP px lower, so nested fragments show separate underlines (inline padding does not
 * change the line layout).
 */
export function fragmentStyle(colors: readonly string[], lane: number, active = false): string {
  const alpha = active ? ACTIVE_TINT_ALPHA : TINT_ALPHA;
  const base = Math.min(lane, MAX_VISUAL_LANE) * LANE_STEP;
  const stripes = colors.length > 0 ? colors : [UNCODED_COLOR];
  const k = stripes.length;
  const layers = stripes.map(
    (c, j) => `linear-gradient(${c}, ${c}) left 0 bottom ${(k - 1 - j) * STRIPE}px / 100% ${STRIPE}px no-repeat border-box`,
  );
  if (colors.length === 1) {
    const t = tint(colors[0]!, alpha);
    layers.push(`linear-gradient(${t}, ${t}) content-box`);
  } else if (colors.length > 1) {
    const step = 100 / colors.length;
    const bands = colors.map((c, j) => {
      const t = tint(c, alpha);
      return `${t} ${(j * step).toFixed(2)}%, ${t} ${((j + 1) * step).toFixed(2)}%`;
    });
    layers.push(`linear-gradient(to bottom, ${bands.join(', ')}) content-box`);
  }
  return `padding-bottom: ${base + k * STRIPE}px; background: ${layers.join(', ')}`;
}

/**
 * Looks: each distinct fragment style (its colours, lane and active state) becomes one CSS class
 * with one rule, shared by every fragment that looks so. An inline style per highlight made the
 * browser parse the same gradients again for each of thousands of spans when a document opened
 * (over half of opening a document with 8,000 fragments); a class costs nothing to set.
 */
const looks = new Map<string, string>();
/** The rules of all looks, in the order made (a document's sheet takes those it lacks). */
const lookRules: string[] = [];

/** The class of a look (made, with its rule, on first use). */
function lookClass(style: string): string {
  let cls = looks.get(style);
  if (!cls) {
    cls = `wm-look-${looks.size}`;
    looks.set(style, cls);
    lookRules.push(`.wm-fragment.${cls} { ${style} }`);
  }
  return cls;
}

/** The style (CSS declarations) behind the look class among `className`'s classes, or ''. */
export function lookStyle(className: string | undefined): string {
  const cls = className?.split(' ').find((c) => c.startsWith('wm-look-'));
  if (!cls) return '';
  for (const [style, c] of looks) if (c === cls) return style;
  return '';
}

const sheets = new WeakMap<Document, { element: HTMLStyleElement; count: number }>();

/** Puts the rules of every look made so far into `doc` (one style element, appended to). */
function installLooks(doc: Document): void {
  let sheet = sheets.get(doc);
  if (!sheet) {
    const element = doc.createElement('style');
    element.dataset.wm = 'fragment-looks';
    doc.head.append(element);
    sheet = { element, count: 0 };
    sheets.set(doc, sheet);
  }
  if (sheet.count === lookRules.length) return;
  sheet.element.append(doc.createTextNode(lookRules.slice(sheet.count).join('\n') + '\n'));
  sheet.count = lookRules.length;
}

/** The attributes of a fragment's highlight span: classes only (its look is a shared class). */
export function fragmentAttrs(item: CodingHighlight, lane: number): DecorationAttrs {
  let cls = `wm-fragment ${lookClass(fragmentStyle(item.colors, lane, item.active))}`;
  if (item.colors.length === 0) cls += ' wm-fragment-uncoded';
  if (item.colors.length > 1) cls += ' wm-fragment-multi';
  if (lane > 0) cls += ' wm-fragment-overlap';
  if (item.active) cls += ' wm-fragment-active';
  return {
    nodeName: 'span',
    class: cls,
    'data-fragment-id': item.id,
  };
}

/** The badge text for a fragment's code keys, e.g. "3·5", after its mark when it has one ("AV 3·5"). */
export function badgeText(keys: readonly string[], mark?: string): string {
  const k = keys.filter(Boolean).join('·');
  return mark ? (k ? `${mark} ${k}` : mark) : k;
}

function badgeDom(item: CodingHighlight, view: EditorView): HTMLElement {
  const sup = view.dom.ownerDocument.createElement('sup');
  sup.className = item.active ? 'wm-key wm-key-active' : 'wm-key';
  sup.textContent = badgeText(item.keys, item.mark);
  sup.title = item.label ?? badgeText(item.keys, item.mark);
  sup.dataset.fragmentId = item.id;
  sup.setAttribute('aria-hidden', 'false');
  return sup;
}

function decorationsFor(doc: Node, item: CodingHighlight, lane: number): Decoration[] {
  const map = OffsetMap.of(doc);
  const { from, to } = rangeToPositions(map, item);
  if (to <= from) return [];
  const fragmentSpec: CodingDecorationSpec = { kind: 'fragment', id: item.id, lane };
  const attrs = fragmentAttrs(item, lane);
  // One decoration per block: the view then finds each in its block instead of checking
  // every block against a document-wide decoration.
  const result = map.splitByBlocks(from, to).map((p) => Decoration.inline(p.from, p.to, attrs, fragmentSpec));
  if (badgeText(item.keys, item.mark)) {
    const badgeSpec: CodingDecorationSpec & { key: string; side: number; ignoreSelection: boolean } = {
      kind: 'badge',
      id: item.id,
      lane,
      // The key decides when the view may reuse the badge's DOM: everything it shows.
      key: `wm-key:${item.id}:${item.keys.join('.')}:${item.mark ?? ''}:${item.active ? 1 : 0}:${item.label ?? ''}`,
      // Before the cursor at the fragment's start, outside the highlight span.
      side: -1,
      ignoreSelection: true,
    };
    result.push(Decoration.widget(from, (view) => badgeDom(item, view), badgeSpec));
  }
  return result;
}

/** Assigns each fragment the lowest lane not used by an earlier-starting fragment it overlaps. */
function assignLanes(items: readonly CodingHighlight[]): Map<string, number> {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const item of sorted) {
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = item.end;
    lanes.set(item.id, lane);
  }
  return lanes;
}

/** Whether a fragment overlaps the drawn range (ends touching count: the badge sits at the start). */
function inWindow(item: CodingHighlight, window: CodingsWindow | null): boolean {
  return window === null || (item.end >= window.start && item.start <= window.end);
}

/**
 * Decorations per fragment, kept while the fragment object and its lane are: moving the
 * window draws the same decoration objects again, which the view then recognises as unchanged.
 */
const made = new WeakMap<CodingHighlight, { doc: Node; lane: number; decorations: Decoration[] }>();

function decorationsOf(doc: Node, item: CodingHighlight, lane: number): Decoration[] {
  const cached = made.get(item);
  if (cached && cached.doc === doc && cached.lane === lane) return cached.decorations;
  const decorations = decorationsFor(doc, item, lane);
  made.set(item, { doc, lane, decorations });
  return decorations;
}

/** The decorations of every fragment in the window. */
function drawn(doc: Node, items: ReadonlyMap<string, CodingHighlight>, lanes: ReadonlyMap<string, number>, window: CodingsWindow | null): DecorationSet {
  const decos: Decoration[] = [];
  for (const item of items.values()) if (inWindow(item, window)) decos.push(...decorationsOf(doc, item, lanes.get(item.id) ?? 0));
  return DecorationSet.create(doc, decos);
}

function buildState(doc: Node, items: Iterable<CodingHighlight>, window: CodingsWindow | null): CodingsState {
  const byId = new Map<string, CodingHighlight>();
  for (const item of items) byId.set(item.id, item);
  const lanes = assignLanes([...byId.values()]);
  return { items: byId, lanes, window, decorations: drawn(doc, byId, lanes, window) };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameItem(a: CodingHighlight, b: CodingHighlight): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    !!a.active === !!b.active &&
    a.label === b.label &&
    a.mark === b.mark &&
    sameStrings(a.colors, b.colors) &&
    sameStrings(a.keys, b.keys)
  );
}

/**
 * Above this many changed fragments a full rebuild is cheaper than patching one by one
 * (DecorationSet.create costs about blocks × decorations; a patch about blocks per fragment).
 */
const PATCH_LIMIT = 40;

/**
 * Removes the fragments `removed` and adds or replaces `upserts`, leaving every other
 * fragment's decorations (and so their DOM) untouched. A new fragment takes the lowest lane
 * that no fragment it overlaps uses.
 */
function patch(
  doc: Node,
  state: CodingsState,
  removed: readonly string[],
  upserts: readonly CodingHighlight[],
): CodingsState {
  if (removed.length === 0 && upserts.length === 0) return state;
  const { window } = state;
  const items = new Map(state.items);
  const lanes = new Map(state.lanes);
  const gone = new Set(removed);
  for (const item of upserts) gone.add(item.id);
  for (const id of removed) {
    items.delete(id);
    lanes.delete(id);
  }
  const map = OffsetMap.of(doc);
  // Look for the old decorations of each drawn fragment only within its own range (not through
  // the whole set): a coding action then costs the same with 20 or 2,000 fragments.
  const old: Decoration[] = [];
  for (const id of gone) {
    const shown = state.items.get(id);
    if (!shown || !inWindow(shown, window)) continue; // new, or not drawn: nothing to remove
    const { from, to } = rangeToPositions(map, shown);
    old.push(...state.decorations.find(from, to, (spec) => (spec as Partial<CodingDecorationSpec>).id === id));
  }
  let decorations = old.length > 0 ? state.decorations.remove(old) : state.decorations;
  const added: Decoration[] = [];
  for (const item of upserts) {
    items.set(item.id, item);
    // The lowest lane no other fragment it overlaps uses (drawn or not: one pass over the list).
    const used = new Set<number>();
    for (const other of items.values()) {
      if (other.id !== item.id && other.end > item.start && other.start < item.end) used.add(lanes.get(other.id) ?? 0);
    }
    let lane = 0;
    while (used.has(lane)) lane += 1;
    lanes.set(item.id, lane);
    if (inWindow(item, window)) added.push(...decorationsOf(doc, item, lane));
  }
  if (added.length > 0) decorations = decorations.add(doc, added);
  return { items, lanes, window, decorations };
}

function applyOp(doc: Node, state: CodingsState, op: CodingOp): CodingsState {
  switch (op.type) {
    case 'set': {
      // Usually one fragment changed since the last set (a coding action): patch that one.
      const next = new Map<string, CodingHighlight>();
      for (const item of op.items) next.set(item.id, item);
      const upserts: CodingHighlight[] = [];
      for (const given of next.values()) {
        const old = state.items.get(given.id);
        // An item that does not say whether it is active keeps what is shown (setActiveCoding
        // owns that), so passing the live list after drawing an action redraws nothing.
        const item = given.active === undefined && old?.active ? { ...given, active: true } : given;
        next.set(item.id, item);
        if (!old || !sameItem(old, item)) upserts.push(item);
      }
      const removed = [...state.items.keys()].filter((id) => !next.has(id));
      if (removed.length + upserts.length > PATCH_LIMIT) {
        // Unchanged fragments keep their objects (and so their made decorations).
        const changed = new Set(upserts);
        for (const [id, item] of next) if (!changed.has(item)) next.set(id, state.items.get(id) ?? item);
        return buildState(doc, next.values(), state.window);
      }
      return patch(doc, state, removed, upserts);
    }
    case 'update':
      return patch(doc, state, [], [op.item]);
    case 'remove':
      return state.items.has(op.id) ? patch(doc, state, [op.id], []) : state;
    case 'active': {
      const changes: CodingHighlight[] = [];
      for (const item of state.items.values()) {
        const active = item.id === op.id;
        if (!!item.active !== active) changes.push({ ...item, active });
      }
      return patch(doc, state, [], changes);
    }
    case 'window': {
      const w = op.window;
      if (w === state.window || (w && state.window && w.start === state.window.start && w.end === state.window.end)) return state;
      return { ...state, window: w, decorations: drawn(doc, state.items, state.lanes, w) };
    }
  }
}

/** The least text drawn beyond either edge of the visible text, in characters (a few screens). */
const MIN_MARGIN = 15_000;

/** The text offsets the view shows (within the browser window), or null when none shows. */
function visibleText(view: EditorView): CodingsWindow | null {
  const dom = view.dom as HTMLElement;
  const rect = dom.getBoundingClientRect();
  const height = dom.ownerDocument.defaultView?.innerHeight ?? 0;
  const top = Math.max(rect.top, 0);
  const bottom = Math.min(rect.bottom, height);
  if (bottom <= top || rect.width <= 0) return null;
  const size = view.state.doc.content.size;
  const at = (y: number): number => {
    for (const x of [rect.left + 24, rect.left + rect.width / 2, rect.right - 24]) {
      const found = view.posAtCoords({ left: x, top: y });
      if (found) return found.pos;
    }
    // Between blocks (or in a block the browser has not laid out): where the height puts it.
    return Math.round(((y - rect.top) / Math.max(rect.height, 1)) * size);
  };
  const map = OffsetMap.of(view.state.doc);
  const a = map.toOffset(Math.max(0, Math.min(size, at(top + 1))));
  const b = map.toOffset(Math.max(0, Math.min(size, at(bottom - 1))));
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/**
 * Takes the page's selection into the transaction when ProseMirror has not read it yet (the
 * browser reports a selection with an asynchronous event): a window change redraws blocks, and
 * ProseMirror then puts back the selection it knows, which would drop a selection made just
 * before (e.g. right after a jump); the reader's keys read it the same way (reader-view.ts).
 * `tr.selectionSet` says whether it changed anything.
 */
export function withDomSelection(view: EditorView, tr: Transaction): Transaction {
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel || !sel.anchorNode || !sel.focusNode) return tr;
  if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return tr;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
    head = view.posAtDOM(sel.focusNode, sel.focusOffset);
  } catch {
    return tr; // inside a widget: leave the selection as it is
  }
  const size = tr.doc.content.size;
  if (anchor < 0 || head < 0 || anchor > size || head > size) return tr;
  if (tr.selection.anchor === anchor && tr.selection.head === head) return tr;
  return tr.setSelection(TextSelection.between(tr.doc.resolve(anchor), tr.doc.resolve(head)));
}

/**
 * Moves the drawn window with the view: on scrolling or resizing (once a frame), when the
 * visible text comes within half a margin of the window's edge, the window is set anew around
 * it — a few hundred fragments redrawn at most, whatever the document holds.
 */
class ViewportFollower {
  private frame = 0;
  constructor(private readonly view: EditorView) {
    const doc = view.dom.ownerDocument;
    doc.addEventListener('scroll', this.schedule, { capture: true, passive: true });
    doc.defaultView?.addEventListener('resize', this.schedule);
    this.schedule();
  }

  private readonly schedule = (): void => {
    const win = this.view.dom.ownerDocument.defaultView;
    if (this.frame || !win) return;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      this.follow();
    });
  };

  private follow(): void {
    const { view } = this;
    if (view.isDestroyed) return;
    const current = codingsKey.getState(view.state)?.window;
    if (!current) return;
    const visible = visibleText(view);
    if (!visible) return;
    // The selection as the page has it: a redraw must keep it (see withDomSelection).
    const tr = withDomSelection(view, view.state.tr);
    const map = OffsetMap.of(view.state.doc);
    const selection = { start: map.toOffset(tr.selection.from), end: map.toOffset(tr.selection.to) };
    const margin = Math.max(MIN_MARGIN, 3 * (visible.end - visible.start));
    const length = map.toOffset(view.state.doc.content.size);
    const startNear = current.start > 0 && visible.start - margin / 2 < current.start;
    const endNear = current.end < length && visible.end + margin / 2 > current.end;
    if (!startNear && !endNear) return;
    const window = { start: Math.max(0, visible.start - margin), end: visible.end + margin };
    // A selection being made near the view stays drawn as it is (a long drag keeps its anchor's
    // block); one further away is redrawn, and ProseMirror puts it back from the state.
    if (!tr.selection.empty && selection.start > window.start - 4 * margin && selection.end < window.end + 4 * margin) {
      window.start = Math.max(0, Math.min(window.start, selection.start));
      window.end = Math.max(window.end, selection.end);
    }
    view.dispatch(setCodingsWindow(tr, window));
  }

  destroy(): void {
    const doc = this.view.dom.ownerDocument;
    doc.removeEventListener('scroll', this.schedule, { capture: true });
    doc.defaultView?.removeEventListener('resize', this.schedule);
    if (this.frame) doc.defaultView?.cancelAnimationFrame(this.frame);
  }
}

/** The codings plugin. Create it once per document; change its data with setCodings and friends. */
export function codings(options: CodingsOptions = {}): Plugin<CodingsState> {
  return new Plugin<CodingsState>({
    key: codingsKey,
    state: {
      init: (_config, state) => buildState(state.doc, options.items ?? [], options.viewport ? { start: 0, end: 2 * MIN_MARGIN } : null),
      apply(tr, value, _old, state) {
        const ops = tr.getMeta(codingsKey) as CodingOp[] | undefined;
        // The doc is read-only in the reader; mapping keeps the plugin correct anywhere else.
        let next = tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
        if (ops) for (const op of ops) next = applyOp(state.doc, next, op);
        return next;
      },
    },
    props: {
      decorations: (state) => codingsKey.getState(state)?.decorations,
    },
    // The look rules go into the page in the same task as the spans that use them (before a paint).
    view(view) {
      installLooks(view.dom.ownerDocument);
      const follower = options.viewport ? new ViewportFollower(view) : null;
      return {
        update: (v) => installLooks(v.dom.ownerDocument),
        destroy: () => follower?.destroy(),
      };
    },
  });
}

function addOp(tr: Transaction, op: CodingOp): Transaction {
  const ops = (tr.getMeta(codingsKey) as CodingOp[] | undefined) ?? [];
  return tr.setMeta(codingsKey, [...ops, op]);
}

/**
 * Replaces all shown fragments, redrawing only those that differ from what is shown. An item
 * whose `active` is left undefined keeps the shown active mark (see setActiveCoding).
 */
export function setCodings(tr: Transaction, items: readonly CodingHighlight[]): Transaction {
  return addOp(tr, { type: 'set', items });
}

/** Adds a fragment or replaces the one with the same id, leaving the others' decorations alone. */
export function updateCoding(tr: Transaction, item: CodingHighlight): Transaction {
  return addOp(tr, { type: 'update', item });
}

/** Removes one fragment's highlight. */
export function removeCoding(tr: Transaction, id: string): Transaction {
  return addOp(tr, { type: 'remove', id });
}

/** Marks one fragment as active (null: none), redrawing only the fragments whose state changes. */
export function setActiveCoding(tr: Transaction, id: string | null): Transaction {
  return addOp(tr, { type: 'active', id });
}

/** Draws the fragments overlapping `window` only (null: all); the viewport option moves it with the view. */
export function setCodingsWindow(tr: Transaction, window: CodingsWindow | null): Transaction {
  return addOp(tr, { type: 'window', window });
}

/** The codings plugin's state, if the plugin is installed. */
export function getCodingsState(state: EditorState): CodingsState | undefined {
  return codingsKey.getState(state);
}

/**
 * Ids of the fragments whose highlight covers a document position (ends included),
 * innermost (shortest) first — e.g. for view.posAtCoords of a click.
 */
export function fragmentsAt(state: EditorState, pos: number): string[] {
  const value = codingsKey.getState(state);
  if (!value) return [];
  const map = OffsetMap.of(state.doc);
  const offset = map.toOffset(pos);
  let ids: Set<string>;
  if (value.window === null || (offset >= value.window.start && offset <= value.window.end)) {
    ids = new Set(
      value.decorations
        .find(pos, pos, (spec) => (spec as Partial<CodingDecorationSpec>).kind === 'fragment')
        .map((d) => (d.spec as CodingDecorationSpec).id),
    );
  } else {
    // Not drawn there: the fragments whose range, in positions, covers `pos`.
    ids = new Set();
    for (const item of value.items.values()) {
      const { from, to } = rangeToPositions(map, item);
      if (to > from && from <= pos && pos <= to) ids.add(item.id);
    }
  }
  const length = (id: string) => {
    const item = value.items.get(id);
    return item ? item.end - item.start : 0;
  };
  return [...ids].sort((a, b) => length(a) - length(b) || (value.items.get(b)?.start ?? 0) - (value.items.get(a)?.start ?? 0));
}
