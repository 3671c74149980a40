/**
 * The appendix report (exchange/appendix.ts) as a Word document (.docx), made with the docx
 * library: the title as Title, sections as Heading 1, subsections as Heading 2 (so Word's
 * navigation pane and table of contents pick them up), each fragment a bullet with its page
 * ("• [4 Civic] <fragment> (p. 15)."), flagged fragments bold. Before each quote its regimes: the
 * key on the regime's colour (shading, so it prints as a grey box in black and white) and the name.
 * A4 with 2.5 cm margins. Each quote carries its document's language (`w:lang`), everything else
 * the appendix's, so Word's spelling check fits both.
 */
import type { Appendix, AppendixItem } from './appendix.ts';
import { inkOn, pageSuffix } from './appendix.ts';

/** A language as Word wants it: a region-qualified tag ("nl" → "nl-NL"); other tags as given. */
export function wordLanguage(lang: string): string {
  const regions: Record<string, string> = { nl: 'nl-NL', en: 'en-GB', de: 'de-DE', fr: 'fr-FR' };
  return regions[lang] ?? lang;
}

/** The MIME type of a .docx file. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Writes the appendix as a .docx file; resolves to its bytes. */
export async function appendixToDocx(appendix: Appendix): Promise<Uint8Array> {
  const { Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun } = await import('docx');
  const language = { value: wordLanguage(appendix.lang) };
  const run = (text: string, extra: Record<string, unknown> = {}) => new TextRun({ text, language, ...extra });
  const labels = (i: AppendixItem) =>
    i.regimes.length === 0
      ? [run(`${appendix.words.mere} `, { italics: true, size: 18 })]
      : i.regimes.flatMap((r, n) => [
          ...(n > 0 ? [run(' · ', { size: 18 })] : []),
          ...(r.key ? [run(`\u00a0${r.key}\u00a0`, { bold: true, size: 18, color: inkOn(r.color).slice(1), shading: { type: ShadingType.CLEAR, color: 'auto', fill: r.color.replace('#', '') } })] : []),
          run(`${r.key ? '\u00a0' : ''}${r.name}`, { size: 18 }),
        ]).concat(run(' '));
  const bullet = (i: AppendixItem) =>
    new Paragraph({
      bullet: { level: 0 },
      spacing: { after: 80 },
      children: [
        ...labels(i),
        new TextRun({ text: i.text, bold: i.bold, language: { value: wordLanguage(i.lang ?? appendix.lang) } }),
        run(pageSuffix(i, appendix.words)),
        // Reviews (when asked for) on a line of their own, in italics.
        ...(i.review ? [new TextRun({ text: i.review, italics: true, break: 1, language: { value: wordLanguage(i.lang ?? appendix.lang) } })] : []),
      ],
    });
  const children: InstanceType<typeof Paragraph>[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [run(appendix.title)] })];
  for (const line of appendix.intro) children.push(new Paragraph({ children: [run(line)] }));
  if (appendix.summary) children.push(new Paragraph({ children: [run(appendix.summary, { italics: true })] }));
  for (const s of appendix.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(s.heading)] }));
    if (s.subtitle) children.push(new Paragraph({ children: [run(s.subtitle, { italics: true })] }));
    if (s.empty) children.push(new Paragraph({ children: [run(appendix.words.none, { italics: true })] }));
    for (const i of s.items) children.push(bullet(i));
    for (const sub of s.subsections) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(sub.heading)] }));
      for (const i of sub.items) children.push(bullet(i));
    }
  }
  const cm = (n: number) => Math.round((n / 2.54) * 1440); // twips
  const doc = new Document({
    creator: 'Worthmark',
    title: appendix.title,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { width: cm(21), height: cm(29.7) }, margin: { top: cm(2.5), bottom: cm(2.5), left: cm(2.5), right: cm(2.5) } } },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
