/**
 * The merge plan: what bringing another project into this one adds, matches and leaves in
 * conflict — computed purely from the two projects' data, applied by actions/merge.ts in one
 * transaction. Every way work comes in is this one merge: another coder's project file, a
 * review file (reviews and their coders only), a .qdpx read into a ProjectBundle.
 *
 * What counts as the same (the policy):
 * - documents: the same normalised text (compared exactly, so no hash collision can join two
 *   documents); failing that, the same original file (`contentHash`, the SHA-256 of its bytes)
 *   whose text came out differently (another extraction): then their fragments are placed on
 *   our text by their quote (text/reanchor-fragments.ts) and any not found are kept as orphans.
 *   A document of theirs whose text was missing (a .qdpx without its source's text file: a
 *   stand-in, text/missing-text.ts, as long as its last passage reaches) is one of ours when
 *   exactly one of our texts holds all its passages and agrees with every quote known of it, at
 *   least one (where several do, the one named as its source, if only one is): its passages then
 *   keep their positions on our text, code point for code point (exchange/reattach-text.ts), as
 *   attaching the text would place them. Without a known quote it stays a document of its own.
 *   The other way round, a document of ours whose text is missing is given their text when the
 *   same holds with the roles changed (`documents.attached`): our document keeps its id, its
 *   passages and decisions move to their positions in that text, and theirs then match by text.
 *   Anything else is a new document, never a duplicate of one we have.
 * - codes: the same id (or an id our codebook keeps as an alias of a merged code), else the
 *   same name in either language (case and surrounding spaces ignored); values within a matched
 *   code and flags likewise. Unmatched codes, values and flags are added to our codebook (a
 *   code with a free shortcut key when its own is taken; none when no key is left).
 * - coders: the same id, or one of our coder's aliases; a coder the user says is them ("this
 *   is me", `MergeOptions.coderMap`) becomes an alias. A coder with the same name and another
 *   id is listed in `coders.sameName`, for the user to decide, and otherwise added as a coder
 *   of their own.
 * - fragments: the same id (ids are random and kept through every merge, so a fragment has one
 *   id in every project it reaches). Their version vectors (model/versions.ts) decide: an older
 *   copy gives way to a newer one; when both sides changed the fragment, ours stays and theirs
 *   is kept as a FragmentConflict for the user to resolve. A fragment we deleted stays deleted
 *   unless they changed it after the version we deleted (a conflict again); a deletion of
 *   theirs reaches us only for the version they deleted, and a fragment brought back here after
 *   their deletion (an undo, a resolved conflict: its vector covers the deletion) stays.
 * - reviews merge without conflicts (model/review.ts: all comments, the status and resolution
 *   set last); saved searches match by id, else by name and terms; worklist decisions by
 *   search, document and range.
 *
 * Applying a plan and then planning the same merge again gives an empty plan: merging a file
 * twice, or a project with itself, changes nothing. Nothing of either side is dropped.
 */
import { freeKeyAmong, RESERVED_KEYS, resolveCode, type Code, type Codebook, type CodeValue, type FlagDefinition, type LocalText } from '../model/codebook.ts';
import { conflictId, type FragmentConflict, type FragmentDeletion } from '../model/conflict.ts';
import type { DocumentText, PolicyDocument } from '../model/document.ts';
import { parseValueRef, valueRef, type Coder, type Fragment } from '../model/fragment.ts';
import type { CodeId, CoderId, DocumentId, FragmentId, SearchId } from '../model/ids.ts';
import { mergeReview, reviewId, sameReview, type Review } from '../model/review.ts';
import { hitDecisionId, type HitDecision, type SavedSearch } from '../model/search.ts';
import { compareVersions, joinVersions } from '../model/versions.ts';
import { reanchorFragments } from '../text/reanchor-fragments.ts';
import { codePointMap, utf16Offsets } from './code-points.ts';
import { hasKnownText, knownMatches } from '../text/missing-text.ts';
import { isSourceFile, planTextAttach, type AttachPlan } from './reattach-text.ts';
import type { TextAnchor } from '../model/fragment.ts';

/**
 * A project, or part of one, as a merge reads it: the current project, another coder's project
 * file (all parts), a review file (`coders` and `reviews` only), a .qdpx read by
 * exchange/qdpx (documents, texts, codebooks, fragments, coders). Parts left out are empty.
 * `ProjectData` (exchange/project-file.ts) is one.
 */
export interface ProjectBundle {
  documents?: readonly PolicyDocument[];
  /** The text of each document in `documents` (a document without its text cannot be placed). */
  texts?: readonly DocumentText[];
  codebooks?: readonly Codebook[];
  fragments?: readonly Fragment[];
  coders?: readonly Coder[];
  reviews?: readonly Review[];
  searches?: readonly SavedSearch[];
  hits?: readonly HitDecision[];
  conflicts?: readonly FragmentConflict[];
  deletions?: readonly FragmentDeletion[];
}

/** Choices and context of one merge. */
export interface MergeOptions {
  /** Where the incoming project came from (a file name), recorded on conflicts and in the codebook log. */
  source: string;
  /** The time of the merge (ISO 8601). */
  now: string;
  /** Incoming coder id → our coder id, for the coders the user said are one person ("this is me"). */
  coderMap?: Readonly<Record<string, string>>;
  /** The codebook new codes and flags go to (the one in use); default our first codebook. */
  targetCodebookId?: string;
  /** Who merges, for the codebook's change log. */
  mergerId?: string;
  /** Makes an id for a new document whose own id we already use for another document; default crypto.randomUUID. */
  newId?: () => string;
}

/** How an incoming document was matched. */
export type DocumentMatchKind = 'text' | 'file' | 'position' | 'attached';

