/**
 * The appendix report (exchange/appendix.ts) as a Word document (.docx), made with the docx
 * library: the title as Title, sections as Heading 1, subsections as Heading 2 (so Word's
 * navigation pane and table of contents pick them up), each fragment a bullet with its page
 * ("• <fragment> (p. 15)"), flagged fragments bold. A4 with 2.5 cm margins; language set to
 * Dutch or English so Word's spelling check fits the quotes.
 */
import type { Appendix, AppendixItem } from './appendix.ts';
import { pageSuffix } from './appendix.ts';

/** The MIME type of a .docx file. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Writes the appendix as a .docx file; resolves to its bytes. */
export async function appendixToDocx(appendix: Appendix): Promise<Uint8Array> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const language = appendix.lang === 'nl' ? 'nl-NL' : 'en-GB';
  const bullet = (i: AppendixItem) =>
    new Paragraph({
      bullet: { level: 0 },
      spacing: { after: 80 },
      children: [new TextRun({ text: i.text, bold: i.bold, language: { value: language } }), new TextRun({ text: pageSuffix(i, appendix.words) })],
    });
  const children: InstanceType<typeof Paragraph>[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(appendix.title)] })];
  for (const line of appendix.intro) children.push(new Paragraph({ children: [new TextRun(line)] }));
  for (const s of appendix.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    if (s.subtitle) children.push(new Paragraph({ children: [new TextRun({ text: s.subtitle, italics: true })] }));
    if (s.empty) children.push(new Paragraph({ children: [new TextRun({ text: appendix.words.none, italics: true })] }));
    for (const i of s.items) children.push(bullet(i));
    for (const sub of s.subsections) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(sub.heading)] }));
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
