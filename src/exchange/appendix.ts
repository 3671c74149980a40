/**
 * The appendix report: every fragment quoted with its page, grouped per document (and per
 * regime, as chosen) — the thesis' "Bijlage" written by hand until now:
 *
 *   Arnhem-Nijmegen
 *   • [3 Fame] De nagenoeg complete culturele keten bestaat uit … (p. 15).
 *
 * Rules (owned here):
 * - Documents appear in project order, fragments in reading order (start, then end offset).
 * - The page is the label of the page holding the fragment's first character; a fragment that
 *   runs onto a later page gets a range ("p. 15–16"); without pages, or for an orphaned fragment
 *   (empty range), no page is given.
 * - The fragment text is the quote's `exact`, with runs of white space (line breaks) made one
 *   space. A closing point moves behind the page, as the thesis writes it: "… cultuur (p. 23)."
 *   ("?", "!" and "…" stay in the quote). Flagged fragments (e.g. glocalisation) are set in bold, as in the thesis.
 * - Each fragment carries its regimes (codebook order) before the quote, as the thesis' highlighter
 *   colour did: the regime's colour with its key and name, so the appendix also reads in black and
 *   white ("4 Civic · 5 Market"); a fragment without regimes is marked as a mere statement.
 * - A quote is in its document's language (`meta.lang`; for a document without one, the language
 *   told from its quotes), so Word and browsers check and hyphenate it as such; headings and the
 *   words around the quotes are in the appendix's language.
 * - Under the title: the intro lines, then the one-line summary of the tally of the fragments
 *   listed — the dominant regime in the thesis' sense (exchange/tally-table.ts dominantLine).
 * - Grouping `document`: one section per document, each fragment once. `document-regime`: per
 *   document a subsection per regime (codebook order), a fragment with two regimes under both,
 *   then the mere statements. `regime-document`: a section per regime (then mere statements),
 *   within it a subsection per document. Empty subsections are left out; a document without
 *   fragments keeps its heading with a "no fragments" line in the `document` groupings.
 * The same built structure is written as Markdown, as a printable HTML page (here) and as DOCX
 * (appendix-docx.ts), so the three never disagree.
 */
import type { Codebook, LocalText } from '../model/codebook.ts';
import { pageAt, type PolicyDocument } from '../model/document.ts';
import type { Coder, Fragment } from '../model/fragment.ts';
import type { Review } from '../model/review.ts';
import { reviewCells } from './fragment-rows.ts';
import { tally } from '../analysis/tally.ts';
import { detectLanguage } from '../text/language.ts';
import { dominantLine } from './tally-table.ts';

/** A regime as an appendix item shows it: its key (may be empty), name and colour (#rrggbb). */
export interface AppendixRegime {
  key: string;
  name: string;
  color: string;
}

/** How the appendix groups fragments. */
export type AppendixGrouping = 'document' | 'document-regime' | 'regime-document';

/** One quoted fragment. */
export interface AppendixItem {
  /** The quote, without a sentence's closing point (that goes after the page: "… (p. 15)."). */
  text: string;
  /** "." when the quote ended a sentence with a point, else "". */
  close: string;
  /** "15", "15–16", or "" when the document has no pages. */
  page: string;
  /** Set in bold (the fragment carries a flag). */
  bold: boolean;
  /** The fragment's regimes in codebook order; empty for a mere statement. */
  regimes: AppendixRegime[];
  /** The language of the quote (its document's), when known: a BCP 47 tag such as "nl". */
  lang?: string;
  fragmentId: string;
  documentId: string;
  /** The fragment's reviews in one line ("Prof. Jansen: rejected — [Prof. Jansen, 2026-03-01] …"), when asked for and present. */
  review?: string;
}

/** A heading with fragments, possibly split in subsections. */
export interface AppendixSection {
  heading: string;
  /** A line under the heading (region and year of a document), if any. */
  subtitle?: string;
  items: AppendixItem[];
  subsections: { heading: string; items: AppendixItem[] }[];
  /** Set when the section has no fragments at all. */
  empty: boolean;
}

/** The built appendix. */
export interface Appendix {
  title: string;
  /** Lines under the title (the search terms, the filters). */
  intro: string[];
  /** The one-line summary: the dominant regime in the thesis' sense; absent without regimes. */
  summary?: string;
  sections: AppendixSection[];
  lang: keyof LocalText;
  /** Words the writers need: "p.", "no fragments", "mere statement". */
  words: { page: string; none: string; mere: string };
}