/** An incoming document that is one of ours. */
export interface DocumentMatch {
  incomingId: string;
  localId: DocumentId;
  /**
   * 'text': the same text; 'file': the same original file with another text (fragments placed by
   * quote); 'position': their copy's text was missing, its passages kept their code-point positions on ours;
   * 'attached': our copy's text was missing and is now theirs (see `TextAttachment`).
   */
  by: DocumentMatchKind;
  title: string;
}

/** A document of ours whose text was missing, given the text of an incoming document that is the same source. */
export interface TextAttachment {
  incomingId: string;
  localId: DocumentId;
  title: string;
  /** Ours with that text's pages and report, no longer missing its text (`textAttached` says when and from what). */
  document: PolicyDocument;
  text: DocumentText;
  /** Our fragments on it, anchored in the attached text (their versions unchanged: no coder changed them). */
  fragments: Fragment[];
  /** Our worklist decisions on it, moved to the attached text (their old ids removed). */
  hits: { remove: string[]; put: HitDecision[] };
}

/** An incoming document we do not have, to store (with `id` possibly new when theirs was taken). */
export interface DocumentAddition {
  incomingId: string;
  document: PolicyDocument;
  text: DocumentText;
}

/** How an incoming code, value or flag was matched. */
export type NameMatchKind = 'id' | 'name' | 'added';

/** What became of an incoming code. */
export interface CodeMatch {
  incomingId: string;
  localId: CodeId;
  by: NameMatchKind;
  /** The incoming code's name. */
  name: LocalText;
}

/** What became of an incoming value (`codeId:valueId` references on both sides). */
export interface ValueMatch {
  incomingRef: string;
  localRef: string;
  by: NameMatchKind;
  name: LocalText;
}

/** What became of an incoming flag. */
export interface FlagMatch {
  incomingId: string;
  localId: string;
  by: NameMatchKind;
  name: LocalText;
}

/** How an incoming coder was matched. */
export type CoderMatchKind = 'id' | 'alias' | 'chosen';

/** An incoming coder who is one of ours. */
export interface CoderMatch {
  incomingId: string;
  localId: CoderId;
  by: CoderMatchKind;
}

/** An incoming coder with the same name as one of ours but another id: the user may say they are one ("this is me"). */
export interface SameNameCoder {
  incoming: Coder;
  local: Coder;
}

/** A fragment of ours that the incoming project has in a newer version. */
export interface FragmentUpdate {
  before: Fragment;
  after: Fragment;
}

/** A saved search of theirs that is one of ours. */
export interface SearchMatch {
  incomingId: string;
  localId: SearchId;
  by: 'id' | 'name-and-terms';
}

/** Incoming ids → ours, for everything that was matched or added (for callers that map more data, e.g. an import report). */
export interface MergeIdMaps {
  documents: ReadonlyMap<string, DocumentId>;
  codes: ReadonlyMap<string, CodeId>;
  values: ReadonlyMap<string, string>;
  flags: ReadonlyMap<string, string>;
  coders: ReadonlyMap<string, CoderId>;
  searches: ReadonlyMap<string, SearchId>;
}

/** What a merge does. Every id in it is already one of ours (mapped). */
export interface MergePlan {
  documents: { added: DocumentAddition[]; matched: DocumentMatch[]; attached: TextAttachment[] };
  codebooks: {
    /** Our codebooks as they are after the merge (only those that change, or new ones). */
    put: Codebook[];
    codes: CodeMatch[];
    values: ValueMatch[];
    flags: FlagMatch[];
  };
  coders: {
    added: Coder[];
    /** Our coders with new aliases (or a name where ours had none). */
    updated: Coder[];
    matched: CoderMatch[];
    /** Coders added although one of ours has their name: ask the user (then plan again with `coderMap`). */
    sameName: SameNameCoder[];
  };
  fragments: {
    added: Fragment[];
    /** Ours in an older version: replaced by theirs. */
    updated: FragmentUpdate[];
    /** Ours that they deleted (in the version we have). */
    removed: Fragment[];
    /** The same on both sides. */
    unchanged: number;
    /** Ours is newer than theirs: kept. */
    keptOurs: number;
    /** Deleted here in a version at least as new as theirs: stays deleted. */
    stayDeleted: number;
    /** Theirs whose document could not be placed (not in the incoming documents): left out, listed. */
    unplaced: Fragment[];
    /** Theirs placed on our text by their quote (documents matched by file): found elsewhere, and not found (kept as orphans). */
    moved: number;
    orphaned: number;
  };
  /** Deletion records to store (theirs we did not have, or ours with their later version joined in). */
  deletions: FragmentDeletion[];
  /** New conflicts: fragments both sides changed. */
  conflicts: FragmentConflict[];
  reviews: { put: Review[]; added: number; updated: number; unchanged: number };
  searches: { added: SavedSearch[]; matched: SearchMatch[] };
  hits: {
    put: HitDecision[];
    /** Decisions on documents whose text differs from ours (their ranges do not fit): left out. */
    skipped: number;
  };
  ids: MergeIdMaps;
}

/** Whether applying the plan would change nothing. */
export function isEmptyPlan(plan: MergePlan): boolean {
  return (
    plan.documents.added.length === 0 &&
    plan.documents.attached.length === 0 &&
    plan.codebooks.put.length === 0 &&
    plan.coders.added.length === 0 &&
    plan.coders.updated.length === 0 &&
    plan.fragments.added.length === 0 &&
    plan.fragments.updated.length === 0 &&
    plan.fragments.removed.length === 0 &&
    plan.deletions.length === 0 &&
    plan.conflicts.length === 0 &&
    plan.reviews.put.length === 0 &&
    plan.searches.added.length === 0 &&
    plan.hits.put.length === 0
  );
}

/** A name compared without case and surrounding spaces. */
function nameKey(s: string): string {
  return s.trim().toLocaleLowerCase();
}

/** Whether two sets of strings (given as lists) are equal. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x)) && new Set(b).size === set.size;
}

/**
 * Whether two versions of a fragment say the same: place, quote, codes, values and flags (as
 * sets: the order they were given in is not a difference), memo and coder. Times and who
 * changed it last are not compared.
 */
