/**
 * Why an exchange file was rejected, in Dutch and English: the one table of reason templates
 * behind every FormatError (./format-error.ts). A FormatError carries a code from this table
 * and the values for its `{placeholders}`; its English `reason` is rendered from the same
 * table, so the text the CLI prints and the text the UI shows cannot drift apart.
 *
 * Values are language-neutral (ids, numbers, element names, JSON type names) or a term given
 * in both languages (`{ nl, en }`), such as the unit in a zod size message. Pure: no React.
 */
import type { LocalText } from '../model/codebook.ts';
import type { FormatError } from './format-error.ts';

/** Every reason template, by code. The English side is exactly what `FormatError.reason` says. */
export const FORMAT_REASONS = {
  // A file that cannot be read at all.
  invalid: { en: 'invalid', nl: 'ongeldig' },
  'json.invalid': { en: 'not valid JSON: {detail}', nl: 'geen geldige JSON: {detail}' },
  'json.notJson': { en: 'not a JSON file ({kind})', nl: 'geen JSON-bestand ({kind})' },

  // zod's own issues, in zod 4's English wording without its "Invalid input: " prefix.
  'zod.missing': { en: 'missing (expected {expected})', nl: 'ontbreekt (verwacht: {expected})' },
  'zod.type': { en: 'expected {expected}, received {received}', nl: 'verkeerd type (verwacht: {expected}, gevonden: {received})' },
  'zod.literal': { en: 'expected {expected}', nl: 'verwacht: {expected}' },
  'zod.oneOf': { en: 'Invalid option: expected one of {options}', nl: 'ongeldige keuze (verwacht een van: {options})' },
  'zod.tooSmall': { en: 'Too small: expected {origin} to have {relation}{limit} {unit}', nl: 'te klein: {origin} moet {relation}{limit} {unit} hebben' },
  'zod.tooSmallValue': { en: 'Too small: expected {origin} to be {relation}{limit}', nl: 'te klein: {origin} moet {relation}{limit} zijn' },
  'zod.tooBig': { en: 'Too big: expected {origin} to have {relation}{limit} {unit}', nl: 'te groot: {origin} moet {relation}{limit} {unit} hebben' },
  'zod.tooBigValue': { en: 'Too big: expected {origin} to be {relation}{limit}', nl: 'te groot: {origin} moet {relation}{limit} zijn' },
  'zod.pattern': { en: 'Invalid string: must match pattern {pattern}', nl: 'ongeldige tekst: moet voldoen aan het patroon {pattern}' },
  'zod.startsWith': { en: 'Invalid string: must start with "{prefix}"', nl: 'ongeldige tekst: moet beginnen met "{prefix}"' },
  'zod.endsWith': { en: 'Invalid string: must end with "{suffix}"', nl: 'ongeldige tekst: moet eindigen op "{suffix}"' },
  'zod.includes': { en: 'Invalid string: must include "{includes}"', nl: 'ongeldige tekst: moet "{includes}" bevatten' },
  'zod.format': { en: 'Invalid {format}', nl: 'ongeldige waarde (verwacht: {format})' },
  'zod.multipleOf': { en: 'Invalid number: must be a multiple of {divisor}', nl: 'ongeldig getal: moet een veelvoud zijn van {divisor}' },
  'zod.unrecognizedKey': { en: 'Unrecognized key: {keys}', nl: 'onbekende eigenschap: {keys}' },
  'zod.unrecognizedKeys': { en: 'Unrecognized keys: {keys}', nl: 'onbekende eigenschappen: {keys}' },
  'zod.invalidKey': { en: 'Invalid key in {origin}', nl: 'ongeldige sleutel in {origin}' },
  'zod.invalidElement': { en: 'Invalid value in {origin}', nl: 'ongeldige waarde in {origin}' },
  'zod.discriminator': { en: 'Invalid discriminator value. Expected {options}', nl: 'ongeldige soort (verwacht: {options})' },
  'zod.ambiguous': { en: 'more than one option matched', nl: 'meer dan één mogelijkheid past' },
  'zod.invalid': { en: 'Invalid input', nl: 'ongeldige invoer' },
  'zod.moreOne': { en: '(and {count} more problem)', nl: '(en nog {count} probleem)' },
  'zod.moreMany': { en: '(and {count} more problems)', nl: '(en nog {count} problemen)' },

  // Our own schema messages. Codes starting with "schema." without placeholders are also
  // recognised by their English text, because zod's built-in checks (min, regex, …) cannot
  // carry a code; keep their English texts distinct.
  'schema.empty': { en: 'empty', nl: 'leeg' },
  'schema.notWholeNumber': { en: 'not a whole number', nl: 'geen geheel getal' },
  'schema.negative': { en: 'negative', nl: 'negatief' },
  'schema.notDateTime': { en: 'not a date-time (use ISO 8601)', nl: 'geen datum met tijd (gebruik ISO 8601)' },
  'schema.startAfterEnd': { en: 'start is after end', nl: 'het begin ligt na het eind' },
  'schema.notPageNumber': { en: 'not a page number (from 1)', nl: 'geen paginanummer (vanaf 1)' },
  'schema.notValueReference': { en: 'not a value reference (codeId:valueId)', nl: 'geen verwijzing naar een waarde (codeId:valueId)' },
  'schema.offsetsUnit': { en: 'must be "utf-16" (offsets are UTF-16 code units)', nl: 'moet "utf-16" zijn (posities tellen in UTF-16-code-eenheden)' },
  'schema.idTooLong': { en: 'too long (at most 64 characters)', nl: 'te lang (hoogstens 64 tekens)' },
  'schema.notId': { en: 'not an id (use lower-case letters, digits and hyphens)', nl: 'geen id (gebruik kleine letters, cijfers en koppeltekens)' },
  'schema.notKey': { en: 'not a key (use one digit or letter)', nl: 'geen toets (gebruik één cijfer of letter)' },
  'schema.notColour': { en: 'not a colour (use #rrggbb)', nl: 'geen kleur (gebruik #rrggbb)' },
  'schema.notChangeKind': { en: 'not a known kind of change', nl: 'geen bekende soort wijziging' },
  'schema.codebookVersion': {
    en: 'unsupported codebook format version (this Worthmark reads version 1)',
    nl: 'deze versie van het codeboekformaat wordt niet ondersteund (deze Worthmark leest versie 1)',
  },

  // Codebook rules beyond the shape (codebook-file.ts).
  'codebook.duplicateCodeId': { en: 'duplicate code id "{key}" (also at index {first})', nl: 'code-id "{key}" komt twee keer voor (ook op positie {first})' },
  'codebook.duplicateKey': { en: 'duplicate key "{key}" (also at index {first})', nl: 'toets "{key}" komt twee keer voor (ook op positie {first})' },
  'codebook.duplicateValueId': { en: 'duplicate value id "{key}" (also at index {first})', nl: 'waarde-id "{key}" komt twee keer voor (ook op positie {first})' },
  'codebook.duplicateFlagId': { en: 'duplicate flag id "{key}" (also at index {first})', nl: 'vlag-id "{key}" komt twee keer voor (ook op positie {first})' },
  'codebook.aliasIsCode': { en: 'alias "{alias}" is also a current code id', nl: 'alias "{alias}" is ook de id van een bestaande code' },

  // The project file (project-file.ts).
  'project.notObject': { en: 'not a Worthmark project file (expected a JSON object)', nl: 'geen Worthmark-projectbestand (verwacht een JSON-object)' },
  'project.formatMissing': {
    en: 'not a Worthmark project file (format is missing, expected "{expected}")',
    nl: 'geen Worthmark-projectbestand (het veld format ontbreekt, verwacht "{expected}")',
  },
  'project.formatOther': {
    en: 'not a Worthmark project file (format is {format}, expected "{expected}")',
    nl: 'geen Worthmark-projectbestand (het veld format is {format}, verwacht "{expected}")',
  },
  'project.versionMissing': { en: 'not a valid version (missing)', nl: 'geen geldige versie (ontbreekt)' },
  'project.versionInvalid': { en: 'not a valid version ({version})', nl: 'geen geldige versie ({version})' },
  'project.versionNewer': {
    en: 'version {version} was written by a newer Worthmark; this one reads version {supported} — update Worthmark to open it',
    nl: 'versie {version} is gemaakt met een nieuwere Worthmark; deze leest versie {supported} — werk Worthmark bij om het bestand te openen',
  },
  'project.duplicateId': { en: 'duplicate id "{id}" (also at index {first})', nl: 'id "{id}" komt twee keer voor (ook op positie {first})' },
  'project.beyondText': { en: 'beyond the end of the document text ({end} > {length})', nl: 'voorbij het eind van de documenttekst ({end} > {length})' },
  'project.noDocument': { en: 'no document with id "{id}"', nl: 'geen document met id "{id}"' },
  'project.noText': { en: 'no text for document "{id}" in texts', nl: 'geen tekst voor document "{id}" in texts' },
  'project.noCode': { en: 'no code "{code}" in any codebook', nl: 'code "{code}" staat in geen enkel codeboek' },
  'project.valueOfOtherCode': {
    en: 'value "{value}" belongs to code "{code}", which the fragment does not carry',
    nl: 'waarde "{value}" hoort bij code "{code}", maar die heeft het fragment niet',
  },
  'project.noValue': { en: 'no value "{value}" under code "{code}" in any codebook', nl: 'waarde "{value}" staat in geen enkel codeboek onder code "{code}"' },
  'project.noFlag': { en: 'no flag "{flag}" in any codebook', nl: 'vlag "{flag}" staat in geen enkel codeboek' },
  'project.noCoder': { en: 'no coder with id "{id}" in coders', nl: 'geen codeur met id "{id}" in coders' },
  'project.noSearch': { en: 'no search with id "{id}"', nl: 'geen zoekopdracht met id "{id}"' },

  // What the parts of a project mean together (project-consistency.ts).
  'consistency.noPages': { en: 'a document needs at least one page', nl: 'een document heeft minstens één pagina nodig' },
  'consistency.firstPageStart': { en: 'the first page starts at {start}, not at the start of the text (0)', nl: 'de eerste pagina begint op {start}, niet aan het begin van de tekst (0)' },
  'consistency.lastPageEnd': { en: 'the last page ends at {end}, not at the end of the text ({length})', nl: 'de laatste pagina eindigt op {end}, niet aan het eind van de tekst ({length})' },
  'consistency.pageGap': {
    en: 'page starts at {start} but the page before ends at {end} (pages must follow each other without gap or overlap)',
    nl: 'pagina begint op {start} maar de vorige eindigt op {end} (pagina’s moeten aansluitend op elkaar volgen, zonder gat en zonder elkaar te overlappen)',
  },
  'consistency.pageOrder': { en: 'page {index} comes after page {previous} (pages must be in ascending order)', nl: 'pagina {index} komt na pagina {previous} (pagina’s moeten oplopen)' },
  'consistency.blockOrder': {
    en: 'block starts at {start}, before the block before it ends ({end}); blocks must be in order without overlap',
    nl: 'blok begint op {start}, voordat het vorige blok eindigt ({end}); blokken moeten op volgorde staan en mogen elkaar niet overlappen',
  },
  'consistency.textOutsideBlocks': {
    en: 'text at {at} lies outside every block (blocks must cover the text; only white space may lie between them)',
    nl: 'tekst op {at} valt buiten elk blok (blokken moeten de tekst dekken; alleen witruimte mag ertussen staan)',
  },
  'consistency.countMismatch': { en: 'is {value}, but {what} is {actual}', nl: 'is {value}, maar {what} is {actual}' },
  'consistency.noSuchPage': { en: 'page {page} is not a page of this document', nl: 'pagina {page} is geen pagina van dit document' },
  'consistency.splitOutside': { en: 'split {split} lies outside the word ({length} characters)', nl: 'splitsing {split} valt buiten het woord ({length} tekens)' },
  'consistency.emptyHit': { en: 'an empty hit range ({start}–{end})', nl: 'een lege vindplaats ({start}–{end})' },
  'consistency.listedTwice': { en: '"{id}" is listed twice (also at index {first})', nl: '"{id}" staat er twee keer in (ook op positie {first})' },
  'consistency.sameContent': { en: 'the same content (hash) as documents[{first}]', nl: 'dezelfde inhoud (controlegetal) als het document op positie {first}' },
  'consistency.settingType': { en: 'expected {expected}', nl: 'verwacht: {expected}' },
  'consistency.settingTooDeep': { en: 'nested deeper than {max} levels', nl: 'dieper genest dan {max} niveaus' },
  'consistency.noCodebook': { en: 'no codebook with id "{id}"', nl: 'geen codeboek met id "{id}"' },

  // Reviews and review files (project-file.ts, review-file.ts).
  'review.badId': { en: 'review id "{id}" should be "{expected}" (fragment id:reviewer id)', nl: 'review-id "{id}" hoort "{expected}" te zijn (fragment-id:beoordelaar-id)' },
  'review.notObject': { en: 'not a Worthmark review file (expected a JSON object)', nl: 'geen Worthmark-reviewbestand (verwacht een JSON-object)' },
  'review.isProject': {
    en: 'this is a project file, not a review file: add it with "Add another coder\'s project file"',
    nl: 'dit is een projectbestand, geen reviewbestand: voeg het toe met "Projectbestand van een andere codeur toevoegen"',
  },
  'review.formatOther': {
    en: 'not a Worthmark review file (format is {format}, expected "{expected}")',
    nl: 'geen Worthmark-reviewbestand (het veld format is {format}, verwacht "{expected}")',
  },

  // REFI-QDA codebooks (refi-qda-codebook.ts).
  'qdc.notCodebook': { en: 'not a REFI-QDA codebook (the root element is not CodeBook)', nl: 'geen REFI-QDA-codeboek (het hoofdelement is niet CodeBook)' },
  'qdc.noCodes': { en: 'no Codes element', nl: 'geen element Codes' },
  'qdc.codeWithoutName': { en: 'a Code without a name', nl: 'een Code zonder naam' },

  // REFI-QDA projects (qdpx-read.ts) and zips.
  'qdpx.noQde': { en: 'no .qde file in the zip (not a REFI-QDA project)', nl: 'geen .qde-bestand in de zip (geen REFI-QDA-project)' },
  'qdpx.notUtf8': { en: 'the .qde file is not UTF-8 text', nl: 'het .qde-bestand is geen UTF-8-tekst' },
  'qdpx.notProject': { en: 'not a REFI-QDA project (the root element is {root}, not Project)', nl: 'geen REFI-QDA-project (het hoofdelement is {root}, niet Project)' },
  'project.notUtf8': { en: 'not UTF-8 text', nl: 'geen UTF-8-tekst' },
  'zip.unreadable': { en: 'not a readable zip file: {detail}', nl: 'geen leesbaar zipbestand: {detail}' },
  'zip.tooLarge': { en: 'unpacks to more than {max} bytes', nl: 'wordt uitgepakt groter dan {max} bytes' },

  // XML (refi-qda-xml.ts).
  'xml.notWellFormed': { en: 'not well-formed XML: {detail}', nl: 'geen correcte XML: {detail}' },
  'xml.doctype': {
    en: 'a DOCTYPE is not allowed in an exchange file',
    nl: 'een DOCTYPE is niet toegestaan in een uitwisselbestand',
  },
  'xml.tooDeep': { en: 'elements nested more than {max} deep', nl: 'elementen meer dan {max} niveaus diep genest' },
  'xml.tooLarge': { en: 'larger than {max} characters', nl: 'groter dan {max} tekens' },
} as const satisfies Record<string, LocalText>;