/** What to build an appendix from. */
export interface AppendixInput {
  documents: readonly PolicyDocument[];
  fragments: readonly Fragment[];
  codebook: Pick<Codebook, 'codes'>;
  grouping: AppendixGrouping;
  lang: keyof LocalText;
  /** Title; default the grouping's title in the language (see {@link appendixTitle}). */
  title?: string;
  intro?: string[];
  /** Add each fragment's reviews (statuses and comments) under its quote; absent: none. */
  reviews?: { reviews: readonly Review[]; coders: readonly Coder[] };
}

const WORDS: Record<keyof LocalText, { page: string; none: string; mere: string }> = {
  nl: { page: 'p.', none: 'Geen fragmenten.', mere: 'Constatering' },
  en: { page: 'p.', none: 'No fragments.', mere: 'Mere statement' },
};

const TITLES: Record<keyof LocalText, Record<AppendixGrouping, string>> = {
  nl: {
    document: 'Bijlage: fragmenten per document',
    'document-regime': 'Bijlage: fragmenten per document en regime',
    'regime-document': 'Bijlage: fragmenten per regime en document',
  },
  en: {
    document: 'Appendix: fragments per document',
    'document-regime': 'Appendix: fragments per document and regime',
    'regime-document': 'Appendix: fragments per regime and document',
  },
};

/** The default title of an appendix: says how it is grouped ("… per regime and document"). */
export function appendixTitle(grouping: AppendixGrouping, lang: keyof LocalText): string {
  return TITLES[lang][grouping];
}

/** The page (or page range) of [start, end) as the thesis cites it: "15" or "15–16". */
export function pageRef(pages: PolicyDocument['pages'], start: number, end: number): string {
  // No pages, or an orphaned fragment (quote not found again: empty range): nothing to cite.
  if (pages.length === 0 || end <= start) return '';
  const first = pageAt(pages, start);
  const last = pageAt(pages, Math.max(start, end - 1));
  if (!first) return '';
  return last && last.index !== first.index ? `${first.label}–${last.label}` : first.label;
}