export function sameFragmentContent(a: Fragment, b: Fragment): boolean {
  return (
    a.documentId === b.documentId &&
    a.anchor.start === b.anchor.start &&
    a.anchor.end === b.anchor.end &&
    a.anchor.exact === b.anchor.exact &&
    sameSet(a.codes, b.codes) &&
    sameSet(a.values ?? [], b.values ?? []) &&
    sameSet(a.flags, b.flags) &&
    a.memo === b.memo &&
    a.coderId === b.coderId
  );
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

/** Plans bringing `incoming` into `current`. Pure: reads both, changes neither. */
export function planMerge(current: ProjectBundle, incoming: ProjectBundle, options: MergeOptions): MergePlan {
  const makeId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const documents = planDocuments(current, incoming, makeId, options.now);
  const byPosition = documents.anchors;
  const codebooks = planCodebooks(current.codebooks ?? [], incoming.codebooks ?? [], options);
  const coders = planCoders(current.coders ?? [], incoming.coders ?? [], options.coderMap ?? {});
  const mapCoder = (id: string) => (coders.map.get(id) ?? id) as CoderId;

  // --- fragments: mapped to our ids, placed on our texts ---------------------------------
  const incomingBooks = incoming.codebooks ?? [];
  const resolveIncoming = (id: string): string => {
    for (const book of incomingBooks) {
      const code = resolveCode(book, id);
      if (code) return code.id;
    }
    return id;
  };
  const mapCode = (id: string) => codebooks.codeMap.get(resolveIncoming(id)) ?? (id as CodeId);
  const mapValue = (ref: string): string => {
    const parsed = parseValueRef(ref);
    if (!parsed) return ref;
    const code = resolveIncoming(parsed.codeId);
    return codebooks.valueMap.get(valueRef(code, parsed.valueId)) ?? valueRef(mapCode(code), parsed.valueId);
  };
  const mapFragment = (f: Fragment): Fragment => {
    const out: Fragment = {
      ...f,
      documentId: documents.map.get(f.documentId)?.localId ?? f.documentId,
      codes: unique(f.codes.map(mapCode)),
      flags: unique(f.flags.map((x) => codebooks.flagMap.get(x) ?? x)),
      coderId: mapCoder(f.coderId),
    };
    const values = unique((f.values ?? []).map(mapValue));
    if (values.length > 0) out.values = values;
    else delete out.values;
    if (f.updatedBy !== undefined) {
      const by = mapCoder(f.updatedBy);
      if (by === out.coderId) delete out.updatedBy;
      else out.updatedBy = by;
    }
    return out;
  };

  const localTexts = new Map((current.texts ?? []).map((t) => [t.documentId as string, t.text]));
  const unplaced: Fragment[] = [];
  let moved = 0;
  let orphaned = 0;
  /** Maps fragments of theirs and places those of documents matched by file on our text. */
  const place = (list: readonly Fragment[]): Fragment[] => {
    const out: Fragment[] = [];
    const byFile = new Map<string, Fragment[]>();
    for (const f of list) {
      const doc = documents.map.get(f.documentId);
      if (!doc) {
        unplaced.push(f);
        continue;
      }
      const mapped = mapFragment(f);
      const anchor = doc.by === 'position' ? byPosition.get(f.id) : undefined;
      if (anchor) out.push({ ...mapped, anchor });
      else if (doc.by === 'file') byFile.set(doc.localId, [...(byFile.get(doc.localId) ?? []), mapped]);
      else out.push(mapped);
    }
    for (const [documentId, group] of byFile) {
      const text = localTexts.get(documentId) ?? '';
      const placed = reanchorFragments(group, text, options.now);
      moved += placed.moved;
      orphaned += placed.orphaned.length;
      // Placing them on our text is not a change of theirs: their times stay.
      placed.fragments.forEach((f, i) => out.push({ ...f, updatedAt: group[i]!.updatedAt }));
    }
    return out;
  };

  const ours = new Map((current.fragments ?? []).map((f) => [f.id as string, f]));
  // Ours on a document given its text: compared in their new places.
  for (const a of documents.attached) for (const f of a.fragments) ours.set(f.id, f);
  const ourDeletions = new Map((current.deletions ?? []).map((d) => [d.id as string, d]));
  const knownConflicts = new Set((current.conflicts ?? []).map((c) => c.id));
  const fragments: MergePlan['fragments'] = { added: [], updated: [], removed: [], unchanged: 0, keptOurs: 0, stayDeleted: 0, unplaced, moved: 0, orphaned: 0 };
  const conflicts: FragmentConflict[] = [];
  const addConflict = (c: FragmentConflict) => {
    if (knownConflicts.has(c.id)) return;
    knownConflicts.add(c.id);
    conflicts.push(c);
  };
  const seen = new Set<string>();
  for (const theirs of place(incoming.fragments ?? [])) {
    if (seen.has(theirs.id)) continue;
    seen.add(theirs.id);
    const mine = ours.get(theirs.id);
    const deletion = ourDeletions.get(theirs.id);
    if (mine) {
      if (sameFragmentContent(mine, theirs)) {
        fragments.unchanged++;
        continue;
      }
      const order = compareVersions(mine.versions, theirs.versions);
      if (order === 'before') fragments.updated.push({ before: mine, after: { ...theirs, versions: joinVersions(mine.versions, theirs.versions) } });
      else if (order === 'after') fragments.keptOurs++;
      else addConflict({ id: conflictId(theirs.id, theirs), fragmentId: theirs.id, documentId: mine.documentId, theirs, source: options.source, foundAt: options.now });
    } else if (deletion) {
      const order = compareVersions(theirs.versions, deletion.versions);
      if (order === 'before' || order === 'equal') fragments.stayDeleted++;
      else addConflict({ id: conflictId(theirs.id, theirs), fragmentId: theirs.id, documentId: theirs.documentId, theirs, deletedHere: deletion, source: options.source, foundAt: options.now });
    } else {
      fragments.added.push(theirs);
    }
  }

  // --- their deletions --------------------------------------------------------------------
  const deletions: FragmentDeletion[] = [];
  for (const d of incoming.deletions ?? []) {
    const doc = documents.map.get(d.documentId);
    const theirs: FragmentDeletion = { ...d, documentId: doc?.localId ?? d.documentId };
    if (d.deletedBy !== undefined) theirs.deletedBy = mapCoder(d.deletedBy);
    const mine = ours.get(d.id);
    if (mine && !seen.has(d.id)) {
      const order = compareVersions(mine.versions, d.versions);
      if (order === 'after') {
        // Ours comes after their deletion (brought back here since, by an undo or a resolved conflict): it stays.
        fragments.keptOurs++;
        continue;
      }
      if (order === 'concurrent') {
        // Changed here since the version they deleted: ours stays, their deletion waits in the conflict.
        addConflict({ id: conflictId(d.id, null, d), fragmentId: d.id, documentId: mine.documentId, theirs: null, deletedThere: theirs, source: options.source, foundAt: options.now });
        continue;
      }
      fragments.removed.push(mine);
    }
    const known = ourDeletions.get(d.id);
    if (!known) deletions.push(theirs);
    else if (compareVersions(known.versions, d.versions) !== 'equal' && compareVersions(known.versions, d.versions) !== 'after') {
      deletions.push({ ...known, versions: joinVersions(known.versions, d.versions) });
    }
  }

  // --- conflicts they carry (still to resolve there) ----------------------------------------
  const carried = place((incoming.conflicts ?? []).flatMap((c) => (c.theirs ? [c.theirs] : [])));
  for (const theirs of carried) {
    const mine = ours.get(theirs.id);
    if (mine && sameFragmentContent(mine, theirs)) continue;
    const id = conflictId(theirs.id, theirs);
    const original = (incoming.conflicts ?? []).find((c) => c.theirs?.id === theirs.id && c.theirs.updatedAt === theirs.updatedAt);
    addConflict({ id, fragmentId: theirs.id, documentId: theirs.documentId, theirs, source: original?.source ?? options.source, foundAt: original?.foundAt ?? options.now });
  }

  fragments.moved = moved;
  fragments.orphaned = orphaned;

  // --- reviews ----------------------------------------------------------------------------
  // A review belongs to its fragment: it takes the fragment's document where the fragment is known.
  const incomingFragmentDocument = new Map((incoming.fragments ?? []).map((f) => [f.id as string, f.documentId as string]));
  const reviewDocument = (fragmentId: string, documentId: string): DocumentId | undefined =>
    ours.get(fragmentId)?.documentId ?? documents.map.get(incomingFragmentDocument.get(fragmentId) ?? documentId)?.localId;
  const reviews = planReviews(current.reviews ?? [], incoming.reviews ?? [], mapCoder, reviewDocument);

  // --- searches and worklist decisions ----------------------------------------------------
  const searches = planSearches(current.searches ?? [], incoming.searches ?? []);
  // A dismissal made before dismissals recorded their coder belongs to the file's one coder, when it has one.
  const incomingCoders = incoming.coders ?? [];
  const soleCoder = incomingCoders.length === 1 ? incomingCoders[0]!.id : undefined;
  const hits = planHits(current.hits ?? [], incoming.hits ?? [], searches.map, documents.map, (id) => {
    const coder = id ?? soleCoder;
    return coder === undefined ? undefined : mapCoder(coder);
  });

  return {
    documents: { added: documents.added, matched: documents.matched, attached: documents.attached },
    codebooks: { put: codebooks.put, codes: codebooks.codes, values: codebooks.values, flags: codebooks.flags },
    coders: { added: coders.added, updated: coders.updated, matched: coders.matched, sameName: coders.sameName },
    fragments,
    deletions,
    conflicts,
    reviews,
    searches: { added: searches.added, matched: searches.matched },
    hits,
    ids: {
      documents: new Map([...documents.map].map(([k, v]) => [k, v.localId])),
      codes: codebooks.codeMap,
      values: codebooks.valueMap,
      flags: codebooks.flagMap,
      coders: coders.map,
      searches: searches.map,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Documents

function planDocuments(current: ProjectBundle, incoming: ProjectBundle, makeId: () => string, now: string) {
  const localDocs = current.documents ?? [];
  const localIds = new Set(localDocs.map((d) => d.id as string));
  const localText = new Map((current.texts ?? []).map((t) => [t.documentId as string, t.text]));
  // The text itself is the key: a Map compares strings exactly.
  const byText = new Map<string, PolicyDocument[]>();
  const byFile = new Map<string, PolicyDocument[]>();
  for (const d of localDocs) {
    const text = localText.get(d.id);
    if (text !== undefined) byText.set(text, [...(byText.get(text) ?? []), d]);
    byFile.set(d.contentHash, [...(byFile.get(d.contentHash) ?? []), d]);
  }
  const incomingText = new Map((incoming.texts ?? []).map((t) => [t.documentId as string, t]));
  const map = new Map<string, { localId: DocumentId; by: DocumentMatchKind | 'added' }>();
  const matched: DocumentMatch[] = [];
  const added: DocumentAddition[] = [];
  const pick = (list: PolicyDocument[] | undefined, id: string) => list?.find((d) => d.id === id) ?? list?.[0];
  // For stand-ins of theirs: our documents with a real text, each with its code-point → UTF-16 map (made when first needed).
  let real: { doc: PolicyDocument; text: string; length: number; utf16: (cp: number) => number }[] | undefined;
  const anchors = new Map<string, TextAnchor>();
  const incomingFragments = byDocument(incoming.fragments ?? []);
  const atPosition = (d: PolicyDocument, standIn: string): PolicyDocument | undefined => {
    if (!d.textMissing) return undefined;
    const fragments = incomingFragments.get(d.id) ?? [];
    const passages = standInPassages(standIn, fragments);
    if (!passages) return undefined;
    real ??= localDocs.flatMap((doc) => {
      const text = localText.get(doc.id);
      return doc.textMissing || text === undefined ? [] : [{ doc, text, length: codePointMap(text).length, utf16: utf16Offsets(text) }];
    });
    const fits = real.filter((r) => holds(r.text, r.length, r.utf16, passages));
    const chosen = onlyOne(fits, (r) => namedAsSource(r.doc, d));
    const plan = chosen && placedOn(standIn, fragments, chosen.text);
    if (!plan) return undefined;
    for (const f of plan.fragments) anchors.set(f.id, f.anchor);
    return chosen.doc;
  };
  // Ours whose text is missing, with their passages in code points (made when first needed).
  let standIns: { doc: PolicyDocument; standIn: string; fragments: Fragment[]; passages: StandInPassages }[] | undefined;
  const attached: TextAttachment[] = [];
  const attachTo = (d: PolicyDocument, text: DocumentText): PolicyDocument | undefined => {
    if (d.textMissing) return undefined;
    if (!standIns) {
      const localFragments = byDocument(current.fragments ?? []);
      standIns = localDocs.flatMap((doc) => {
        const standIn = localText.get(doc.id);
        if (!doc.textMissing || standIn === undefined) return [];
        const fragments = localFragments.get(doc.id) ?? [];
        const passages = standInPassages(standIn, fragments);
        return passages ? [{ doc, standIn, fragments, passages }] : [];
      });
    }
    if (standIns.length === 0) return undefined;
    const length = codePointMap(text.text).length;
    const utf16 = utf16Offsets(text.text);
    const fits = standIns.filter((c) => holds(text.text, length, utf16, c.passages));
    const chosen = onlyOne(fits, (c) => namedAsSource(d, c.doc));
    const plan = chosen && placedOn(chosen.standIn, chosen.fragments, text.text);
    if (!chosen || !plan) return undefined;
    const { textMissing: _was, reextraction: _old, ...rest } = chosen.doc;
    const document: PolicyDocument = {
      ...rest,
      fileName: d.fileName,
      format: d.format,
      contentHash: d.contentHash,
      charCount: text.text.length,
      pages: d.pages,
      report: d.report,
      textAttached: { at: now, fileName: d.fileName, checked: plan.checked, mismatched: [] },
    };
    const hits = (current.hits ?? []).filter((h) => h.documentId === chosen.doc.id);
    attached.push({
      incomingId: d.id,
      localId: chosen.doc.id,
      title: chosen.doc.title,
      document,
      text: { ...text, documentId: chosen.doc.id },
      fragments: plan.fragments,
      hits: {
        remove: hits.map((h) => h.id),
        put: hits.map((h) => {
          const start = plan.offset(h.start);
          const end = plan.offset(h.end);
          return { ...h, id: hitDecisionId(h.searchId, h.documentId, start, end, h.coderId), start, end };
        }),
      },
    });
    standIns = standIns.filter((c) => c !== chosen);
    return chosen.doc;
  };
  for (const d of incoming.documents ?? []) {
    if (map.has(d.id)) continue;
    const text = incomingText.get(d.id);
    if (!text) continue; // a document without its text cannot be placed; its fragments are listed as unplaced
    const same = pick(byText.get(text.text), d.id);
    // A stand-in keeps its passages' places: by position before by quote (its unknown passages have no quote).
    const position = same ? undefined : atPosition(d, text.text);
    const file = same || position ? undefined : pick(byFile.get(d.contentHash), d.id);
    const attach = same || position || file ? undefined : attachTo(d, text);
    const found = same ?? position ?? file ?? attach;
    if (found) {
      const by: DocumentMatchKind = same ? 'text' : position ? 'position' : file ? 'file' : 'attached';
      // A second incoming copy of the text given to ours is that document.
      if (attach) byText.set(text.text, [attach]);
      map.set(d.id, { localId: found.id, by });
      matched.push({ incomingId: d.id, localId: found.id, by, title: found.title });
      continue;
    }
    const id = (localIds.has(d.id) ? makeId() : d.id) as DocumentId;
    localIds.add(id);
    const document: PolicyDocument = { ...d, id };
    added.push({ incomingId: d.id, document, text: { ...text, documentId: id } });
    map.set(d.id, { localId: id, by: 'added' });
    // A second incoming copy of the same text is that document.
    byText.set(text.text, [document]);
  }
  return { map, matched, added, anchors, attached };
}

/** Fragments grouped by their document, in their order. */
function byDocument(fragments: readonly Fragment[]): Map<string, Fragment[]> {
  const out = new Map<string, Fragment[]>();
  for (const f of fragments) {
    const list = out.get(f.documentId);
    if (list) list.push(f);
    else out.set(f.documentId, [f]);
  }
  return out;
}

/** A stand-in's passages in code points, each with its known characters (null when none is known), and where the last ends. */
interface StandInPassages {
  spans: { start: number; end: number; known: string | null }[];
  needed: number;
}

/** The passages of a stand-in's fragments; undefined when no quote of them is known (nothing would decide). */
function standInPassages(standIn: string, fragments: readonly Fragment[]): StandInPassages | undefined {
  const toCp = codePointMap(standIn).toCodePoint;
  const spans = fragments.map((f) => ({
    start: toCp(f.anchor.start),
    end: toCp(f.anchor.end),
    known: hasKnownText(standIn, f.anchor.start, f.anchor.end) ? standIn.slice(f.anchor.start, f.anchor.end) : null,
  }));
  if (!spans.some((x) => x.known !== null)) return undefined;
  return { spans, needed: spans.reduce((m, x) => Math.max(m, x.end), 0) };
}

/**
 * Whether a text (`length` code points, `utf16` its code point → UTF-16 map) holds all the passages
 * and agrees with every known quote; reads only the known quotes' places.
 */
function holds(text: string, length: number, utf16: (cp: number) => number, p: StandInPassages): boolean {
  return length >= p.needed && p.spans.every((x) => x.known === null || knownMatches(x.known, text.slice(utf16(x.start), utf16(x.end))));
}

/** The one that fits, else the one named as the source among those that fit; none when it is not ours to choose. */
function onlyOne<T>(fits: readonly T[], named: (c: T) => boolean): T | undefined {
  if (fits.length === 1) return fits[0];
  const byName = fits.filter(named);
  return byName.length === 1 ? byName[0] : undefined;
}

/** Whether a document with its text is named as a stand-in document's source (file name, title). */
function namedAsSource(withText: PolicyDocument, standIn: PolicyDocument): boolean {
  const source = standIn.textMissing?.source ?? '';
  return isSourceFile(withText.fileName, source) || isSourceFile(withText.title, source) || nameKey(withText.title) === nameKey(standIn.title);
}

/** A stand-in's fragments placed on `text` as attaching it places them; undefined unless every known quote matches there. */
function placedOn(standIn: string, fragments: readonly Fragment[], text: string): AttachPlan | undefined {
  const r = planTextAttach(standIn, fragments, text);
  return 'parsed' in r && r.parsed.text === text && r.parsed.mismatched.length === 0 ? r.parsed : undefined;
}

// ---------------------------------------------------------------------------------------------
// Codebooks

interface CodeHome {
  book: Codebook;
  code: Code;
}

function planCodebooks(localBooks: readonly Codebook[], incomingBooks: readonly Codebook[], options: MergeOptions) {
  const codeMap = new Map<string, CodeId>();
  const valueMap = new Map<string, string>();
  const flagMap = new Map<string, string>();
  const codes: CodeMatch[] = [];
  const values: ValueMatch[] = [];
  const flags: FlagMatch[] = [];
  const put: Codebook[] = [];

  if (localBooks.length === 0) {
    // Nothing to match against: their codebooks become ours as they are.
    for (const book of incomingBooks) {
      put.push(book);
      for (const code of book.codes) {
        codeMap.set(code.id, code.id);
        codes.push({ incomingId: code.id, localId: code.id, by: 'added', name: code.name });
        for (const v of code.values) {
          valueMap.set(valueRef(code.id, v.id), valueRef(code.id, v.id));
          values.push({ incomingRef: valueRef(code.id, v.id), localRef: valueRef(code.id, v.id), by: 'added', name: v.name });
        }
      }
      for (const flag of book.flags) {
        flagMap.set(flag.id, flag.id);
        flags.push({ incomingId: flag.id, localId: flag.id, by: 'added', name: flag.name });
      }
      for (const [from, to] of Object.entries(book.aliases ?? {})) codeMap.set(from, to as CodeId);
    }
    return { codeMap, valueMap, flagMap, codes, values, flags, put };
  }

  // Working copies of our books; changed ones are put.
  const books = localBooks.map((b) => ({ ...b, codes: b.codes.map((c) => ({ ...c, values: [...c.values] })), flags: [...b.flags] }));
  const changed = new Set<Codebook>();
  const added = { codes: 0, values: 0, flags: 0 };
  const target = books.find((b) => b.id === options.targetCodebookId) ?? books[0]!;
  const byId = new Map<string, CodeHome>();
  const byName = new Map<string, CodeHome>();
  const index = (book: Codebook, code: Code) => {
    byId.set(code.id, { book, code });
    for (const n of [code.name.nl, code.name.en]) if (!byName.has(nameKey(n))) byName.set(nameKey(n), { book, code });
  };
  for (const book of books) for (const code of book.codes) index(book, code);
  for (const book of books) {
    for (const from of Object.keys(book.aliases ?? {})) {
      const code = resolveCode(book, from);
      if (code && !byId.has(from)) byId.set(from, { book, code });
    }
  }
  const usedKeys = new Set(target.codes.map((c) => c.key.toLowerCase()).filter(Boolean));
  /** The code's own key when no code of ours has it, else the next free one; none past the last. */
  const keyFor = (code: Code): string => {
    const own = code.key.toLowerCase();
    const key = own && !usedKeys.has(own) && !RESERVED_KEYS.includes(own) ? code.key : (freeKeyAmong(usedKeys) ?? '');
    if (key) usedKeys.add(key.toLowerCase());
    return key;
  };

  for (const book of incomingBooks) {
    for (const inc of book.codes) {
      if (codeMap.has(inc.id)) continue;
      let home = byId.get(inc.id);
      let by: NameMatchKind = 'id';
      if (!home) {
        home = byName.get(nameKey(inc.name.nl)) ?? byName.get(nameKey(inc.name.en));
        by = 'name';
      }
      if (!home) {
        const code: Code = { ...inc, values: [...inc.values], key: keyFor(inc) };
        target.codes.push(code);
        changed.add(target);
        added.codes++;
        index(target, code);
        codeMap.set(inc.id, code.id);
        codes.push({ incomingId: inc.id, localId: code.id, by: 'added', name: inc.name });
        for (const v of inc.values) {
          valueMap.set(valueRef(inc.id, v.id), valueRef(code.id, v.id));
          values.push({ incomingRef: valueRef(inc.id, v.id), localRef: valueRef(code.id, v.id), by: 'added', name: v.name });
        }
        continue;
      }
      codeMap.set(inc.id, home.code.id);
      codes.push({ incomingId: inc.id, localId: home.code.id, by, name: inc.name });
      for (const v of inc.values) {
        const r = matchValue(home.code, v);
        if (r.by === 'added') {
          changed.add(home.book);
          added.values++;
        }
        valueMap.set(valueRef(inc.id, v.id), valueRef(home.code.id, r.id));
        values.push({ incomingRef: valueRef(inc.id, v.id), localRef: valueRef(home.code.id, r.id), by: r.by, name: v.name });
      }
    }
    for (const from of Object.keys(book.aliases ?? {})) {
      const mapped = codeMap.get(resolveCode(book, from)?.id ?? from);
      if (mapped && !codeMap.has(from)) codeMap.set(from, mapped);
    }
    for (const inc of book.flags) {
      if (flagMap.has(inc.id)) continue;
      const all = books.flatMap((b) => b.flags);
      const same = all.find((f) => f.id === inc.id);
      const named = same ? undefined : all.find((f) => nameKey(f.name.nl) === nameKey(inc.name.nl) || nameKey(f.name.en) === nameKey(inc.name.en));
      if (same || named) {
        flagMap.set(inc.id, (same ?? named)!.id);
        flags.push({ incomingId: inc.id, localId: (same ?? named)!.id, by: same ? 'id' : 'name', name: inc.name });
        continue;
      }
      const flag: FlagDefinition = { ...inc };
      target.flags.push(flag);
      changed.add(target);
      added.flags++;
      flagMap.set(inc.id, flag.id);
      flags.push({ incomingId: inc.id, localId: flag.id, by: 'added', name: inc.name });
    }
  }

  for (const book of books) {
    if (!changed.has(book)) continue;
    const change = {
      at: options.now,
      kind: 'import' as const,
      target: options.source,
      after: `merge: ${added.codes} codes, ${added.values} values, ${added.flags} flags added`,
      ...(options.mergerId ? { coderId: options.mergerId } : {}),
    };
    put.push({ ...book, changes: [...(book.changes ?? []), change] });
  }
  return { codeMap, valueMap, flagMap, codes, values, flags, put };
}

/** Finds an incoming value in our code (by id, then name) or adds it there; returns our value id. */
function matchValue(code: Code, v: CodeValue): { id: string; by: NameMatchKind } {
  const same = code.values.find((x) => x.id === v.id);
  if (same) return { id: same.id, by: 'id' };
  const named = code.values.find((x) => nameKey(x.name.nl) === nameKey(v.name.nl) || nameKey(x.name.en) === nameKey(v.name.en));
  if (named) return { id: named.id, by: 'name' };
  code.values.push({ ...v });
  return { id: v.id, by: 'added' };
}

// ---------------------------------------------------------------------------------------------
// Coders

function planCoders(localCoders: readonly Coder[], incomingCoders: readonly Coder[], coderMap: Readonly<Record<string, string>>) {
  const map = new Map<string, CoderId>();
  const byId = new Map(localCoders.map((c) => [c.id as string, c]));
  const byAlias = new Map<string, Coder>();
  for (const c of localCoders) for (const a of c.aliases ?? []) byAlias.set(a, c);
  const updated = new Map<string, Coder>();
  const added: Coder[] = [];
  const matched: CoderMatch[] = [];
  const sameName: SameNameCoder[] = [];
  const current = (c: Coder) => updated.get(c.id) ?? c;
  const learn = (local: Coder, inc: Coder, alias: boolean) => {
    const base = current(local);
    const aliases = unique([...(base.aliases ?? []), ...(alias ? [inc.id] : []), ...(inc.aliases ?? [])].filter((a) => a !== base.id)) as CoderId[];
    let next: Coder = base;
    if (!sameSet(aliases, base.aliases ?? [])) next = { ...next, aliases };
    // A coder of ours without a name takes the name they have.
    if (!base.name.trim() && !base.initials.trim() && (inc.name.trim() || inc.initials.trim())) next = { ...next, name: inc.name, initials: inc.initials };
    if (next !== base) updated.set(base.id, next);
  };
  for (const inc of incomingCoders) {
    const chosen = coderMap[inc.id] !== undefined ? byId.get(coderMap[inc.id]!) : undefined;
    const local =
      chosen ?? byId.get(inc.id) ?? byAlias.get(inc.id) ?? (inc.aliases ?? []).map((a) => byId.get(a) ?? byAlias.get(a)).find((c) => c !== undefined);
    if (local) {
      const by: CoderMatchKind = chosen ? 'chosen' : local.id === inc.id ? 'id' : 'alias';
      map.set(inc.id, local.id);
      for (const a of inc.aliases ?? []) if (!map.has(a)) map.set(a, local.id);
      matched.push({ incomingId: inc.id, localId: local.id, by });
      learn(local, inc, by !== 'id');
      continue;
    }
    map.set(inc.id, inc.id);
    added.push(inc);
    const twin = inc.name.trim() ? localCoders.find((c) => nameKey(c.name) === nameKey(inc.name)) : undefined;
    if (twin) sameName.push({ incoming: inc, local: twin });
  }
  return { map, added, updated: [...updated.values()], matched, sameName };
}

// ---------------------------------------------------------------------------------------------
// Reviews, searches, worklist decisions

function planReviews(
  localReviews: readonly Review[],
  incomingReviews: readonly Review[],
  mapCoder: (id: string) => CoderId,
  documentOf: (fragmentId: string, documentId: string) => DocumentId | undefined,
): MergePlan['reviews'] {
  const ours = new Map(localReviews.map((r) => [r.id, r]));
  const next = new Map<string, Review>();
  for (const inc of incomingReviews) {
    const reviewerId = mapCoder(inc.reviewerId);
    const mapped: Review = {
      ...inc,
      id: reviewId(inc.fragmentId, reviewerId),
      reviewerId,
      documentId: documentOf(inc.fragmentId, inc.documentId) ?? inc.documentId,
      comments: inc.comments.map((c) => ({ ...c, authorId: mapCoder(c.authorId) })),
    };
    if (inc.resolution) mapped.resolution = { ...inc.resolution, by: mapCoder(inc.resolution.by) };
    const base = next.get(mapped.id) ?? ours.get(mapped.id);
    next.set(mapped.id, base ? mergeReview(base, mapped) : mapped);
  }
  const put: Review[] = [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [id, r] of next) {
    const mine = ours.get(id);
    if (!mine) {
      added++;
      put.push(r);
    } else if (sameReview(mine, r)) unchanged++;
    else {
      updated++;
      put.push(r);
    }
  }
  return { put, added, updated, unchanged };
}

function planSearches(localSearches: readonly SavedSearch[], incomingSearches: readonly SavedSearch[]) {
  const map = new Map<string, SearchId>();
  const matched: SearchMatch[] = [];
  const added: SavedSearch[] = [];
  const names = new Set(localSearches.map((s) => s.name));
  for (const inc of incomingSearches) {
    const same = localSearches.find((s) => s.id === inc.id);
    const alike = same ? undefined : localSearches.find((s) => s.name === inc.name && s.terms.trim() === inc.terms.trim());
    if (same || alike) {
      map.set(inc.id, (same ?? alike)!.id);
      matched.push({ incomingId: inc.id, localId: (same ?? alike)!.id, by: same ? 'id' : 'name-and-terms' });
      continue;
    }
    let name = inc.name;
    for (let i = 2; names.has(name); i++) name = `${inc.name} (${i})`;
    names.add(name);
    added.push({ ...inc, name });
    map.set(inc.id, inc.id);
  }
  return { map, matched, added };
}

function planHits(
  localHits: readonly HitDecision[],
  incomingHits: readonly HitDecision[],
  searchMap: ReadonlyMap<string, SearchId>,
  documentMap: ReadonlyMap<string, { localId: DocumentId; by: DocumentMatchKind | 'added' }>,
  mapCoder: (id: string | undefined) => string | undefined,
): MergePlan['hits'] {
  const ours = new Map(localHits.map((h) => [h.id, h]));
  const put = new Map<string, HitDecision>();
  let skipped = 0;
  for (const h of incomingHits) {
    const doc = documentMap.get(h.documentId);
    const searchId = searchMap.get(h.searchId);
    // Decisions on another text (placed by quote or by position) are not moved: left out.
    if (!doc || (doc.by !== 'text' && doc.by !== 'added' && doc.by !== 'attached') || !searchId) {
      skipped++;
      continue;
    }
    // Each coder's dismissal is their own (agreement compares them). One without a coder that
    // we hold without a coder too (the same file again) stays the decision it was.
    const plainId = hitDecisionId(searchId, doc.localId, h.start, h.end);
    const inferred = h.coderId === undefined && ours.has(plainId);
    const coderId = inferred ? undefined : mapCoder(h.coderId);
    const id = hitDecisionId(searchId, doc.localId, h.start, h.end, coderId);
    const { coderId: _theirs, ...rest } = h;
    const mapped: HitDecision = { ...rest, id, searchId, documentId: doc.localId, ...(coderId ? { coderId } : {}) };
    const mine = put.get(id) ?? ours.get(id);
    // The same dismissal on both sides: the later reason stands.
    if (!mine || (mapped.decidedAt > mine.decidedAt && (mapped.reason ?? '') !== (mine.reason ?? ''))) put.set(id, mapped);
  }
  return { put: [...put.values()], skipped };
}

/** The fragment ids of the plan's new conflicts, for callers that mark them. */
export function conflictFragmentIds(plan: MergePlan): FragmentId[] {
  return unique(plan.conflicts.map((c) => c.fragmentId));
}

/** Replaces items by id and appends new ones, keeping the order of `list`. */
function upsert<T>(list: readonly T[] | undefined, items: readonly T[], idOf: (item: T) => string): T[] {
  if (items.length === 0) return [...(list ?? [])];
  const byId = new Map(items.map((x) => [idOf(x), x]));
  const out = (list ?? []).map((x) => {
    const next = byId.get(idOf(x));
    if (next) byId.delete(idOf(x));
    return next ?? x;
  });
  return [...out, ...byId.values()];
}

/**
 * Applies a plan to the project it was planned on, in memory: what actions/merge.ts writes to
 * the database, for the CLI and for tests. Returns a new project; `current` is not changed.
 */
export function applyMergePlan<T extends ProjectBundle>(current: T, plan: MergePlan): T {
  const removed = new Set(plan.fragments.removed.map((f) => f.id as string));
  const fragments = upsert(
    (current.fragments ?? []).filter((f) => !removed.has(f.id)),
    [...attachedFragments(plan).filter((f) => !removed.has(f.id)), ...plan.fragments.updated.map((u) => u.after), ...plan.fragments.added],
    (f) => f.id,
  );
  const movedHits = new Set(plan.documents.attached.flatMap((a) => a.hits.remove));
  return {
    ...current,
    documents: [...upsert(current.documents, plan.documents.attached.map((a) => a.document), (d) => d.id), ...plan.documents.added.map((a) => a.document)],
    texts: [...upsert(current.texts, plan.documents.attached.map((a) => a.text), (t) => t.documentId), ...plan.documents.added.map((a) => a.text)],
    codebooks: upsert(current.codebooks, plan.codebooks.put, (b) => b.id),
    coders: upsert(current.coders, [...plan.coders.updated, ...plan.coders.added], (c) => c.id),
    fragments,
    deletions: upsert(current.deletions, plan.deletions, (d) => d.id),
    conflicts: [...(current.conflicts ?? []), ...plan.conflicts],
    reviews: upsert(current.reviews, plan.reviews.put, (r) => r.id),
    searches: [...(current.searches ?? []), ...plan.searches.added],
    hits: upsert(
      (current.hits ?? []).filter((h) => !movedHits.has(h.id)),
      [...plan.documents.attached.flatMap((a) => a.hits.put), ...plan.hits.put],
      (h) => h.id,
    ),
  };
}

/** Our fragments on documents given their text, in their new places (written before the plan's other fragments). */
export function attachedFragments(plan: MergePlan): Fragment[] {
  return plan.documents.attached.flatMap((a) => a.fragments);
}
