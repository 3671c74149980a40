/** How coders are named in the UI: by name, else initials, else "(unnamed coder)". */
import type { Coder } from '../model/index.ts';
import type { Translate } from './i18n.tsx';

/** A coder's name for display; the unknown-coder text for an id no coder has. */
export function coderName(coder: Coder | undefined, t: Translate): string {
  if (!coder) return t('panel.unknownCoder');
  return coder.name.trim() || coder.initials.trim() || t('panel.unnamedCoder');
}

/** Coders in the order a list shows them: by name (unnamed ones last), then id. */
export function byCoderName(a: Coder, b: Coder): number {
  const x = a.name.trim() || '\uffff';
  const y = b.name.trim() || '\uffff';
  return x.localeCompare(y) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A coder's initials for a highlight or a list: their own, else from their name, else "?". */
export function coderInitials(coder: Coder | undefined): string {
  if (!coder) return '?';
  const own = coder.initials.trim();
  if (own) return own;
  return (
    coder.name
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w[0]!.toLocaleUpperCase())
      .join('')
      .slice(0, 4) || '?'
  );
}
