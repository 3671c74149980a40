/**
 * Page clean-up before normalisation: removes running headers and footers from PDF pages.
 *
 * Policy (deliberately conservative — a wrongly removed line loses text a user may want to cite):
 * only the first two and last two lines of a page are candidates; a candidate is a running line
 * when the same line, with digits ignored, is a candidate on at least half of the pages and on at
 * least three — but never all lines of a page. That catches "Regioprofiel … 2025", "Pagina 3 van 40", "3/9" and bare page numbers,
 * and leaves body text alone. Where a running line is removed, the paragraph gap next to it goes
 * too, so a paragraph that runs across the page break stays one paragraph. Every removed line is
 * reported with its page and edge (ImportReport.removed), so the import report can show it and the
 * user can have it back (re-extraction with `keepRunningLines`). Column order is handled earlier,
 * when lines are built (pdf-text.ts).
 */
import type { RemovedLine } from '../model/document.ts';
import type { PageLines } from '../text/normalise.ts';

/** Pages without their running headers and footers, and the lines that were removed. */
export interface PageCleanupResult {
  pages: PageLines[];
  /** The removed lines' text, in page order. */
  removedLines: string[];
  /** The removed lines with their page and edge, for the import report and its undo. */
  removed: RemovedLine[];
}

/** How a line is compared across pages: digits ignored, spacing and case folded. */
export function runningKey(line: string): string {
  return line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

const CANDIDATES_PER_EDGE = 2;

function candidateIndexes(lines: readonly string[]): number[] {
  const nonBlank = lines.flatMap((l, i) => (l.trim() === '' ? [] : [i]));
  const head = nonBlank.slice(0, CANDIDATES_PER_EDGE);
  const tail = nonBlank.slice(-CANDIDATES_PER_EDGE);
  return [...new Set([...head, ...tail])];
}

/** Removes running headers and footers (see the module header) from a document's pages. */
export function removeRunningLines(pages: readonly PageLines[]): PageCleanupResult {
  const minPages = Math.max(3, Math.ceil(pages.length / 2));
  if (pages.length < 3) return { pages: pages.map((p) => ({ ...p, lines: [...p.lines] })), removedLines: [], removed: [] };

  const pagesWithKey = new Map<string, number>();
  const candidates = pages.map((p) => candidateIndexes(p.lines));
  candidates.forEach((idx, pageNo) => {
    const keys = new Set(idx.map((i) => runningKey(pages[pageNo]!.lines[i]!)));
    for (const k of keys) pagesWithKey.set(k, (pagesWithKey.get(k) ?? 0) + 1);
  });
  const running = new Set([...pagesWithKey].filter(([k, n]) => n >= minPages && /\S/.test(k)).map(([k]) => k));

  const removed: RemovedLine[] = [];
  const cleaned = pages.map((p, pageNo) => {
    const drop = new Set(candidates[pageNo]!.filter((i) => running.has(runningKey(p.lines[i]!))));
    // A page is never emptied: lines that are all there is on a page are body text.
    const body = p.lines.filter((l, i) => l.trim() !== '' && !drop.has(i)).length;
    if (drop.size === 0 || body === 0) return { ...p, lines: [...p.lines] };
    const lines: string[] = [];
    const firstBody = p.lines.findIndex((l, i) => l.trim() !== '' && !drop.has(i));
    p.lines.forEach((line, i) => {
      if (!drop.has(i)) lines.push(line);
      else removed.push({ page: p.index, edge: firstBody >= 0 && i < firstBody ? 'top' : 'bottom', text: line.trim() });
    });
    // The gaps that separated the running lines from the body are not paragraph breaks.
    while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    return { ...p, lines };
  });
  return { pages: cleaned, removedLines: removed.map((r) => r.text), removed };
}
