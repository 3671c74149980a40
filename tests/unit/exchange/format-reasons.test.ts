import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  FORMAT_REASONS,
  formatErrorPath,
  formatErrorText,
  placeholdersOf,
  renderReason,
  type FormatReasonCode,
} from '../../../src/exchange/format-reasons.ts';
import { formatErrorFromZod, type FormatError } from '../../../src/exchange/format-error.ts';
import { parseProjectFile } from '../../../src/exchange/project-file.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { parseQdc } from '../../../src/exchange/refi-qda-codebook.ts';
import { parseXml } from '../../../src/exchange/refi-qda-xml.ts';

const codes = Object.keys(FORMAT_REASONS) as FormatReasonCode[];

/** Words that are the same in both languages, or names from the file formats (fields, elements). */
const SHARED = new Set([
  'json', 'iso', 'codeid', 'valueid', 'utf-16', 'letters', 'letter', 'rrggbb', 'worthmark', 'alias', 'code', 'codes',
  'format', 'document', 'texts', 'fragment', 'coders', 'codebook', 'element', 'cdata', 'doctype', 'xml', 'zip', 'project', 'bytes', 'qde', 'qdpx', 'refi-qda',
]);

const words = (s: string) => s.replace(/\{\w+\}/g, ' ').toLowerCase().split(/[^a-z0-9à-ÿ-]+/).filter((w) => w.length >= 3 && /[a-zà-ÿ]/.test(w));

/** The words of a code's English template that must not show up in Dutch text. */
const englishOnly = (code: FormatReasonCode) => words(FORMAT_REASONS[code].en).filter((w) => !SHARED.has(w));

/** The error of a parse result, failing the test when there is none. */
function errorOf(result: { error: FormatError } | { parsed: unknown }): FormatError {
  if (!('error' in result)) throw new Error('expected an error');
  return result.error;
}

/** Checks the structured reason: a code, the English reason rendered from it, and Dutch without the English words. */
function expectBilingual(error: FormatError, code: FormatReasonCode, reason: string, dutch: string) {
  expect(error.code).toBe(code);
  expect(error.values).toBeDefined();
  expect(error.reason).toBe(reason);
  expect(formatErrorText(error, 'en')).toBe(reason);
  const nl = formatErrorText(error, 'nl');
  expect(nl).toBe(dutch);
  const nlWords = new Set(words(nl));
  expect(englishOnly(code).filter((w) => nlWords.has(w))).toEqual([]);
}

const fixtureText = readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8');
const fixture = JSON.parse(fixtureText) as Record<string, any>;
const projectVariant = (change: (file: any) => void) => {
  const copy = structuredClone(fixture);
  change(copy);
  return JSON.stringify(copy);
};
const shipped = JSON.parse(readFileSync(new URL('../../../codebooks/boltanski-thevenot.json', import.meta.url), 'utf8')) as Record<string, any>;
const codebookVariant = (change: (book: any) => void) => {
  const copy = structuredClone(shipped);
  change(copy);
  return copy;
};

