/**
 * What reading a project-like file brought in and what it left out, in Dutch and English: one
 * table of notes, each a code with values, so the CLI (English) and the app (either language)
 * say the same. A plural choice `{n|one|other}` picks by the number `n` (as ui/i18n.tsx does).
 * Pure: no React.
 */
import type { LocalText } from '../model/codebook.ts';

/** Every note a read can make, by code. */
export const REPORT_NOTES = {
  read: {
    en: 'Read {documents} {documents|document|documents}, {codes} {codes|code|codes} with {values} {values|value|values}, {coders} {coders|coder|coders} and {fragments} {fragments|fragment|fragments}.',
    nl: '{documents} {documents|document|documenten}, {codes} {codes|code|codes} met {values} {values|waarde|waarden}, {coders} {coders|codeur|codeurs} en {fragments} {fragments|fragment|fragmenten} gelezen.',
  },
  origin: { en: 'Made by {origin}.', nl: 'Gemaakt met {origin}.' },
  originals: {
    en: '{n} original {n|file|files} (PDF or Word) came along.',
    nl: '{n} {n|origineel bestand|originele bestanden} (PDF of Word) meegekomen.',
  },
  originalsRefused: {
    en: 'Left out: {n} original {n|file|files} that {n|does|do} not belong to a document of the project (another file, or changed) ({names}).',
    nl: 'Weggelaten: {n} {n|origineel bestand|originele bestanden} dat niet bij een document van het project hoort (een ander bestand, of gewijzigd) ({names}).',
  },
  worthmarkData: {
    en: 'Worthmark\'s own data in the file (names in both languages, pages, document details, searches) was used.',
    nl: 'De eigen gegevens van Worthmark in het bestand (namen in beide talen, pagina\'s, documentgegevens, zoeksets) zijn gebruikt.',
  },
  worthmarkDataUnreadable: {
    en: 'The note "Worthmark project data" could not be read ({reason}); the file was read as from another program.',
    nl: 'De notitie "Worthmark project data" kon niet worden gelezen ({reason}); het bestand is gelezen als uit een ander programma.',
  },
  textMissing: {
    en: 'Text missing: {n} text {n|source has|sources have} no text in the file ({names}). Each became a document marked "text missing" that keeps its {selections} coded {selections|passage|passages} at their positions, {known} with the quote known from {known|its|their} name; add the text files (by the same name) to attach them.',
    nl: 'Tekst ontbreekt: {n} {n|tekstbron heeft|tekstbronnen hebben} geen tekst in het bestand ({names}). Elk werd een document met "tekst ontbreekt" dat de {selections} {selections|gecodeerde passage|gecodeerde passages} op {selections|haar|hun} plaats houdt, {known} met het citaat bekend uit de naam; voeg de tekstbestanden (met dezelfde naam) toe om ze te koppelen.',
  },
  unreadableText: {
    en: 'The text file of "{name}" is not UTF-8 (nor UTF-16) text: it is read as a text missing, its {selections} coded {selections|passage|passages} kept at their positions; attach the text as UTF-8.',
    nl: 'Het tekstbestand van "{name}" is geen UTF-8- (of UTF-16-)tekst: het is gelezen als ontbrekende tekst, de {selections} {selections|gecodeerde passage|gecodeerde passages} op {selections|haar|hun} plaats gehouden; koppel de tekst als UTF-8.',
  },
  sameText: {
    en: '{n} {n|source has|sources have} the same text as another and {n|was|were} read as that document ({names}).',
    nl: '{n} {n|bron heeft|bronnen hebben} dezelfde tekst als een andere en {n|is|zijn} als dat document gelezen ({names}).',
  },
  pictures: {
    en: 'Left out: {n} {n|picture|pictures} with {selections} coded {selections|region|regions} (Worthmark codes text only).',
    nl: 'Weggelaten: {n} {n|afbeelding|afbeeldingen} met {selections} {selections|gecodeerd gebied|gecodeerde gebieden} (Worthmark codeert alleen tekst).',
  },
  audio: {
    en: 'Left out: {n} audio {n|source|sources} with {selections} {selections|selection|selections} and {transcripts} {transcripts|transcript|transcripts}.',
    nl: 'Weggelaten: {n} {n|audiobron|audiobronnen} met {selections} {selections|selectie|selecties} en {transcripts} {transcripts|transcriptie|transcripties}.',
  },
  video: {
    en: 'Left out: {n} video {n|source|sources} with {selections} {selections|selection|selections} and {transcripts} {transcripts|transcript|transcripts}.',
    nl: 'Weggelaten: {n} {n|videobron|videobronnen} met {selections} {selections|selectie|selecties} en {transcripts} {transcripts|transcriptie|transcripties}.',
  },
  pdfRegions: {
    en: 'Left out: {n} PDF {n|region|regions} (rectangles on a page); passages coded in a PDF\'s text were read.',
    nl: 'Weggelaten: {n} {n|PDF-gebied|PDF-gebieden} (rechthoeken op een pagina); passages gecodeerd in de tekst van een PDF zijn wel gelezen.',
  },
  pdfWithoutText: {
    en: 'Left out: {n} PDF {n|source|sources} without a text representation ({names}).',
    nl: 'Weggelaten: {n} {n|PDF-bron|PDF-bronnen} zonder tekstweergave ({names}).',
  },
  sourceCodings: {
    en: 'Left out: {n} {n|coding|codings} of a whole source (Worthmark codes passages).',
    nl: 'Weggelaten: {n} {n|codering|coderingen} van een hele bron (Worthmark codeert passages).',
  },
  cases: { en: 'Left out: {n} {n|case|cases}.', nl: 'Weggelaten: {n} {n|casus|casussen}.' },
  variables: { en: 'Left out: {n} {n|variable|variables} and their values.', nl: 'Weggelaten: {n} {n|variabele|variabelen} en hun waarden.' },
  sets: { en: 'Left out: {n} {n|set|sets}.', nl: 'Weggelaten: {n} {n|set|sets}.' },
  graphs: { en: 'Left out: {n} {n|graph|graphs} (networks).', nl: 'Weggelaten: {n} {n|netwerk|netwerken}.' },
  links: { en: 'Left out: {n} {n|link|links} between objects.', nl: 'Weggelaten: {n} {n|koppeling|koppelingen} tussen objecten.' },
  notes: {
    en: 'Left out: {n} {n|note|notes} not attached to a coded passage (project, document or code memos).',
    nl: 'Weggelaten: {n} {n|notitie|notities} die niet aan een gecodeerde passage hangen (project-, document- of codememo\'s).',
  },
  unknownCode: {
    en: 'Left out: {n} {n|coding|codings} of a code that is not in the codebook.',
    nl: 'Weggelaten: {n} {n|codering|coderingen} met een code die niet in het codeboek staat.',
  },
  outOfRange: {
    en: 'Left out: {n} {n|selection|selections} whose positions do not fit the text ({names}).',
    nl: 'Weggelaten: {n} {n|selectie|selecties} waarvan de posities niet in de tekst passen ({names}).',
  },
  quoteChecked: {
    en: '{checked} {checked|selection|selections} checked against the quote in {checked|its name|their names}: {matched} matched.',
    nl: '{checked} {checked|selectie|selecties} getoetst aan het citaat in de naam: {matched} {matched|klopte|klopten}.',
  },
  quoteMismatch: {
    en: '{n} {n|selection|selections} did not match the quote in {n|its|their} name and {n|was|were} kept at {n|its|their} position ({names}); a name can also be a label.',
    nl: '{n} {n|selectie klopte|selecties klopten} niet met het citaat in de naam en {n|is|zijn} op de eigen positie gehouden ({names}); een naam kan ook een label zijn.',
  },
  crlfOneCharacter: {
    en: 'Line ends (CR LF) in {n} {n|text|texts} were counted as one character, as ATLAS.ti does.',
    nl: 'Regeleinden (CR LF) in {n} {n|tekst|teksten} zijn als één teken geteld, zoals ATLAS.ti doet.',
  },
  splitByCoder: {
    en: '{n} {n|selection was|selections were} coded by more than one coder and became one fragment per coder.',
    nl: '{n} {n|selectie is|selecties zijn} door meer dan één codeur gecodeerd en werd één fragment per codeur.',
  },
  codebookOnly: {
    en: 'Only the codebook was imported; the documents, coders, codings and notes of the project were ignored.',
    nl: 'Alleen het codeboek is geïmporteerd; de documenten, codeurs, coderingen en notities van het project zijn genegeerd.',
  },
} as const satisfies Record<string, LocalText>;

/** A note's code. */
export type ReportNoteCode = keyof typeof REPORT_NOTES;

/** One line of a read report. */
export interface ReportNote {
  code: ReportNoteCode;
  values: Record<string, string | number>;
}

/** What a read brought in and left out, in order. */
export interface ReadReport {
  /** What the file was read as. */
  kind: 'worthmark-json' | 'worthmark-zip' | 'qdpx' | 'qde';
  notes: ReportNote[];
}

const PLURAL = /\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g;

/** A report note in a language. */
export function reportNoteText(note: ReportNote, lang: keyof LocalText): string {
  const params = note.values;
  let s = REPORT_NOTES[note.code][lang].replace(PLURAL, (whole, name: string, one: string, other: string) =>
    name in params ? (Number(params[name]) === 1 ? one : other) : whole,
  );
  for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Names for a note: the first few, quoted, and how many more. */
export function someNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  return names.length > max ? `${shown.join(', ')} … (+${names.length - max})` : shown.join(', ');
}
