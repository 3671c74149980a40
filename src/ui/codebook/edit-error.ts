/** Words for a refused codebook edit. */
import type { CodebookEditError, CodebookEditReason } from '../../actions/codebook-edit.ts';
import type { Translate } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';

const REASONS: Record<CodebookEditReason, MessageKey> = {
  'empty-name': 'cbError.empty-name',
  'duplicate-name': 'cbError.duplicate-name',
  'bad-colour': 'cbError.bad-colour',
  'bad-key': 'cbError.bad-key',
  'duplicate-key': 'cbError.duplicate-key',
  'reserved-key': 'cbError.reserved-key',
  'no-free-key': 'cbError.no-free-key',
  'unknown-code': 'cbError.unknown-code',
  'unknown-value': 'cbError.unknown-value',
  'same-code': 'cbError.same-code',
  'has-values': 'cbError.has-values',
  'duplicate-value': 'cbError.duplicate-value',
};

/** The reason an edit was refused, in the UI language. */
export function codebookEditErrorText(t: Translate, error: CodebookEditError | { reason: 'gone' }): string {
  if (error.reason === 'gone') return t('reader.refused.gone');
  return t(REASONS[error.reason], { detail: 'detail' in error ? (error.detail ?? '') : '' });
}
