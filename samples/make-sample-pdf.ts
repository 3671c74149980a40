/**
 * Renders the sample regional profile (regioprofiel-rivierenland-oost.txt) to an A4 PDF with a
 * real text layer: a title page, running header with the title, page numbers in the footer, and
 * the typesetter's hyphenation of long words at line ends — so the import's hyphen joining and
 * page numbering can be seen in the demo. Run with `npm run samples`.
 *
 * Lines are broken here (not by pdfkit) so that hyphenation is under our control; paragraphs are
 * kept on one page when they fit, so the text has no running header in the middle of a sentence.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const SOURCE = here('./regioprofiel-rivierenland-oost.txt');
const TARGET = here('./regioprofiel-rivierenland-oost.pdf');

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const LEFT = 72;
const RIGHT = PAGE.width - 72;
const TOP = 96;
const BOTTOM = PAGE.height - 84;
const BODY = { font: 'Helvetica', size: 11, leading: 15.5 };
const HEAD = { font: 'Helvetica-Bold', size: 14, leading: 19 };

// Hyphenation points (Dutch rules) for the long words of the sample; only these are split.
const HYPHENATION = [
  'in-ter-na-tio-na-li-se-ring',
  'in-ter-na-tio-na-le',
  'in-ter-na-tio-naal',
  'cul-tuur-edu-ca-tie',
  'sa-men-wer-kings-ver-band',
  'pro-gram-me-rings-over-leg',
  'in-fra-struc-tuur',
  'pro-vin-cie-gren-zen',
  'ta-lent-ont-wik-ke-ling',
  'on-der-ne-mer-schap',
  'vrij-wil-li-gers',
  'be-roeps-prak-tijk',
  'ar-beids-mi-gran-ten',
  'mar-ke-ting-or-ga-ni-sa-tie',
  'con-ser-va-to-ri-um',
  'van-zelf-spre-kend',
  'kli-maat-adap-ta-tie',
  'erf-goed-pro-gram-ma',
  'ver-enigings-le-ven',
  'pro-fes-si-o-ne-le',
  'or-ga-ni-sa-tie',
  'deel-ne-men-de',
  'be-stui-ders',
  'be-stem-ming',
  'voor-zie-nin-gen',
  'ont-wik-ke-len',
  'sub-si-die-re-ge-ling',
  'cul-tuur-be-leid',
  'cul-tuur-toe-ris-me',
  'ge-meen-schap-pen',
  'af-ge-lo-pen',
  'ar-ran-ge-men-ten',
];
const POINTS = new Map(HYPHENATION.map((h) => [h.replace(/-/g, ''), h.split('-')]));

type Doc = InstanceType<typeof PDFDocument>;

/** Splits a word at its last hyphenation point whose head (with a hyphen) fits in `room`. */
function hyphenate(doc: Doc, word: string, room: number): [string, string] | undefined {
  const m = /^([\p{L}]+)(.*)$/u.exec(word);
  if (!m) return undefined;
  const parts = POINTS.get(m[1]!.toLowerCase());
  if (!parts) return undefined;
  for (let k = parts.length - 1; k >= 1; k--) {
    const headLength = parts.slice(0, k).join('').length;
    const head = m[1]!.slice(0, headLength) + '-';
    if (doc.widthOfString(head) <= room) return [head, m[1]!.slice(headLength) + m[2]!];
  }
  return undefined;
}

/** Greedy line breaking with hyphenation of known long words. */
function wrap(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/ +/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (doc.widthOfString(candidate) <= width) {
      line = candidate;
      continue;
    }
    const room = width - doc.widthOfString(line === '' ? '' : `${line} `);
    const split = hyphenate(doc, word, room);
    if (split) {
      lines.push(line === '' ? split[0] : `${line} ${split[0]}`);
      line = split[1];
    } else {
      if (line !== '') lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function build(source: string): Promise<{ pdf: Buffer; pages: number; hyphenated: number }> {
  const paragraphs = source.split(/\n\s*\n|\n(?=•)/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
  const [title, region, subtitle, ...body] = paragraphs;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    info: {
      Title: 'Regioprofiel Cultuur 2025–2028: Cultuurregio Rivierenland-Oost',
      Author: 'Worthmark (fictief voorbeeld)',
      Subject: 'Fictief regioprofiel als oefenmateriaal',
      CreationDate: new Date('2025-01-15T12:00:00Z'),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));

  let page = 1;
  let y = 0;
  let hyphenated = 0;
  const footer = (): void => {
    doc.font('Helvetica').fontSize(9).fillColor('#555');
    const label = String(page);
    doc.text(label, (PAGE.width - doc.widthOfString(label)) / 2, PAGE.height - 52, { lineBreak: false });
    doc.fillColor('black');
  };
  const newPage = (): void => {
    footer();
    doc.addPage({ size: 'A4', margin: 0 });
    page += 1;
    doc.font('Helvetica').fontSize(9).fillColor('#555');
    doc.text('Regioprofiel Cultuur 2025–2028 · Cultuurregio Rivierenland-Oost', LEFT, 48, { lineBreak: false });
    doc.moveTo(LEFT, 62).lineTo(RIGHT, 62).lineWidth(0.5).stroke('#999');
    doc.fillColor('black');
    y = TOP;
  };

  // Title page.
  doc.font('Helvetica-Bold').fontSize(24);
  y = 240;
  doc.text(title!, LEFT, y, { lineBreak: false });
  y += 34;
  doc.font('Helvetica').fontSize(18);
  doc.text(region!, LEFT, y, { lineBreak: false });
  y += 26;
  doc.font('Helvetica-Oblique').fontSize(11);
  y += 16;
  for (const l of wrap(doc, subtitle!, RIGHT - LEFT)) {
    doc.text(l, LEFT, y, { lineBreak: false });
    y += BODY.leading;
  }
  newPage();

  for (const para of body) {
    const isHeading = /^(\d+ |Voorwoord$)/.test(para) && para.length < 60;
    const isItem = para.startsWith('•');
    // A new chapter starts a new page when less than a quarter page is left.
    if (isHeading && y > BOTTOM - 200) newPage();
    const style = isHeading ? HEAD : BODY;
    doc.font(style.font).fontSize(style.size);
    const indent = isItem ? 14 : 0;
    const lines = wrap(doc, para, RIGHT - LEFT - indent);
    hyphenated += lines.filter((l) => /\p{L}-$/u.test(l)).length;
    const height = lines.length * style.leading;
    if (isHeading && y > TOP) y += 10;
    // Keep a paragraph together when it fits on a page.
    if (y + height > BOTTOM && height <= BOTTOM - TOP) newPage();
    lines.forEach((l, i) => {
      if (y + style.leading > BOTTOM) newPage();
      doc.font(style.font).fontSize(style.size);
      doc.text(l, LEFT + (isItem && i > 0 ? indent : 0), y, { lineBreak: false });
      y += style.leading;
    });
    y += isItem ? 3 : 9;
  }
  footer();
  doc.end();
  return new Promise((resolve) => doc.on('end', () => resolve({ pdf: Buffer.concat(chunks), pages: page, hyphenated })));
}

const { pdf, pages, hyphenated } = await build(readFileSync(SOURCE, 'utf8'));
writeFileSync(TARGET, pdf);
console.log(`wrote ${TARGET}: ${pages} pages, ${pdf.length} bytes, ${hyphenated} hyphenated line ends`);