describe('the table of reasons', () => {
  it.each(codes)('%s has a Dutch and an English text with the same placeholders', (code) => {
    const { nl, en } = FORMAT_REASONS[code];
    expect(nl.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(nl).not.toBe(en);
    expect([...placeholdersOf(nl)].sort()).toEqual([...placeholdersOf(en)].sort());
  });

  it('keeps English-only words out of every Dutch template', () => {
    const leaks = codes.flatMap((code) => {
      const nl = new Set(words(FORMAT_REASONS[code].nl));
      return englishOnly(code).filter((w) => nl.has(w)).map((w) => `${code}: ${w}`);
    });
    expect(leaks).toEqual([]);
  });

  it('gives every fixed schema message its own English text, so it can be recognised', () => {
    const fixed = codes.filter((c) => c.startsWith('schema.') && placeholdersOf(FORMAT_REASONS[c].en).length === 0);
    const texts = fixed.map((c) => FORMAT_REASONS[c].en);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('builds English reasons with exactly the wording from before the codes', () => {
    // Copied from the hand-written reasons before they moved into the table.
    const cases: [FormatReasonCode, Record<string, string | number>, string][] = [
      ['project.beyondText', { end: 1200, length: 1180 }, 'beyond the end of the document text (1200 > 1180)'],
      ['project.formatMissing', { expected: 'worthmark-project' }, 'not a Worthmark project file (format is missing, expected "worthmark-project")'],
      ['project.formatOther', { format: '"refi-qda"', expected: 'worthmark-project' }, 'not a Worthmark project file (format is "refi-qda", expected "worthmark-project")'],
      ['project.versionNewer', { version: 2, supported: 1 }, 'version 2 was written by a newer Worthmark; this one reads version 1 — update Worthmark to open it'],
      ['project.duplicateId', { id: 'f1', first: 0 }, 'duplicate id "f1" (also at index 0)'],
      ['project.valueOfOtherCode', { value: 'civic:x', code: 'civic' }, 'value "civic:x" belongs to code "civic", which the fragment does not carry'],
      ['project.noValue', { value: 'x', code: 'civic' }, 'no value "x" under code "civic" in any codebook'],
      ['project.noCoder', { id: 'ghost' }, 'no coder with id "ghost" in coders'],
      ['codebook.duplicateValueId', { key: 'autonomy', first: 0 }, 'duplicate value id "autonomy" (also at index 0)'],
      ['codebook.aliasIsCode', { alias: 'fame' }, 'alias "fame" is also a current code id'],
      ['schema.offsetsUnit', {}, 'must be "utf-16" (offsets are UTF-16 code units)'],
      ['schema.codebookVersion', {}, 'unsupported codebook format version (this Worthmark reads version 1)'],
      ['xml.tooDeep', { max: 200 }, 'elements nested more than 200 deep'],
      ['zod.moreMany', { count: 2 }, '(and 2 more problems)'],
    ];
    for (const [code, values, english] of cases) expect(renderReason(code, values, 'en')).toBe(english);
  });

  it('fills placeholders once, so a value that looks like a placeholder stays as it is', () => {
    expect(renderReason('project.noDocument', { id: '{id}' }, 'nl')).toBe('geen document met id "{id}"');
  });
});

describe('formatErrorText and formatErrorPath', () => {
  it('fall back to the English reason for an error without a code', () => {
    const error: FormatError = { path: '', reason: 'the database is closed' };
    expect(formatErrorText(error, 'nl')).toBe('the database is closed');
    expect(formatErrorText({ ...error, code: 'no.such.code' as FormatReasonCode }, 'nl')).toBe('the database is closed');
  });

  it('say "regel" for an XML line in Dutch and leave data paths alone', () => {
    expect(formatErrorPath('line 5', 'nl')).toBe('regel 5');
    expect(formatErrorPath('CodeBook/Codes/Code[2] (line 12)', 'nl')).toBe('CodeBook/Codes/Code[2] (regel 12)');
    expect(formatErrorPath('CodeBook/Codes/Code[2] (line 12)', 'en')).toBe('CodeBook/Codes/Code[2] (line 12)');
    expect(formatErrorPath('fragments[3].anchor.end', 'nl')).toBe('fragments[3].anchor.end');
    expect(formatErrorPath('aliases["line 5"]', 'nl')).toBe('aliases["line 5"]');
    expect(formatErrorPath('', 'nl')).toBe('');
  });
});

describe('zod issues', () => {
  const fromZod = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a zod error');
    return formatErrorFromZod(r.error);
  };

  it('map the common kinds to codes with values, keeping zod 4 English wording', () => {
    expectBilingual(fromZod(z.object({ a: z.string() }), {}), 'zod.missing', 'missing (expected string)', 'ontbreekt (verwacht: string)');
    expectBilingual(fromZod(z.number(), 'x'), 'zod.type', 'expected number, received string', 'verkeerd type (verwacht: number, gevonden: string)');
    expectBilingual(fromZod(z.number().int(), 1.5), 'zod.type', 'expected int, received number', 'verkeerd type (verwacht: geheel getal, gevonden: number)');
    expectBilingual(fromZod(z.string().min(3), 'a'), 'zod.tooSmall', 'Too small: expected string to have >=3 characters', 'te klein: string moet >=3 tekens hebben');
    expectBilingual(fromZod(z.array(z.string()).length(2), []), 'zod.tooSmall', 'Too small: expected array to have exactly 2 items', 'te klein: array moet precies 2 elementen hebben');
    expectBilingual(fromZod(z.number().max(3), 5), 'zod.tooBigValue', 'Too big: expected number to be <=3', 'te groot: number moet <=3 zijn');
    expectBilingual(fromZod(z.string().max(2), 'abc'), 'zod.tooBig', 'Too big: expected string to have <=2 characters', 'te groot: string moet <=2 tekens hebben');
    expectBilingual(fromZod(z.enum(['pdf', 'txt']), 'doc'), 'zod.oneOf', 'Invalid option: expected one of "pdf"|"txt"', 'ongeldige keuze (verwacht een van: "pdf"|"txt")');
    expectBilingual(fromZod(z.literal('dismissed'), 'kept'), 'zod.literal', 'expected "dismissed"', 'verwacht: "dismissed"');
    expectBilingual(fromZod(z.string().regex(/^a+$/), 'b'), 'zod.pattern', 'Invalid string: must match pattern /^a+$/', 'ongeldige tekst: moet voldoen aan het patroon /^a+$/');
    expectBilingual(fromZod(z.email(), 'b'), 'zod.format', 'Invalid email address', 'ongeldige waarde (verwacht: e-mailadres)');
    expectBilingual(fromZod(z.strictObject({}), { colour: 1 }), 'zod.unrecognizedKey', 'Unrecognized key: "colour"', 'onbekende eigenschap: "colour"');
    expectBilingual(fromZod(z.strictObject({}), { a: 1, b: 2 }), 'zod.unrecognizedKeys', 'Unrecognized keys: "a", "b"', 'onbekende eigenschappen: "a", "b"');
    expectBilingual(fromZod(z.record(z.string().regex(/^a/), z.string()), { b: 'x' }), 'zod.invalidKey', 'Invalid key in record', 'ongeldige sleutel in object');
    expectBilingual(fromZod(z.union([z.string(), z.number()]), true), 'zod.invalid', 'Invalid input', 'ongeldige invoer');
  });

  it('say how many more problems there are, in both languages', () => {
    const two = fromZod(z.object({ a: z.string(), b: z.string() }), {});
    expect(two).toMatchObject({ code: 'zod.missing', values: { expected: 'string' }, more: 1, reason: 'missing (expected string) (and 1 more problem)' });
    expect(formatErrorText(two, 'nl')).toBe('ontbreekt (verwacht: string) (en nog 1 probleem)');
    const three = fromZod(z.object({ a: z.string(), b: z.string(), c: z.number() }), {});
    expect(three.reason).toBe('missing (expected string) (and 2 more problems)');
    expect(formatErrorText(three, 'nl')).toBe('ontbreekt (verwacht: string) (en nog 2 problemen)');
  });

  it('leave a message they do not know in English, without a code', () => {
    const error = fromZod(z.string().refine(() => false, 'whatever went wrong'), 'x');
    expect(error).toEqual({ path: '', reason: 'whatever went wrong' });
    expect(formatErrorText(error, 'nl')).toBe('whatever went wrong');
  });
});

describe('parseProjectFile reasons', () => {
  it('gives a header problem a code and Dutch text', () => {
    expectBilingual(errorOf(parseProjectFile('[]')), 'project.notObject', 'not a Worthmark project file (expected a JSON object)', 'geen Worthmark-projectbestand (verwacht een JSON-object)');
    const other = errorOf(parseProjectFile('{"format":"refi-qda","version":1}'));
    expect(other.values).toEqual({ format: '"refi-qda"', expected: 'worthmark-project' });
    expectBilingual(
      other,
      'project.formatOther',
      'not a Worthmark project file (format is "refi-qda", expected "worthmark-project")',
      'geen Worthmark-projectbestand (het veld format is "refi-qda", verwacht "worthmark-project")',
    );
    expectBilingual(errorOf(parseProjectFile('{"format":"worthmark-project"}')), 'project.versionMissing', 'not a valid version (missing)', 'geen geldige versie (ontbreekt)');
    expectBilingual(
      errorOf(parseProjectFile(projectVariant((f) => (f.version = 3)))),
      'project.versionNewer',
      'version 3 was written by a newer Worthmark; this one reads version 2 — update Worthmark to open it',
      'versie 3 is gemaakt met een nieuwere Worthmark; deze leest versie 2 — werk Worthmark bij om het bestand te openen',
    );
  });

  it('says in Dutch that an anchor runs beyond its text', () => {
    const length = fixture.texts[1].text.length as number;
    const error = errorOf(parseProjectFile(projectVariant((f) => (f.fragments[5].anchor.end = length + 20))));
    expect(error).toMatchObject({ path: 'fragments[5].anchor.end', values: { end: length + 20, length } });
    expectBilingual(
      error,
      'project.beyondText',
      `beyond the end of the document text (${length + 20} > ${length})`,
      `voorbij het eind van de documenttekst (${length + 20} > ${length})`,
    );
  });

  it('gives reference problems codes and Dutch text', () => {
    expectBilingual(
      errorOf(parseProjectFile(projectVariant((f) => (f.fragments[0].codes[1] = 'sustainable')))),
      'project.noCode',
      'no code "sustainable" in any codebook',
      'code "sustainable" staat in geen enkel codeboek',
    );
    expectBilingual(
      errorOf(parseProjectFile(projectVariant((f) => (f.fragments[4].coderId = 'ghost')))),
      'project.noCoder',
      'no coder with id "ghost" in coders',
      'geen codeur met id "ghost" in coders',
    );
    expectBilingual(
      errorOf(parseProjectFile(projectVariant((f) => (f.fragments[6].id = f.fragments[2].id)))),
      'project.duplicateId',
      `duplicate id "${fixture.fragments[2].id}" (also at index 2)`,
      `id "${fixture.fragments[2].id}" komt twee keer voor (ook op positie 2)`,
    );
  });

  it('gives our own schema messages codes, whether a check or a refinement raised them', () => {
    expectBilingual(errorOf(parseProjectFile(projectVariant((f) => (f.fragments[1].anchor.start = -4)))), 'schema.negative', 'negative', 'negatief');
    expectBilingual(errorOf(parseProjectFile(projectVariant((f) => (f.fragments[0].anchor.end = 1)))), 'schema.startAfterEnd', 'start is after end', 'het begin ligt na het eind');
    expectBilingual(
      errorOf(parseProjectFile(projectVariant((f) => (f.fragments[0].createdAt = 'yesterday')))),
      'schema.notDateTime',
      'not a date-time (use ISO 8601)',
      'geen datum met tijd (gebruik ISO 8601)',
    );
    expectBilingual(
      errorOf(parseProjectFile(projectVariant((f) => (f.offsets = 'utf-8')))),
      'schema.offsetsUnit',
      'must be "utf-16" (offsets are UTF-16 code units)',
      'moet "utf-16" zijn (posities tellen in UTF-16-code-eenheden)',
    );
    expectBilingual(errorOf(parseProjectFile(projectVariant((f) => delete f.documents[2].title))), 'zod.missing', 'missing (expected string)', 'ontbreekt (verwacht: string)');
  });

  it('keeps the JSON parser detail as a value', () => {
    const error = errorOf(parseProjectFile('{"format": hello}'));
    expect(error.code).toBe('json.invalid');
    expect(error.reason).toBe(`not valid JSON: ${error.values?.detail}`);
    expect(formatErrorText(error, 'nl')).toBe(`geen geldige JSON: ${error.values?.detail}`);
  });
});

describe('parseCodebook reasons', () => {
  it('gives a schema message a code and Dutch text', () => {
    const error = errorOf(parseCodebook(codebookVariant((b) => (b.codes[2].color = 'yellow'))));
    expect(error.path).toBe('codes[2].color');
    expectBilingual(error, 'schema.notColour', 'not a colour (use #rrggbb)', 'geen kleur (gebruik #rrggbb)');
    expectBilingual(errorOf(parseCodebook(codebookVariant((b) => (b.codes[0].key = '!')))), 'schema.notKey', 'not a key (use one digit or letter)', 'geen toets (gebruik één cijfer of letter)');
    expectBilingual(
      errorOf(parseCodebook(codebookVariant((b) => (b.formatVersion = 2)))),
      'schema.codebookVersion',
      'unsupported codebook format version (this Worthmark reads version 1)',
      'deze versie van het codeboekformaat wordt niet ondersteund (deze Worthmark leest versie 1)',
    );
  });

  it('gives the uniqueness rules codes with the key and the first index', () => {
    const error = errorOf(parseCodebook(codebookVariant((b) => (b.codes[3].id = 'fame'))));
    expect(error).toMatchObject({ path: 'codes[3].id', values: { key: 'fame', first: 2 } });
    expectBilingual(error, 'codebook.duplicateCodeId', 'duplicate code id "fame" (also at index 2)', 'code-id "fame" komt twee keer voor (ook op positie 2)');
    expectBilingual(
      errorOf(parseCodebook(codebookVariant((b) => b.flags.push(b.flags[0])))),
      'codebook.duplicateFlagId',
      `duplicate flag id "${shipped.flags[0].id}" (also at index 0)`,
      `vlag-id "${shipped.flags[0].id}" komt twee keer voor (ook op positie 0)`,
    );
    expectBilingual(
      errorOf(parseCodebook(codebookVariant((b) => (b.aliases = { fame: 'civic' })))),
      'codebook.aliasIsCode',
      'alias "fame" is also a current code id',
      'alias "fame" is ook de id van een bestaande code',
    );
  });

  it('names an unknown property in Dutch', () => {
    expectBilingual(errorOf(parseCodebook(codebookVariant((b) => (b.codes[0].colour = '#000000')))), 'zod.unrecognizedKey', 'Unrecognized key: "colour"', 'onbekende eigenschap: "colour"');
  });
});

describe('parseQdc and parseXml reasons', () => {
  it('give REFI-QDA problems codes, with the line in Dutch in the path', () => {
    const noName = errorOf(parseQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="x" isCodable="true"/></Codes></CodeBook>'));
    expectBilingual(noName, 'qdc.codeWithoutName', 'a Code without a name', 'een Code zonder naam');
    expect(formatErrorPath(noName.path, 'nl')).toBe('CodeBook/Codes/Code[1] (regel 2)');
    expectBilingual(
      errorOf(parseQdc('<Project><Sources/></Project>')),
      'qdc.notCodebook',
      'not a REFI-QDA codebook (the root element is not CodeBook)',
      'geen REFI-QDA-codeboek (het hoofdelement is niet CodeBook)',
    );
    expectBilingual(errorOf(parseQdc('<CodeBook/>')), 'qdc.noCodes', 'no Codes element', 'geen element Codes');
  });

  it('give XML problems codes and values', () => {
    const broken = errorOf(parseQdc('<CodeBook>\n<Codes>\n</CodeBook>'));
    expect(broken).toMatchObject({ path: 'line 3', values: { detail: 'unexpected close tag.' } });
    expectBilingual(broken, 'xml.notWellFormed', 'not well-formed XML: unexpected close tag.', 'geen correcte XML: unexpected close tag.');
    expect(formatErrorPath(broken.path, 'nl')).toBe('regel 3');
    expectBilingual(
      errorOf(parseXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CodeBook/>')),
      'xml.doctype',
      'a DOCTYPE is not allowed in an exchange file',
      'een DOCTYPE is niet toegestaan in een uitwisselbestand',
    );
    expectBilingual(errorOf(parseXml('<a>' + '<b>'.repeat(300))), 'xml.tooDeep', 'elements nested more than 200 deep', 'elementen meer dan 200 niveaus diep genest');
  });
});
