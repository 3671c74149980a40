/**
 * Ways to bring a checked project file in, besides replacing the project and restoring it as a copy:
 * the restore preview (ProjectBackup.tsx) shows one button per registered action. The merge of two
 * projects registers itself here, so the restore flow needs no change to offer it.
 */
import type { CheckedProjectFile } from '../../actions/project.ts';
import type { MessageKey } from '../messages.ts';

/** One more way to bring a checked project file in. */
export interface RestoreAction {
  id: string;
  /** The button's text. */
  label: MessageKey;
  /** Does it; returns the message to show (already in the user's language). */
  run(checked: CheckedProjectFile, lang: 'nl' | 'en'): Promise<{ kind: 'ok' | 'error'; text: string }>;
}

const actions: RestoreAction[] = [];

/** Adds an action to the restore preview (once per id). */
export function registerRestoreAction(action: RestoreAction): void {
  if (!actions.some((a) => a.id === action.id)) actions.push(action);
}

/** The registered actions, in order of registration. */
export function restoreActions(): readonly RestoreAction[] {
  return actions;
}
