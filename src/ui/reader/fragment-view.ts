/** How the reader shows a fragment: its highlight, its regimes and values in words. */
import { parseValueRef, resolveCode, type Code, type Codebook, type CodeValue, type Fragment, type LocalText } from '../../model/index.ts';
import type { CodingHighlight } from '../../editor/index.ts';

/** A fragment's regimes (resolved through merges) with the values it carries in each. */
export interface FragmentCodes {
  code: Code;
  values: CodeValue[];
}

/** The fragment's regimes in the order given, each with its values; unknown ids are left out. */
export function codesOf(f: Fragment, book: Codebook): FragmentCodes[] {
  const out: FragmentCodes[] = [];
  for (const id of f.codes) {
    const code = resolveCode(book, id);
    if (!code || out.some((x) => x.code.id === code.id)) continue;
    out.push({ code, values: [] });
  }
  for (const ref of f.values ?? []) {
    const parsed = parseValueRef(ref);
    if (!parsed) continue;
    const code = resolveCode(book, parsed.codeId);
    const entry = code && out.find((x) => x.code.id === code.id);
    const value = code?.values.find((v) => v.id === parsed.valueId);
    if (entry && value && !entry.values.includes(value)) entry.values.push(value);
  }
  return out;
}

/** Whether a fragment carries a regime (after resolving merged ids). */
export function hasCode(f: Fragment, book: Codebook, codeId: string): boolean {
  return f.codes.some((id) => resolveCode(book, id)?.id === codeId);
}

/** Whether a fragment carries a value of a regime. */
export function hasValue(f: Fragment, codeId: string, valueId: string): boolean {
  return (f.values ?? []).includes(`${codeId}:${valueId}`);
}

/** "Civic (accessibility), Market" — the regimes and values in one language. */
export function codesText(f: Fragment, book: Codebook, local: (t: LocalText) => string, mere: string): string {
  const codes = codesOf(f, book);
  if (codes.length === 0) return mere;
  return codes
    .map(({ code, values }) => (values.length ? `${local(code.name)} (${values.map((v) => local(v.name)).join(', ')})` : local(code.name)))
    .join(', ');
}

/** The reader highlight of a fragment: colours and keys of its regimes, a label with everything. */
export function highlightOf(
  f: Fragment,
  book: Codebook,
  local: (t: LocalText) => string,
  mere: string,
  flagNames: string[] = [],
  mark?: { text: string; label: string },
): CodingHighlight {
  const codes = codesOf(f, book).map((x) => x.code);
  const parts = [codesText(f, book, local, mere), ...flagNames];
  if (f.memo.trim()) parts.push(`“${f.memo.trim().slice(0, 200)}”`);
  if (mark?.label) parts.push(mark.label);
  const highlight: CodingHighlight = {
    id: f.id,
    start: f.anchor.start,
    end: f.anchor.end,
    colors: codes.map((c) => c.color),
    keys: codes.map((c) => c.key),
    label: parts.join(' · '),
  };
  if (mark?.text) highlight.mark = mark.text;
  return highlight;
}

/** Relative luminance of #rrggbb (WCAG 2). */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on a background colour (for key chips). */
export function inkOn(background: string): '#000000' | '#FFFFFF' {
  return contrast(background, '#000000') >= contrast(background, '#FFFFFF') ? '#000000' : '#FFFFFF';
}
