/** Undo and redo buttons for coding steps, and the Ctrl+Z / Ctrl+Shift+Z keys outside text fields. */
import { useEffect, useSyncExternalStore } from 'react';
import { useLang } from '../i18n.tsx';
import type { CodingHistory } from '../../actions/history.ts';
import { stepLabel } from './step-label.ts';

/** Buttons that undo and redo, naming the step they would undo or redo. */
export function UndoButtons(props: { history: CodingHistory; onUndo: () => void; onRedo: () => void }) {
  const { t } = useLang();
  const { history } = props;
  const undoKind = useSyncExternalStore((l) => history.subscribe(l), () => history.nextUndo?.kind);
  const redoKind = useSyncExternalStore((l) => history.subscribe(l), () => history.nextRedo?.kind);
  return (
    <div className="undo-buttons" role="group" aria-label={t('undo.group')}>
      <button
        type="button"
        className="small"
        disabled={!undoKind}
        aria-keyshortcuts="Control+Z"
        onClick={props.onUndo}
        title={undoKind ? t('undo.undoWhat', { what: stepLabel(t, undoKind) }) : undefined}
      >
        {undoKind ? t('undo.undoWhat', { what: stepLabel(t, undoKind) }) : t('undo.undo')}
      </button>
      <button
        type="button"
        className="small"
        disabled={!redoKind}
        aria-keyshortcuts="Control+Shift+Z"
        onClick={props.onRedo}
        title={redoKind ? t('undo.redoWhat', { what: stepLabel(t, redoKind) }) : undefined}
      >
        {t('undo.redo')}
      </button>
    </div>
  );
}

/** Whether a key event comes from a field with its own text undo (inputs, text areas, the reader's own handler). */
function ownsUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl+Z / ⌘Z undoes and Ctrl+Shift+Z / Ctrl+Y redoes while focus is on the page but not in a text field. */
export function useUndoKeys(undo: () => void, redo: () => void): void {
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (e.defaultPrevented || ownsUndo(e.target) || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z') {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (key === 'y') {
        e.preventDefault();
        redo();
      }
    };
    addEventListener('keydown', on);
    return () => removeEventListener('keydown', on);
  }, [undo, redo]);
}
