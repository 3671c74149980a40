import type { CodebookId, CodeId } from './ids.ts';

/** A text in the two UI languages. */
export interface LocalText {
  nl: string;
  en: string;
}

/** A value within a regime, e.g. civic → accessibility. */
export interface CodeValue {
  id: string;
  name: LocalText;
  /** What the value stands for, to guide coders. */
  description?: LocalText;
  /**
   * The value this one is nested under (a value id of the same code), for code trees deeper than
   * code → value (read from REFI-QDA files); absent for a value directly under its code.
   */
  parent?: string;
  /** Colour of the value as #rrggbb, when it has one of its own (REFI-QDA nested codes do). */
  color?: string;
  /** False for a folder that only groups other values and cannot be applied itself. */
  codable?: false;
}

/** A code: in the default codebook, one Boltanski–Thévenot order of worth. */
export interface Code {
  id: CodeId;
  name: LocalText;
  description: LocalText;
  values: CodeValue[];
  /** CSS colour, #rrggbb. */
  color: string;
  /**
   * Shortcut digit or letter shown on highlights as a second channel next to colour; empty for a
   * code without a shortcut (a codebook from another tool can have more codes than keys).
   */
  key: string;
  /** False for a folder that only groups its values and cannot be applied itself (REFI-QDA `isCodable="false"`). */
  codable?: false;
}

/** A flag that a fragment can carry independently of its codes. */
export interface FlagDefinition {
  id: string;
  name: LocalText;
  description: LocalText;
}

/** A codebook: ordered codes and flags. */
export interface Codebook {
  id: CodebookId;
  formatVersion: 1;
  name: LocalText;
  description?: LocalText;
  codes: Code[];
  flags: FlagDefinition[];
  /**
   * Ids of codes that were merged into another code (or nested under it as a value), mapped
   * to the code that took them over, so a fragment that still names an old id stays valid.
   */
  aliases?: Record<string, string>;
  /** What was changed in the codebook and when, oldest first. */
  changes?: CodebookChange[];
}

/** The kinds of codebook change the log records. */
export type CodebookChangeKind =
  | 'add-code'
  | 'rename-code'
  | 'recolour-code'
  | 'rekey-code'
  | 'describe-code'
  | 'move-code'
  | 'merge-code'
  | 'nest-code'
  | 'add-value'
  | 'rename-value'
  | 'describe-value'
  | 'move-value'
  | 'rename-codebook'
  | 'import';

/** One entry of a codebook's change log. */
export interface CodebookChange {
  /** ISO 8601 time of the change. */
  at: string;
  kind: CodebookChangeKind;
  /** The code (or `codeId:valueId` for a value) the change is about. */
  target: string;
  /** Short readable before/after (a name, a colour, a position, the id merged into). */
  before?: string;
  after?: string;
  /** The coder who made the change, when known. */
  coderId?: string;
}

/**
 * The code a stored code id stands for in a codebook: the code itself, or the code it was
 * merged into (following a chain of merges); undefined when the id is unknown.
 */
export function resolveCode(book: Codebook, id: string): Code | undefined {
  let current = id;
  for (let hops = 0; hops < 16; hops++) {
    const code = book.codes.find((c) => c.id === current);
    if (code) return code;
    const next = book.aliases?.[current];
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}

/** Letters the reader uses as shortcuts (flag, memo, sentence, paragraph, values); codes cannot take them. */
export const RESERVED_KEYS: readonly string[] = ['g', 'm', 's', 'p', 'v'];

/** Keys handed out to new codes, in order. */
const KEY_ORDER = '1234567890abcdefhijklnoqrtuwxyz'.split('');

/** The first key in hand-out order that is not in `used` (lower-case keys). */
export function freeKeyAmong(used: ReadonlySet<string>): string | undefined {
  return KEY_ORDER.find((k) => !used.has(k));
}
