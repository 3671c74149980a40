import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { validateJsonSchema } from './json-schema-subset.ts';

const read = (name: string) => readFileSync(new URL(`../../../codebooks/${name}`, import.meta.url), 'utf8');
const shippedText = read('boltanski-thevenot.json');
const shipped = JSON.parse(shippedText) as Record<string, any>;
const schema = JSON.parse(read('codebook.schema.json')) as Record<string, unknown>;

/** A deep copy of the shipped codebook with one change. */
function variant(change: (book: any) => void): unknown {
  const copy = structuredClone(shipped);
  change(copy);
  return copy;
}

describe('the shipped default codebook', () => {
  const result = parseCodebook(shippedText);

  it('passes the codebook parser', () => {
    expect(result).toHaveProperty('parsed');
  });

  it('passes the JSON Schema', () => {
    expect(validateJsonSchema(schema, shipped)).toEqual([]);
  });

  it('holds the seven regimes in the order of the thesis, keyed 1 to 7', () => {
    if (!('parsed' in result)) throw new Error('not parsed');
    const codes = result.parsed.codes;
    expect(codes.map((c) => c.id)).toEqual(['inspired', 'domestic', 'fame', 'civic', 'market', 'industrial', 'project']);
    expect(codes.map((c) => c.name.nl)).toEqual(['Geïnspireerd', 'Huiselijk', 'Roem', 'Civiel', 'Markt', 'Industrieel', 'Projectstad']);
    expect(codes.map((c) => c.key)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('gives each regime the three values of the method chapter', () => {
    if (!('parsed' in result)) throw new Error('not parsed');
    const civic = result.parsed.codes.find((c) => c.id === 'civic')!;
    expect(civic.values.map((v) => v.name.nl)).toEqual(['maatschappelijk engagement', 'algemeen belang', 'toegankelijkheid']);
    for (const code of result.parsed.codes) expect(code.values).toHaveLength(3);
  });

  it('uses the seven non-black Okabe–Ito colours, each once', () => {
    if (!('parsed' in result)) throw new Error('not parsed');
    const okabeIto = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];
    expect(result.parsed.codes.map((c) => c.color).sort()).toEqual([...okabeIto].sort());
  });

  it('has the glocalisation flag', () => {
    if (!('parsed' in result)) throw new Error('not parsed');
    expect(result.parsed.flags).toEqual([
      expect.objectContaining({ id: 'glocalisation', name: { nl: 'Glocalisering / andere trend', en: 'Glocalisation / other trend' } }),
    ]);
  });

  it('drops the editor-only $schema property from the parsed codebook', () => {
    if (!('parsed' in result)) throw new Error('not parsed');
    expect(result.parsed).not.toHaveProperty('$schema');
  });
});

describe('parseCodebook', () => {
  it('accepts already-parsed data as well as JSON text', () => {
    expect(parseCodebook(shipped)).toHaveProperty('parsed');
  });

  it('reports text that is not JSON without throwing', () => {
    expect(parseCodebook('{"id": ')).toMatchObject({ error: { path: '', reason: expect.stringMatching(/^not valid JSON/) } });
  });

  it('names the path of a colour that is not #rrggbb', () => {
    expect(parseCodebook(variant((b) => (b.codes[2].color = 'yellow')))).toMatchObject({
      error: { path: 'codes[2].color', reason: 'not a colour (use #rrggbb)' },
    });
  });

  it('says a missing name is missing', () => {
    const result = parseCodebook(variant((b) => delete b.codes[0].name.en));
    expect(result).toMatchObject({ error: { path: 'codes[0].name.en', reason: 'missing (expected string)' } });
  });

  it('rejects a duplicate code id, naming the first occurrence', () => {
    const result = parseCodebook(variant((b) => (b.codes[3].id = 'fame')));
    expect(result).toMatchObject({ error: { path: 'codes[3].id', reason: 'duplicate code id "fame" (also at index 2)' } });
  });

  it('rejects two codes on the same key, ignoring case', () => {
    const result = parseCodebook(
      variant((b) => {
        b.codes[0].key = 'a';
        b.codes[1].key = 'A';
      }),
    );
    expect(result).toMatchObject({ error: { path: 'codes[1].key', reason: 'duplicate key "a" (also at index 0)' } });
  });

  it('rejects duplicate value ids within a code and duplicate flag ids', () => {
    expect(parseCodebook(variant((b) => (b.codes[0].values[1].id = 'autonomy')))).toMatchObject({ error: { path: 'codes[0].values[1].id' } });
    expect(parseCodebook(variant((b) => b.flags.push(b.flags[0])))).toMatchObject({ error: { path: 'flags[1].id' } });
  });
});

describe('the JSON Schema and the parser', () => {
  const bad: [string, (book: any) => void][] = [
    ['a colour name instead of #rrggbb', (b) => (b.codes[0].color = 'red')],
    ['a three-digit colour', (b) => (b.codes[0].color = '#abc')],
    ['a key of two characters', (b) => (b.codes[0].key = '12')],
    ['a missing English name', (b) => delete b.codes[1].name.en],
    ['an empty Dutch name', (b) => (b.codes[1].name.nl = '')],
    ['an unknown property', (b) => (b.codes[0].colour = '#000000')],
    ['format version 2', (b) => (b.formatVersion = 2)],
    ['an id with capitals', (b) => (b.codes[0].id = 'Inspired')],
    ['codes that are not a list', (b) => (b.codes = {})],
    ['a missing flags list', (b) => delete b.flags],
    ['a value without a name', (b) => delete b.codes[4].values[0].name],
  ];

  it.each(bad)('both reject %s', (_, change) => {
    const book = variant(change);
    expect(validateJsonSchema(schema, book)).not.toEqual([]);
    expect(parseCodebook(book)).toHaveProperty('error');
  });

  it('both accept a minimal codebook without codes or flags', () => {
    const minimal = { id: 'empty', formatVersion: 1, name: { nl: 'Leeg', en: 'Empty' }, codes: [], flags: [] };
    expect(validateJsonSchema(schema, minimal)).toEqual([]);
    expect(parseCodebook(minimal)).toHaveProperty('parsed');
  });

  it('leaves uniqueness to the parser, as the schema description says', () => {
    const duplicate = variant((b) => (b.codes[1].id = b.codes[0].id));
    expect(validateJsonSchema(schema, duplicate)).toEqual([]);
    expect(parseCodebook(duplicate)).toHaveProperty('error');
    expect(schema.description).toMatch(/unique/);
  });

  it('describes every property it defines', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      for (const [name, child] of Object.entries(props ?? {})) {
        if (!(child as { description?: string }).description) missing.push(`${path}/${name}`);
        visit(child, `${path}/${name}`);
      }
      for (const [name, def] of Object.entries((node as { $defs?: Record<string, unknown> }).$defs ?? {})) visit(def, `#/$defs/${name}`);
    };
    visit(schema, '');
    expect(missing).toEqual([]);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