/** A reason code: a key of FORMAT_REASONS. */
export type FormatReasonCode = keyof typeof FORMAT_REASONS;

/** A UI language. */
export type FormatLang = keyof LocalText;

/** A value for a placeholder: the same in both languages, or a term given per language. */
export type FormatReasonValue = string | number | LocalText;

/** The placeholder names in a template string, e.g. `'a {x} b {y}'` → `'x' | 'y'`. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The values a code's template needs, one per placeholder. */
export type FormatReasonValues<C extends FormatReasonCode> = { [K in Placeholders<(typeof FORMAT_REASONS)[C]['en']>]: FormatReasonValue };

/** The codes whose template has no placeholders and starts with `schema.`: usable as a zod check message. */
export type SchemaMessageCode = {
  [C in FormatReasonCode]: C extends `schema.${string}` ? ([Placeholders<(typeof FORMAT_REASONS)[C]['en']>] extends [never] ? C : never) : never;
}[FormatReasonCode];

/** Whether a string is a known reason code. */
export function isFormatReasonCode(code: unknown): code is FormatReasonCode {
  return typeof code === 'string' && Object.hasOwn(FORMAT_REASONS, code);
}

/** The placeholder names of a template, in order of appearance (duplicates kept). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** Fills a template's placeholders in one pass (a value containing `{x}` is not filled again). */
function fill(template: string, values: Readonly<Record<string, FormatReasonValue>>, lang: FormatLang): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** A reason in one language, from its code and values. */
export function renderReason(code: FormatReasonCode, values: Readonly<Record<string, FormatReasonValue>>, lang: FormatLang): string {
  return fill(FORMAT_REASONS[code][lang], values, lang);
}