/** Builds the appendix structure; see the module header for the rules. */
export function buildAppendix(input: AppendixInput): Appendix {
  const w = WORDS[input.lang];
  const order = new Map(input.documents.map((d, i) => [d.id as string, i]));
  const sorted = input.fragments
    .filter((f) => order.has(f.documentId))
    .sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end);
  const documentOf = new Map(input.documents.map((d) => [d.id as string, d]));
  const reviewsOf = new Map<string, Review[]>();
  for (const r of input.reviews?.reviews ?? []) reviewsOf.set(r.fragmentId, [...(reviewsOf.get(r.fragmentId) ?? []), r]);
  const coderName = new Map((input.reviews?.coders ?? []).map((c) => [c.id as string, c.name || c.initials || c.id]));
  const reviewLine = (f: Fragment): string => {
    const cells = reviewCells(reviewsOf.get(f.id) ?? [], (id) => coderName.get(id) ?? id, input.lang);
    return [cells.review, cells.comments.replace(/\n/g, ' / ')].filter(Boolean).join(' — ');
  };
  const codes = input.codebook.codes;
  const quoteLang = languagesOf(input.documents, sorted);
  const item = (f: Fragment): AppendixItem => {
    const it: AppendixItem = {
      ...splitClosingPoint(f.anchor.exact.replace(/\s+/g, ' ').trim()),
      page: pageRef(documentOf.get(f.documentId)!.pages, f.anchor.start, f.anchor.end),
      bold: f.flags.length > 0,
      regimes: codes.filter((c) => f.codes.includes(c.id)).map((c) => ({ key: c.key ?? '', name: c.name[input.lang], color: c.color })),
      fragmentId: f.id,
      documentId: f.documentId,
    };
    const lang = quoteLang.get(f.documentId);
    if (lang) it.lang = lang;
    const review = input.reviews ? reviewLine(f) : '';
    if (review) it.review = review;
    return it;
  };
  const known = new Set(codes.map((c) => c.id as string));
  const isMere = (f: Fragment) => !f.codes.some((c) => known.has(c));
  const byRegime = (list: readonly Fragment[]) => [
    ...codes.map((c) => ({ heading: c.name[input.lang], items: list.filter((f) => f.codes.includes(c.id)).map(item) })),
    { heading: w.mere, items: list.filter(isMere).map(item) },
  ].filter((s) => s.items.length > 0);
  const subtitle = (d: PolicyDocument) => [d.meta.region, d.meta.year].filter((x) => x !== undefined && x !== '').join(', ') || undefined;

  let sections: AppendixSection[];
  if (input.grouping === 'regime-document') {
    const groups = [...codes.map((c) => ({ heading: c.name[input.lang], test: (f: Fragment) => f.codes.includes(c.id) })), { heading: w.mere, test: isMere }];
    sections = groups
      .map((g) => {
        const list = sorted.filter(g.test);
        const subsections = input.documents
          .map((d) => ({ heading: d.title, items: list.filter((f) => f.documentId === d.id).map(item) }))
          .filter((s) => s.items.length > 0);
        return { heading: g.heading, items: [], subsections, empty: list.length === 0 };
      })
      .filter((s) => !s.empty);
  } else {
    sections = input.documents.map((d) => {
      const list = sorted.filter((f) => f.documentId === d.id);
      return {
        heading: d.title,
        subtitle: subtitle(d),
        items: input.grouping === 'document' ? list.map(item) : [],
        subsections: input.grouping === 'document-regime' ? byRegime(list) : [],
        empty: list.length === 0,
      };
    });
  }
  const appendix: Appendix = {
    title: input.title ?? appendixTitle(input.grouping, input.lang),
    intro: input.intro ?? [],
    sections,
    lang: input.lang,
    words: { page: w.page, none: w.none, mere: w.mere },
  };
  if (codes.length > 0 && sorted.length > 0) {
    const counted = tally({ documents: input.documents, codes: codes.map((c) => c.id), fragments: sorted });
    appendix.summary = dominantLine(counted, { codeNames: codes.map((c) => c.name[input.lang]), lang: input.lang });
  }
  return appendix;
}

/** Each document's quote language: its `meta.lang`, else the language told from its quotes. */
function languagesOf(documents: readonly PolicyDocument[], fragments: readonly Fragment[]): Map<string, string> {
  const out = new Map<string, string>();
  const quotes = new Map<string, string[]>();
  for (const f of fragments) {
    const list = quotes.get(f.documentId);
    if (list) list.push(f.anchor.exact);
    else quotes.set(f.documentId, [f.anchor.exact]);
  }
  for (const d of documents) {
    const lang = d.meta.lang ?? detectLanguage((quotes.get(d.id) ?? []).join(' '));
    if (lang) out.set(d.id, lang);
  }
  return out;
}

/** The regimes of an item as words: "4 Civic · 5 Market", or the mere-statement word. */
export function regimeLabel(item: AppendixItem, words: Appendix['words']): string {
  if (item.regimes.length === 0) return words.mere;
  return item.regimes.map((r) => (r.key ? `${r.key} ${r.name}` : r.name)).join(' · ');
}

/** Black or white, whichever reads better on a colour (WCAG relative luminance). */
export function inkOn(color: string): '#000000' | '#ffffff' {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return '#000000';
  const channel = (hex: string) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(m[1]!) + 0.7152 * channel(m[2]!) + 0.0722 * channel(m[3]!);
  // Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05): black wins above ~0.179.
  return l > 0.179 ? '#000000' : '#ffffff';
}

/** The text after a quote: " (p. 15)" and the quote's closing point, if any. */
export function pageSuffix(item: AppendixItem, words: Appendix['words']): string {
  return (item.page ? ` (${words.page} ${item.page})` : '') + item.close;
}

/** Splits one closing point off a quote ("dimensie van cultuur." → "dimensie van cultuur" + "."); an ellipsis "..." stays. */
export function splitClosingPoint(quote: string): { text: string; close: string } {
  const m = /^(.*[^.])\.$/su.exec(quote);
  return m ? { text: m[1]!, close: '.' } : { text: quote, close: '' };
}

