/** Words for what an undo or redo would do ("Undo: delete fragment"). */
import type { StepKind } from '../../actions/history.ts';
import type { Translate } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';

const LABELS: Record<StepKind, MessageKey> = {
  create: 'undo.kind.create',
  delete: 'undo.kind.delete',
  codes: 'undo.kind.codes',
  values: 'undo.kind.values',
  flag: 'undo.kind.flag',
  memo: 'undo.kind.memo',
  boundary: 'undo.kind.boundary',
  merge: 'undo.kind.merge',
  split: 'undo.kind.split',
  codebook: 'undo.kind.codebook',
  adjudicate: 'undo.kind.adjudicate',
  dismiss: 'undo.kind.dismiss',
  reopen: 'undo.kind.reopen',
};

/** The name of a step kind in the UI language. */
export function stepLabel(t: Translate, kind: StepKind): string {
  return t(LABELS[kind]);
}
