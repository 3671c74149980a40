/**
 * Long titles shortened for a narrow place, such as the tally's row headers. Documents of one
 * series often share a long start and differ further on (a part, a period): where a title shares
 * its start with another one shown, it keeps its first words and shows the rest from where it
 * departs ("Aandachtspunten bij … deel 2: cultuurregio, …"); otherwise its start and end stay and
 * the middle gives way. Cuts fall between words where one is near. The whole title is always
 * given besides (tooltip, accessible name, exports).
 */
import { commonPrefix } from '../text/anchor.ts';

/** The titles as shown together (`max` characters each at most). */
export function shortTitles(titles: readonly string[], max = 80): string[] {
  const sorted = [...new Set(titles)].sort();
  const common = (a: string | undefined, b: string | undefined): number => (a === undefined || b === undefined ? 0 : commonPrefix(a, b));
  // In sorted order the longest start a title shares with another is shared with a neighbour.
  const shared = new Map<string, number>();
  sorted.forEach((t, i) => shared.set(t, Math.max(common(sorted[i - 1], t), common(t, sorted[i + 1]))));
  return titles.map((t) => shortTitle(t, max, shared.get(t) ?? 0));
}

/** One title shortened to `max` characters; `sharedStart`: how many of its first characters another title shown has too. */
export function shortTitle(title: string, max = 80, sharedStart = 0): string {
  const whole = title.trim();
  const chars = Array.from(whole);
  if (chars.length <= max) return whole;
  const HEAD = Math.round(max / 4);
  if (sharedStart > HEAD + 10) {
    const head = toWordEnd(chars.slice(0, HEAD).join(''));
    // From the word before the one where it departs ("deel 2", not "2").
    const wordStart = whole.lastIndexOf(' ', sharedStart - 1);
    const from = wordStart > 0 ? whole.lastIndexOf(' ', wordStart - 1) + 1 : 0;
    const rest = Array.from(whole.slice(from));
    const room = max - Array.from(head).length - 3;
    const body = rest.length <= room ? rest.join('') : `${toWordEnd(rest.slice(0, room - 2).join(''))} …`;
    return `${head} … ${body}`;
  }
  const headLength = Math.round(max * 0.55);
  const tailLength = max - headLength - 3;
  const head = toWordEnd(chars.slice(0, headLength).join(''));
  let tail = chars.slice(chars.length - tailLength).join('');
  const next = tail.indexOf(' ');
  if (next >= 0 && next < tail.length / 2) tail = tail.slice(next + 1);
  return `${head} … ${tail.trimStart()}`;
}

/** A cut text back to its last word's end, when that is in its second half. */
function toWordEnd(s: string): string {
  const space = s.lastIndexOf(' ');
  return (space > s.length / 2 ? s.slice(0, space) : s).trimEnd();
}