/** The "(and N more problems)" note in one language; empty for none. */
export function moreProblemsText(count: number, lang: FormatLang): string {
  if (!(count > 0)) return '';
  return renderReason(count === 1 ? 'zod.moreOne' : 'zod.moreMany', { count }, lang);
}

/**
 * A FormatError's reason in a UI language: rendered from its code and values, with the
 * "(and N more problems)" note; an error without a (known) code falls back to its `reason`.
 */
export function formatErrorText(error: FormatError, lang: FormatLang): string {
  if (!isFormatReasonCode(error.code)) return error.reason;
  const text = renderReason(error.code, error.values ?? {}, lang);
  const more = moreProblemsText(error.more ?? 0, lang);
  return more ? `${text} ${more}` : text;
}

/**
 * A FormatError's path in a UI language. Data paths (`fragments[3].anchor.end`) are the same
 * in both; XML places (`line 5`, `CodeBook/Codes/Code[2] (line 12)`) say `regel` in Dutch. A data
 * path never ends like that, since formatPath quotes keys with spaces.
 */
export function formatErrorPath(path: string, lang: FormatLang): string {
  if (lang === 'en') return path;
  return path.replace(/^line (\d+)$/, 'regel $1').replace(/ \(line (\d+)\)$/, ' (regel $1)');
}
