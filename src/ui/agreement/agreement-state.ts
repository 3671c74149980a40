/**
 * The agreement screen's choices, kept for the session (ui/session-store.ts), so going to the
 * reader from a disagreement and back finds the same view.
 */
import type { AgreementUnitKind } from '../../analysis/agreement-units.ts';
import { loadSession, saveSession } from '../session-store.ts';

/** What the user chose on the agreement screen. */
export interface AgreementChoices {
  coderA: string;
  coderB: string;
  unit: AgreementUnitKind;
  searchId: string;
  notCoded: 'value' | 'missing';
  /** Disagreement table: only rows differing on this regime ('' any). */
  regime: string;
  /** Disagreement table: only rows of this document ('' all). */
  documentId: string;
}

/** The choices of a fresh screen. */
export const DEFAULT_AGREEMENT_CHOICES: AgreementChoices = {
  coderA: '',
  coderB: '',
  unit: 'hit',
  searchId: '',
  notCoded: 'value',
  regime: '',
  documentId: '',
};

const KEY = 'worthmark.agreement';

/** The choices of this session, or the defaults. */
export function loadAgreementChoices(): AgreementChoices {
  return loadSession(KEY, DEFAULT_AGREEMENT_CHOICES);
}

/** Keeps the choices for this session. */
export function saveAgreementChoices(choices: AgreementChoices): void {
  saveSession(KEY, choices);
}
