import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCpuTime } from '../support/cpu-time.ts';
import { parseQdc, stableGuid, toQdc } from '../../../src/exchange/refi-qda-codebook.ts';
import { parseXml } from '../../../src/exchange/refi-qda-xml.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { mergeImportedCodebook } from '../../../src/actions/codebook.ts';

const shipped = (() => {
  const r = parseCodebook(readFileSync(new URL('../../../codebooks/boltanski-thevenot.json', import.meta.url), 'utf8'));
  if (!('parsed' in r)) throw new Error('shipped codebook invalid');
  return r.parsed;
})();
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('writing a REFI-QDA codebook', () => {
  const xml = toQdc(shipped, { lang: 'nl' });

  it('writes the codebook namespace, one top-level Code per regime with its values nested', () => {
    const root = parseXml(xml);
    if (!('parsed' in root)) throw new Error(root.error.reason);
    expect(xml).toContain('xmlns="urn:QDA-XML:codebook:1.0"');
    const codes = root.parsed.children.find((c) => c.name === 'Codes')!.children;
    expect(codes.map((c) => c.attrs.name)).toEqual(shipped.codes.map((c) => c.name.nl));
    expect(codes[3]!.children.filter((c) => c.name === 'Code').map((c) => c.attrs.name)).toEqual(shipped.codes[3]!.values.map((v) => v.name.nl));
    expect(codes.every((c) => c.attrs.isCodable === 'true' && GUID.test(c.attrs.guid!) && /^#[0-9A-F]{6}$/.test(c.attrs.color!))).toBe(true);
  });

  it('gives the same GUIDs every time and different ones per code', () => {
    expect(toQdc(shipped, { lang: 'nl' })).toBe(xml);
    const guids = [...xml.matchAll(/guid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(guids).size).toBe(guids.length);
    expect(stableGuid('a')).toMatch(GUID);
  });

  it('escapes names with markup characters', () => {
    const book = { ...shipped, codes: [{ ...shipped.codes[0]!, name: { nl: 'Kunst & "cultuur" <x>', en: 'x' } }] };
    const back = parseQdc(toQdc(book, { lang: 'nl' }));
    expect('parsed' in back && back.parsed.codes[0]!.name.nl).toBe('Kunst & "cultuur" <x>');
  });
});

describe('reading a REFI-QDA codebook', () => {
  it('reads its own export back: regimes with colours and values', () => {
    const back = parseQdc(toQdc(shipped, { lang: 'en' }), { fileName: 'orders.qdc' });
    if (!('parsed' in back)) throw new Error(back.error.reason);
    expect(back.parsed.codes.map((c) => c.name.en)).toEqual(shipped.codes.map((c) => c.name.en));
    expect(back.parsed.codes.map((c) => c.color)).toEqual(shipped.codes.map((c) => c.color.toUpperCase()));
    expect(back.parsed.codes.map((c) => c.key)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(back.parsed.codes[3]!.values.map((v) => v.name.en)).toEqual(shipped.codes[3]!.values.map((v) => v.name.en));
    expect(parseCodebook(back.parsed)).toHaveProperty('parsed');
  });

  it('merged into the codebook in use, its one-language names keep the other language', () => {
    const back = parseQdc(toQdc(shipped, { lang: 'nl' }));
    if (!('parsed' in back)) throw new Error(back.error.reason);
    const { book, summary } = mergeImportedCodebook(shipped, back.parsed, '2024-05-01T00:00:00.000Z');
    expect(summary).toEqual({ added: 0, updated: 7, kept: 0 });
    expect(book.codes.map((c) => c.name)).toEqual(shipped.codes.map((c) => c.name));
  });

  it('reads a file from another tool: prefixes, #RGB colours, the tree, non-codable folders, GUIDs as ids', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<!-- exported elsewhere -->
<qdc:CodeBook xmlns:qdc="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 9">
  <qdc:Codes>
    <qdc:Code guid="{11111111-2222-3333-4444-55555555555A}" name="Economie" isCodable="false" color="#f0a">
      <qdc:Description>Alles over geld &amp; markt</qdc:Description>
      <qdc:Code guid="11111111-2222-3333-4444-555555555556" name="Toerisme" isCodable="true" color="#00ff00">
        <qdc:Code guid="11111111-2222-3333-4444-555555555557" name="Festivals" isCodable="true"/>
      </qdc:Code>
      <qdc:Code guid="11111111-2222-3333-4444-555555555559" name="Handel" isCodable="false"/>
    </qdc:Code>
    <qdc:Code guid="11111111-2222-3333-4444-555555555558" name="Zonder kleur" isCodable="true"/>
  </qdc:Codes>
</qdc:CodeBook>`;
    const r = parseQdc(xml, { fileName: 'atlas.qdc' });
    if (!('parsed' in r)) throw new Error(r.error.reason);
    const [eco, plain] = r.parsed.codes;
    expect(eco!.id).toBe('11111111-2222-3333-4444-55555555555a');
    expect(eco!.codable).toBe(false);
    expect(eco!.color).toBe('#FF00AA');
    expect(eco!.description.nl).toBe('Alles over geld & markt');
    expect(eco!.values).toEqual([
      { id: '11111111-2222-3333-4444-555555555556', name: { nl: 'Toerisme', en: 'Toerisme' }, color: '#00FF00' },
      { id: '11111111-2222-3333-4444-555555555557', name: { nl: 'Festivals', en: 'Festivals' }, parent: '11111111-2222-3333-4444-555555555556' },
      { id: '11111111-2222-3333-4444-555555555559', name: { nl: 'Handel', en: 'Handel' }, codable: false },
    ]);
    expect(plain!.color).toMatch(/^#[0-9A-F]{6}$/);
    expect(plain!.description).toEqual({ nl: '', en: '' });
    expect(plain!.codable).toBeUndefined();
    expect(r.parsed.name.en).toBe('ATLAS.ti 9');
    expect(parseCodebook(r.parsed)).toHaveProperty('parsed');
    // Written back, the tree, the GUIDs, the folders and the colours are the same.
    const again = parseQdc(toQdc(r.parsed, { lang: 'nl' }), { fileName: 'atlas.qdc' });
    if (!('parsed' in again)) throw new Error(again.error.reason);
    expect(again.parsed.codes.map(({ key: _k, ...c }) => c)).toEqual(r.parsed.codes.map(({ key: _k, ...c }) => c));
  });

  it('reads a colour with an alpha channel or without its "#", and leaves a colour it cannot read to the palette', () => {
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="11111111-2222-3333-4444-555555555561" name="A" isCodable="true" color="#11223380"/>
      <Code guid="11111111-2222-3333-4444-555555555562" name="B" isCodable="true" color="a0b0c0"/>
      <Code guid="11111111-2222-3333-4444-555555555563" name="C" isCodable="true" color="red"/>
    </Codes></CodeBook>`;
    const r = parseQdc(xml, { fileName: 'colours.qdc' });
    if (!('parsed' in r)) throw new Error(r.error.reason);
    const [a, b, c] = r.parsed.codes;
    expect([a!.color, b!.color]).toEqual(['#112233', '#A0B0C0']);
    expect(c!.color).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('gives codes past the last free key no key instead of refusing the file', () => {
    const many = `<CodeBook><Codes>${Array.from({ length: 40 }, (_, i) => `<Code name="c${i}" isCodable="true"/>`).join('')}</Codes></CodeBook>`;
    const r = parseQdc(many);
    if (!('parsed' in r)) throw new Error(r.error.reason);
    expect(r.parsed.codes).toHaveLength(40);
    expect(r.parsed.codes[0]!.key).toBe('1');
    expect(r.parsed.codes[39]!.key).toBe('');
    expect(parseCodebook(r.parsed)).toHaveProperty('parsed');
  });

  it('refuses a codebook nested 1,000 deep with a clear error, quickly (issue 15 bound)', () => {
    const deep = `<CodeBook><Codes>${'<Code name="x" isCodable="true">'.repeat(1000)}${'</Code>'.repeat(1000)}</Codes></CodeBook>`;
    const { value: r, cpuMs } = withCpuTime(() => parseQdc(deep));
    expect(cpuMs).toBeLessThan(2000);
    expect(r).toMatchObject({ error: { code: 'xml.tooDeep', reason: 'elements nested more than 200 deep' } });
  });

  it('names the line of a code without a name and of a broken tag, and refuses a DOCTYPE', () => {
    const noName = parseQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="x" isCodable="true"/></Codes></CodeBook>');
    expect(noName).toMatchObject({ error: { path: 'CodeBook/Codes/Code[1] (line 2)', reason: 'a Code without a name' } });
    const broken = parseQdc('<CodeBook>\n<Codes>\n</CodeBook>');
    expect(broken).toMatchObject({ error: { path: 'line 3', reason: expect.stringMatching(/not well-formed XML/) } });
    expect(parseQdc('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CodeBook/>')).toMatchObject({ error: { reason: expect.stringMatching(/DOCTYPE/) } });
    expect(parseQdc('<Project><Sources/></Project>')).toMatchObject({ error: { reason: expect.stringMatching(/not a REFI-QDA codebook/) } });
  });

  it('reads the codebook inside a REFI-QDA project file', () => {
    const qde = readFileSync(new URL('../../../../shared/refi-qda/samples/ornio-hand-authored/project.qde', import.meta.url), 'utf8');
    const r = parseQdc(qde);
    if (!('parsed' in r)) throw new Error(r.error.reason);
    expect(r.parsed.codes.length).toBeGreaterThan(0);
  });
});

describe('reading the codebook of a REFI-QDA project', () => {
  it('takes the codebook of a .qde or .qdpx and says the rest was ignored', async () => {
    const { parseQdcBytes } = await import('../../../src/exchange/refi-qda-codebook.ts');
    const { unzipBounded } = await import('../../../src/exchange/qdpx-read.ts');
    const { toQdpx } = await import('../../../src/exchange/qdpx-write.ts');
    const { parseProjectFile } = await import('../../../src/exchange/project-file.ts');
    const small = parseProjectFile(readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8'));
    if ('error' in small) throw new Error(small.error.reason);
    const zip = toQdpx(small.parsed, { lang: 'en' });
    const r = parseQdcBytes(zip, 'p.qdpx', (b) => unzipBounded(b, 'p.qdpx'));
    if (!('parsed' in r)) throw new Error(r.error.reason);
    expect(r.parsed.ignoredRest).toBe(true);
    // Seven regimes and the glocalisation flag (a code of its own in REFI-QDA).
    expect(r.parsed.codebook.codes.map((c) => c.name.en)).toEqual([...shipped.codes.map((c) => c.name.en), 'Glocalisation / other trend']);
    const qdc = parseQdcBytes(new TextEncoder().encode(toQdc(shipped, { lang: 'en' })), 'x.qdc', (b) => unzipBounded(b, 'x'));
    expect('parsed' in qdc && qdc.parsed.ignoredRest).toBe(false);
    expect(parseQdcBytes(new Uint8Array([0x50, 0x4b, 1, 2]), 'bad.qdpx', (b) => unzipBounded(b, 'bad.qdpx'))).toHaveProperty('error');
  });
});
