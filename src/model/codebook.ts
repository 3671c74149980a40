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
}

/** A code: in the default codebook, one Boltanski–Thévenot order of worth. */
export interface Code {
  id: CodeId;
  name: LocalText;
  description: LocalText;
  values: CodeValue[];
  /** CSS colour, #rrggbb. */
  color: string;
  /** Shortcut digit or letter shown on highlights as a second channel next to colour. */
  key: string;
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
}