/** Escapes text for Markdown so quotes with *, _, [, <, # or ` show as written. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/^(\d+)\. /, '$1\\. ').replace(/^[-+] /, (m) => `\\${m}`);
}

/** The appendix as Markdown: `#` title, `##` sections, `###` subsections, a bullet per fragment with its page; bold when flagged. */
export function appendixToMarkdown(appendix: Appendix): string {
  const out: string[] = [`# ${md(appendix.title)}`, ''];
  for (const line of appendix.intro) out.push(md(line), '');
  if (appendix.summary) out.push(`*${md(appendix.summary)}*`, '');
  const list = (items: readonly AppendixItem[]) => {
    for (const i of items) {
      const text = i.bold ? `**${md(i.text)}**` : md(i.text);
      out.push(`- \\[${md(regimeLabel(i, appendix.words))}\\] ${text}${pageSuffix(i, appendix.words)}`);
      if (i.review) out.push(`  *${md(i.review)}*`);
    }
    out.push('');
  };
  for (const s of appendix.sections) {
    out.push(`## ${md(s.heading)}`, '');
    if (s.subtitle) out.push(`*${md(s.subtitle)}*`, '');
    if (s.empty) out.push(`*${appendix.words.none}*`, '');
    if (s.items.length) list(s.items);
    for (const sub of s.subsections) {
      out.push(`### ${md(sub.heading)}`, '');
      list(sub.items);
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The appendix as a standalone, printable HTML page (A4, serif, no page break inside a quote,
 * headings kept with what follows). No scripts, no outside resources.
 */
export function appendixToHtml(appendix: Appendix): string {
  const chips = (i: AppendixItem) =>
    i.regimes.length === 0
      ? `<span class="regimes mere">${escapeHtml(appendix.words.mere)}</span>`
      : `<span class="regimes">${i.regimes
          .map(
            (r) =>
              `<span class="regime"><span class="chip" style="background:${escapeHtml(r.color)};color:${inkOn(r.color)}">${escapeHtml(r.key || '\u00a0')}</span> ${escapeHtml(r.name)}</span>`,
          )
          .join(' · ')}</span>`;
  const quote = (i: AppendixItem) => {
    const text = i.bold ? `<strong>${escapeHtml(i.text)}</strong>` : escapeHtml(i.text);
    return i.lang ? `<span class="quote" lang="${escapeHtml(i.lang)}">${text}</span>` : `<span class="quote">${text}</span>`;
  };
  const list = (items: readonly AppendixItem[]) =>
    `<ul>\n${items.map((i) => `  <li>${chips(i)} ${quote(i)}${escapeHtml(pageSuffix(i, appendix.words))}${i.review ? `<br><span class="review">${escapeHtml(i.review)}</span>` : ''}</li>`).join('\n')}\n</ul>`;
  const body = appendix.sections
    .map((s) =>
      [
        `<section>\n<h2>${escapeHtml(s.heading)}</h2>`,
        s.subtitle ? `<p class="sub">${escapeHtml(s.subtitle)}</p>` : '',
        s.empty ? `<p class="none">${escapeHtml(appendix.words.none)}</p>` : '',
        s.items.length ? list(s.items) : '',
        ...s.subsections.map((sub) => `<h3>${escapeHtml(sub.heading)}</h3>\n${list(sub.items)}`),
        '</section>',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
  return `<!doctype html>
<html lang="${appendix.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(appendix.title)}</title>
<style>
  @page { size: A4; margin: 2.5cm 2.5cm 2.5cm 2.5cm; }
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.5; color: #000; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.6em; } h3 { font-size: 11pt; font-style: italic; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  li { margin: 0 0 0.4em; break-inside: avoid; page-break-inside: avoid; }
  .sub, .none, .summary, .review { font-style: italic; color: #333; }
  /* The regime before each quote: its colour with the key, and its name, so black-and-white print keeps it. */
  .regimes { font-family: Arial, Helvetica, sans-serif; font-size: 8.5pt; white-space: nowrap; margin-right: 0.3em; }
  .regimes.mere { font-style: italic; color: #333; }
  .chip { display: inline-block; min-width: 1.3em; text-align: center; font-weight: 700; border: 1px solid #000; border-radius: 2px; padding: 0 0.15em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<h1>${escapeHtml(appendix.title)}</h1>
${appendix.intro.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
${appendix.summary ? `<p class="summary">${escapeHtml(appendix.summary)}</p>` : ''}
${body}
</body>
</html>
`;
}
