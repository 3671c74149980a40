/**
 * Reading REFI-QDA projects: real files (ATLAS.ti's Annex A.2 export, the Ornio hand-authored
 * project), round trips Worthmark → .qdpx → Worthmark and .qdpx → Worthmark → .qdpx, code points
 * outside the BMP, CRLF sources (spec and ATLAS.ti counting), overlapping selections.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseProjectFile, type ProjectData } from '../../../src/exchange/project-file.ts';
import { readQde, readQdpx, type ReadProject } from '../../../src/exchange/qdpx-read.ts';
import { toQdpx } from '../../../src/exchange/qdpx-write.ts';
import { reportNoteText, type ReportNoteCode } from '../../../src/exchange/exchange-report.ts';
import { anchorFromRange, type Fragment } from '../../../src/model/fragment.ts';
import { shared, validateQde, xsdUnavailable } from './qdpx-support.ts';
import { knownQuote, MISSING_CHAR } from '../../../src/text/missing-text.ts';
import { parseQuery } from '../../../src/text/query.ts';
import { compileQuery, findAll } from '../../../src/text/matcher.ts';

const here = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const small = (() => {
  const r = parseProjectFile(readFileSync(here('tests/fixtures/projects/small.worthmark.json'), 'utf8'));
  if ('error' in r) throw new Error(r.error.reason);
  return r.parsed;
})();

async function read(bytes: Uint8Array, name = 'x.qdpx'): Promise<ReadProject> {
  const r = await readQdpx(bytes, name);
  if ('error' in r) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r.parsed;
}
const noteCodes = (p: ReadProject) => p.report.notes.map((n) => n.code);
const note = (p: ReadProject, code: ReportNoteCode) => p.report.notes.find((n) => n.code === code);
const noXsd = xsdUnavailable();

/** A project with one document of the given text and fragments over the given ranges. */
function project(text: string, ranges: [number, number, string[], string?][], extra: Partial<ProjectData> = {}): ProjectData {
  const fragments: Fragment[] = ranges.map(([start, end, codes, memo], i) => ({
    id: `f-${i}` as Fragment['id'],
    documentId: 'doc-1' as Fragment['documentId'],
    anchor: anchorFromRange(text, start, end),
    codes: codes as Fragment['codes'],
    flags: [],
    memo: memo ?? '',
    coderId: 'anna' as Fragment['coderId'],
    createdAt: '2024-03-01T10:00:00.000Z',
    updatedAt: '2024-03-02T10:00:00.000Z',
  }));
  return {
    ...small,
    documents: [{ ...small.documents[0]!, id: 'doc-1' as never, charCount: text.length, pages: [{ index: 1, label: '1', start: 0, end: text.length }], report: { joinedHyphens: 0, removedLines: [], pageCount: 1 } }],
    texts: [{ documentId: 'doc-1' as never, text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }],
    fragments,
    hits: [],
    searches: [],
    ...extra,
  };
}

describe('Worthmark → .qdpx → Worthmark', () => {
  it('keeps every document, code (ids, both names, colours, values), fragment, flag, memo, coder and time', async () => {
    const back = await read(toQdpx(small, { lang: 'nl' }));
    const d = back.data;
    expect(d.documents).toEqual(small.documents);
    expect(d.texts).toEqual(small.texts);
    expect(d.codebooks).toEqual(small.codebooks);
    expect(d.coders).toEqual(small.coders);
    expect(d.searches).toEqual(small.searches);
    expect(d.hits).toEqual(small.hits);
    expect(d.settings).toEqual(small.settings);
    const byId = (fs: Fragment[]) => [...fs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(d.fragments)).toEqual(byId(small.fragments).map((f) => ({ ...f, ...(f.values && f.values.length === 0 ? { values: undefined } : {}) })).map((f) => JSON.parse(JSON.stringify(f))));
    expect(noteCodes(back)).toContain('worthmarkData');
    expect(note(back, 'quoteChecked')!.values).toEqual({ checked: small.fragments.length, matched: small.fragments.length });
  });

  it('keeps text outside the BMP, CRLF-free line ends and overlapping selections, with code-point positions in the file', async () => {
    const text = 'Cultuur 🎭 en erfgoed 🏛️ over de grens.\nTweede regel met 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 en nog een 🎭.';
    const a = text.indexOf('erfgoed');
    const b = text.indexOf('grens') + 'grens'.length;
    const c = text.indexOf('𝔘');
    const data = project(text, [
      [a, b, ['civic']],
      [text.indexOf('🏛️'), text.indexOf('Tweede') + 6, ['market', 'fame'], 'overlapt 🎭'],
      [c, c + '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'.length, []],
    ]);
    const zip = toQdpx(data, { lang: 'en' });
    const xml = strFromU8(unzipSync(zip)['project.qde']!);
    // In code points: "Cultuur 🎭 en " is 13 code points (14 UTF-16 units).
    expect(xml).toContain(`startPosition="${a - 1}"`);
    expect(Array.from(text.slice(0, a)).length).toBe(a - 1);
    const back = await read(zip);
    expect(back.data.fragments.map((f) => [f.anchor.start, f.anchor.end, f.anchor.exact])).toEqual(data.fragments.map((f) => [f.anchor.start, f.anchor.end, f.anchor.exact]));
    expect(back.data.fragments[1]!.memo).toBe('overlapt 🎭');
    expect(back.data.fragments[1]!.codes).toEqual(['fame', 'market'].sort((x, y) => data.fragments[1]!.codes.indexOf(x as never) - data.fragments[1]!.codes.indexOf(y as never)));
  });

  it.skipIf(noXsd)('writes a file valid against Project.xsd also with emoji, markup characters and CR in memos', () => {
    const text = 'A & B <c> "d" 🎭\r\nend';
    const data = project(text, [[0, 5, ['civic'], 'memo\r\nwith <tags> & 🎭']]);
    expect(validateQde(unzipSync(toQdpx(data, { lang: 'nl' }))['project.qde']!)).toBe('');
  });

  it('keeps reviews (as notes other programs can read), who changed a fragment last and its version vector', async () => {
    const f = small.fragments[0]!;
    const reviewer = { id: 'bram' as never, name: 'Bram Supervisor', initials: 'BS' };
    const data: ProjectData = {
      ...small,
      coders: [...small.coders, reviewer],
      fragments: small.fragments.map((x) => (x.id === f.id ? { ...x, updatedBy: reviewer.id, updatedAt: '2024-04-01T10:00:00.000Z', versions: { [x.coderId]: 1, bram: 1 } } : x)),
      reviews: [
        {
          id: `${f.id}:bram`,
          fragmentId: f.id,
          documentId: f.documentId,
          reviewerId: reviewer.id,
          status: 'needs-change',
          statusAt: '2024-04-02T10:00:00.000Z',
          quote: f.anchor.exact,
          comments: [{ id: 'c1', authorId: reviewer.id, at: '2024-04-02T10:00:00.000Z', text: 'Is dit niet eerder civic?' }],
          updatedAt: '2024-04-02T10:00:00.000Z',
        },
      ],
    };
    const zip = toQdpx(data, { lang: 'nl' });
    const xml = strFromU8(unzipSync(zip)['project.qde']!);
    expect(xml).toMatch(/Review by Bram Supervisor: needs-change[^<]*\nBram Supervisor \(2024-04-02T10:00:00.000Z\): Is dit niet eerder civic\?/);
    if (!noXsd) expect(validateQde(xml)).toBe('');
    const back = await read(zip);
    expect(back.data.reviews).toEqual(data.reviews);
    const g = back.data.fragments.find((x) => x.id === f.id)!;
    expect(g.updatedBy).toBe('bram');
    expect(g.versions).toEqual({ [f.coderId]: 1, bram: 1 });
    expect(g.memo).toBe(f.memo);
  });

  it('carries a Word original as the text source\'s richTextPath and a PDF as a PDF source, both back as originals', async () => {
    const [a, b] = small.documents;
    const docx = new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]);
    const pdf = new TextEncoder().encode('%PDF-1.4 pretend');
    const zip = toQdpx(small, {
      lang: 'en',
      originals: new Map([
        [a!.id, { fileName: 'profiel.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: docx }],
        [b!.id, { fileName: 'kust.pdf', type: 'application/pdf', bytes: pdf }],
      ]),
    });
    const xml = strFromU8(unzipSync(zip)['project.qde']!);
    expect(xml).toMatch(/<TextSource [^>]*richTextPath="internal:\/\/[0-9a-f-]{36}\.docx"/);
    expect(xml).toMatch(/<PDFSource [^>]*path="internal:\/\/[0-9a-f-]{36}\.pdf"/);
    if (!noXsd) expect(validateQde(xml)).toBe('');
    const back = await read(zip);
    expect(back.originals.map((o) => [o.documentId, o.bytes])).toEqual(expect.arrayContaining([[a!.id, docx], [b!.id, pdf]]));
    expect(back.data.documents).toEqual(small.documents);
  });

  it('reads the glocalisation flag back as the flag, not as a code', async () => {
    const flagged = small.fragments.filter((f) => f.flags.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
    const back = await read(toQdpx(small, { lang: 'en' }));
    for (const f of flagged) expect(back.data.fragments.find((x) => x.id === f.id)!.flags).toEqual(f.flags);
  });
});

describe('.qdpx from another tool → Worthmark → .qdpx', () => {
  const qde = (sources: string, codes = '', extra = '', origin = 'QualCoder 3.5') => `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Elders" origin="${origin}" creatingUserGUID="10000000-0000-0000-0000-000000000001">
  <Users><User guid="10000000-0000-0000-0000-000000000001" name="Ada Lovelace"/><User guid="10000000-0000-0000-0000-000000000002" name="Bo"/></Users>
  <CodeBook><Codes>
    <Code guid="20000000-0000-0000-0000-000000000001" name="Kunst" isCodable="true" color="#112233">
      <Code guid="20000000-0000-0000-0000-000000000002" name="Musea" isCodable="true"/>
    </Code>
    <Code guid="20000000-0000-0000-0000-000000000003" name="Map" isCodable="false"/>${codes}
  </Codes></CodeBook>
  <Sources>${sources}</Sources>${extra}
</Project>`;
  const sel = (guid: string, start: number, end: number, codes: string[], user = '10000000-0000-0000-0000-000000000001', name = '') =>
    `<PlainTextSelection guid="${guid}" startPosition="${start}" endPosition="${end}"${name ? ` name="${name}"` : ''} creatingUser="${user}" creationDateTime="2024-01-02T03:04:05Z">${codes
      .map((c, i) => `<Coding guid="${guid.slice(0, -1)}${i}" creatingUser="${user}"><CodeRef targetGUID="${c}"/></Coding>`)
      .join('')}</PlainTextSelection>`;

  it('reads a CRLF source with a BOM from Sources/, counting CR and LF apart as the standard says', async () => {
    const raw = '\uFEFFEerste regel\r\nTweede regel over musea\r\nDerde';
    const start = 'Eerste regel\r\nTweede regel over '.length; // code points in the file, CRLF = 2
    const xml = qde(`<TextSource guid="40000000-0000-0000-0000-000000000001" name="Interview.txt" plainTextPath="internal://41111111-1111-1111-1111-111111111111.txt">
      ${sel('50000000-0000-0000-0000-000000000001', start, start + 5, ['20000000-0000-0000-0000-000000000002'], undefined, 'musea')}</TextSource>`);
    const zip = zipSync({ 'Project.qde': strToU8(xml), 'Sources/41111111-1111-1111-1111-111111111111.txt': strToU8(raw) });
    const p = await read(zip);
    expect(p.data.texts[0]!.text).toBe('Eerste regel\nTweede regel over musea\nDerde');
    const f = p.data.fragments[0]!;
    expect(f.anchor.exact).toBe('musea');
    expect(f.codes).toEqual(['20000000-0000-0000-0000-000000000001']);
    expect(f.values).toEqual(['20000000-0000-0000-0000-000000000001:20000000-0000-0000-0000-000000000002']);
    expect(p.data.coders.map((c) => c.name)).toEqual(['Ada Lovelace', 'Bo']);
    expect(note(p, 'quoteChecked')!.values).toEqual({ checked: 1, matched: 1 });
    expect(noteCodes(p)).not.toContain('crlfOneCharacter');
  });

  it('reads a source text written as UTF-16 with a byte-order mark, and a path given as relative:// whose file is in sources/', async () => {
    const text = 'Culturele instellingen over de grens 🎭 en musea';
    const start = Array.from(text.slice(0, text.indexOf('musea'))).length; // code points: the emoji is one
    const utf16 = (s: string, big: boolean) => {
      const out = new Uint8Array(2 + s.length * 2);
      out.set(big ? [0xfe, 0xff] : [0xff, 0xfe]);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out[2 + 2 * i + (big ? 1 : 0)] = c & 0xff;
        out[2 + 2 * i + (big ? 0 : 1)] = c >> 8;
      }
      return out;
    };
    for (const [path, big] of [['internal://a.txt', false], ['relative:///Sources/a.txt', true], ['a.txt', false]] as const) {
      const xml = qde(`<TextSource guid="40000000-0000-0000-0000-000000000001" name="I.txt" plainTextPath="${path}">
        ${sel('50000000-0000-0000-0000-000000000001', start, start + 5, ['20000000-0000-0000-0000-000000000001'], undefined, 'musea')}</TextSource>`);
      const p = await read(zipSync({ 'project.qde': strToU8(xml), 'sources/a.txt': utf16(text, big) }));
      expect({ path, text: p.data.texts[0]!.text, quote: p.data.fragments[0]!.anchor.exact }).toEqual({ path, text, quote: 'musea' });
      expect(p.data.documents[0]!.textMissing).toBeUndefined();
    }
  });

  it('keeps the passages of a source whose text file is not UTF-8, in a document whose text is missing, and says so', async () => {
    const latin1 = Uint8Array.from('Caf\u00e9 cultuur en musea'.split('').map((c) => c.charCodeAt(0)));
    const xml = qde(`<TextSource guid="40000000-0000-0000-0000-000000000001" name="Oud.txt" plainTextPath="internal://a.txt">
      ${sel('50000000-0000-0000-0000-000000000001', 17, 22, ['20000000-0000-0000-0000-000000000001'], undefined, 'musea')}</TextSource>`);
    const p = await read(zipSync({ 'project.qde': strToU8(xml), 'sources/a.txt': latin1 }));
    expect(p.data.documents.map((d) => d.textMissing?.source)).toEqual(['Oud.txt']);
    expect(p.data.fragments.map((f) => [f.anchor.start, f.anchor.end, f.anchor.exact])).toEqual([[17, 22, 'musea']]);
    expect(note(p, 'unreadableText')!.values).toEqual({ name: 'Oud.txt', selections: 1 });
  });

  it('counts a CRLF as one character in an ATLAS.ti file, and says so', async () => {
    const raw = 'Eerste regel\r\nTweede regel over musea\r\nDerde';
    const start = 'Eerste regel\nTweede regel over '.length; // ATLAS.ti: CRLF = 1
    const xml = qde(`<TextSource guid="40000000-0000-0000-0000-000000000001" name="I.txt" plainTextPath="internal://a.txt">
      ${sel('50000000-0000-0000-0000-000000000001', start, start + 5, ['20000000-0000-0000-0000-000000000001'])}</TextSource>`, '', '', 'ATLAS.ti 23.0');
    const p = await read(zipSync({ 'x/Trial.qde': strToU8(xml), 'x/sources/A.TXT': strToU8(raw) }));
    expect(p.data.fragments[0]!.anchor.exact).toBe('musea');
    expect(noteCodes(p)).toContain('crlfOneCharacter');
  });

  it('uses the counting that matches the quotes when the origin does not say', async () => {
    const raw = 'a\r\nb\r\nc\r\nDit is de passage die telt\r\n';
    const start = 'a\nb\nc\n'.length; // counted as ATLAS.ti does, by an exporter that does not say so
    const xml = qde(`<TextSource guid="40000000-0000-0000-0000-000000000001" name="I.txt" plainTextPath="internal://a.txt">
      ${sel('50000000-0000-0000-0000-000000000001', start, start + 9, ['20000000-0000-0000-0000-000000000001'], undefined, 'Dit is de')}</TextSource>`);
    const p = await read(zipSync({ 'project.qde': strToU8(xml), 'sources/a.txt': strToU8(raw) }));
    expect(p.data.fragments[0]!.anchor.exact).toBe('Dit is de');
  });

  it('makes one fragment per coder of a selection, keeps overlapping selections, and keeps GUIDs on the way back', async () => {
    const text = 'Musea en theaters werken samen over de grens.';
    const xml = qde(`<TextSource guid="40000000-0000-0000-0000-000000000001" name="T">
      <PlainTextContent>${text}</PlainTextContent>
      <PlainTextSelection guid="50000000-0000-0000-0000-000000000001" startPosition="0" endPosition="17">
        <Coding guid="60000000-0000-0000-0000-000000000001" creatingUser="10000000-0000-0000-0000-000000000001"><CodeRef targetGUID="20000000-0000-0000-0000-000000000001"/></Coding>
        <Coding guid="60000000-0000-0000-0000-000000000002" creatingUser="10000000-0000-0000-0000-000000000002"><CodeRef targetGUID="20000000-0000-0000-0000-000000000002"/></Coding>
      </PlainTextSelection>
      ${sel('50000000-0000-0000-0000-000000000002', 9, 30, ['20000000-0000-0000-0000-000000000001'])}
    </TextSource>`);
    const p = await read(zipSync({ 'project.qde': strToU8(xml) }));
    expect(p.data.fragments).toHaveLength(3);
    expect(p.data.fragments.map((f) => [f.anchor.exact, f.coderId])).toEqual([
      ['Musea en theaters', '10000000-0000-0000-0000-000000000001'],
      ['Musea en theaters', '10000000-0000-0000-0000-000000000002'],
      ['theaters werken samen', '10000000-0000-0000-0000-000000000001'],
    ]);
    expect(noteCodes(p)).toContain('splitByCoder');
    // Back out: the same code, selection, user and source GUIDs.
    const again = strFromU8(unzipSync(toQdpx(p.data, { lang: 'en' }))['project.qde']!);
    for (const guid of ['20000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000002', '50000000-0000-0000-0000-000000000001', '50000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000002', '40000000-0000-0000-0000-000000000001']) {
      expect(again).toContain(`"${guid}"`);
    }
    expect(again).toMatch(/name="Map" isCodable="false"/);
    const back = await read(toQdpx(p.data, { lang: 'en' }));
    expect(back.data.fragments.map((f) => [f.anchor.start, f.anchor.end, f.codes, f.values, f.coderId])).toEqual(p.data.fragments.map((f) => [f.anchor.start, f.anchor.end, f.codes, f.values, f.coderId]));
  });

  it('refuses what is not a project with a clear reason and the place inside the file', async () => {
    expect(await readQdpx(strToU8('not a zip'), 'a.qdpx')).toMatchObject({ error: { path: '', reason: expect.stringMatching(/not a readable zip/) } });
    expect(await readQdpx(zipSync({ 'a.txt': strToU8('x') }), 'b.qdpx')).toMatchObject({ error: { path: '', reason: expect.stringMatching(/no \.qde file/) } });
    expect(await readQde('<CodeBook/>', { fileName: 'c.qde' })).toMatchObject({ error: { reason: expect.stringMatching(/not a REFI-QDA project/) } });
    expect(await readQde('<Project name="x"><Sources>', { fileName: 'd.qde' })).toMatchObject({ error: { path: 'line 1' } });
    expect(await readQdpx(zipSync({ 'p/x.qde': strToU8('<Project name="x">\n<Sources>') }), 'e.qdpx')).toMatchObject({ error: { path: 'p/x.qde: line 2' } });
  });
});

const ornio = shared + 'refi-qda/samples/ornio-hand-authored/';
const atlas = shared + 'refi-qda/samples/refi-spec-annex-a2-atlasti/TestProject.qdpx';
const atlasQde = shared + 'refi-qda/samples/refi-spec-annex-a2-atlasti/Project.qde';
const samples = existsSync(ornio) && existsSync(atlas);
if (!samples) console.log(`Skipping the REFI-QDA sample imports: ${shared}refi-qda/samples is not there.`);

describe.skipIf(!samples)('REFI-QDA files made elsewhere', () => {
  it('imports the Ornio hand-authored project (zipped here) with its codes, user and codings, and lists what was left out', async () => {
    const zip = zipSync({
      'project.qde': new Uint8Array(readFileSync(ornio + 'project.qde')),
      'sources/11111111-1111-1111-1111-111111111111.txt': new Uint8Array(readFileSync(ornio + 'sources/11111111-1111-1111-1111-111111111111.txt')),
    });
    const p = await read(zip, 'ornio.qdpx');
    const book = p.data.codebooks[0]!;
    expect(book.codes.map((c) => [c.name.en, c.codable])).toEqual([['Topics', false]]);
    expect(book.codes[0]!.values.map((v) => [v.name.en, v.color, v.parent ?? null])).toEqual([
      ['Health', '#33CC33', null],
      ['Diet', '#DC0000', '20000000-0000-0000-0000-000000000002'],
      ['Wellbeing', '#0000FF', null],
    ]);
    expect(p.data.coders.map((c) => c.name)).toEqual(['Researcher A']);
    // The PDF source has an inline text representation: its text is a document (its rectangle is left out).
    expect(p.data.documents.map((d) => [d.title, d.format])).toEqual([['Interview 1', 'txt'], ['doc', 'pdf']]);
    expect(p.data.fragments.map((f) => [f.anchor.exact, f.values])).toEqual([
      ['Diet and health', ['20000000-0000-0000-0000-000000000001:20000000-0000-0000-0000-000000000002']],
      ['health are clo', ['20000000-0000-0000-0000-000000000001:20000000-0000-0000-0000-000000000003']],
    ]);
    const codes = noteCodes(p);
    for (const c of ['pictures', 'audio', 'video', 'pdfRegions', 'cases', 'variables', 'sets', 'graphs', 'links', 'notes'] as const) expect(codes).toContain(c);
    // Its 2nd selection is named "health are closely" but covers "health are clo": listed, kept in place.
    expect(note(p, 'quoteMismatch')!.values.n).toBe(1);
    expect(reportNoteText(note(p, 'pictures')!, 'en')).toBe('Left out: 1 picture with 1 coded region (Worthmark codes text only).');
    expect(reportNoteText(note(p, 'pictures')!, 'nl')).toBe('Weggelaten: 1 afbeelding met 1 gecodeerd gebied (Worthmark codeert alleen tekst).');
  });

  it('imports ATLAS.ti\'s TestProject.qdpx (Project.qde, empty Sources/): every text source a "text missing" document keeping each coded passage and coding of the XML, per code and per coder', async () => {
    const xml = readFileSync(atlasQde, 'utf8');
    const p = await read(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
    expect(p.data.codebooks[0]!.codes).toHaveLength(14);
    expect(p.data.codebooks[0]!.codes.find((c) => c.name.en === 'Coke::diet Coke')!.id).toBe('d299efae-5779-46dc-9827-a3d1a5d544bc');
    expect(p.data.coders.map((c) => c.name)).toEqual(['ATLAS.ti', 'Friedrich Markgraf', 'Sebastian Petrausch']);

    // What the XML holds, read apart from the importer (a regular expression over the elements):
    // every PlainTextSelection (in a TextSource or a PDF's text Representation), its positions, its
    // name, and each Coding's code and coder.
    const selections = [...xml.matchAll(/<PlainTextSelection\b([^>]*?)(\/>|>([\s\S]*?)<\/PlainTextSelection>)/g)].map((m) => {
      const at = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1]!)?.[1];
      const codings = [...(m[3] ?? '').matchAll(/<Coding\b([^>]*)>\s*<CodeRef targetGUID="([^"]+)"/g)].map((c) => ({
        code: c[2]!.toLowerCase(),
        coder: /creatingUser="([^"]+)"/.exec(c[1]!)![1]!.toLowerCase(),
      }));
      return { guid: at('guid')!.toLowerCase(), start: Number(at('startPosition')), end: Number(at('endPosition')), name: at('name')!, codings };
    });
    expect(selections).toHaveLength(8);
    const xmlCodings = selections.flatMap((s) => s.codings);
    expect(xmlCodings).toHaveLength(9);

    // Six text sources and two PDF text representations, all without their text: eight documents.
    expect(p.data.documents.map((d) => d.textMissing?.source.normalize('NFC'))).toEqual([
      '1960s Coca Cola commercial - Audio.docx',
      '1960s Coca Cola commercial - Visual.docx',
      '1994 Diet Coke-Diet Coke Break.docx',
      'Mabêl 2ième.txt',
      'Mabel.txt',
      'Simon.docx',
      "Kellogg's Passion for Nutrition.pdf",
      "Pay de Limón con Base de Granola | Kellogg's ®.pdf",
    ]);
    for (const d of p.data.documents) expect(d.textMissing!.origin).toMatch(/^ATLAS\.ti 8\.4/);

    // Every selection is a fragment at its positions (code points; these stand-ins are all BMP).
    const byId = new Map(p.data.fragments.map((f) => [f.id as string, f]));
    expect(p.data.fragments).toHaveLength(selections.length);
    for (const s of selections) {
      const f = byId.get(s.guid)!;
      expect([f.anchor.start, f.anchor.end]).toEqual([s.start, s.end]);
      expect([...f.codes].sort()).toEqual([...new Set(s.codings.map((c) => c.code))].sort());
    }
    // Codings per code and per coder, as in the XML.
    const count = (keys: string[]) => keys.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
    expect(count(p.data.fragments.flatMap((f) => f.codes))).toEqual(count(xmlCodings.map((c) => c.code)));
    expect(count(p.data.fragments.flatMap((f) => f.codes.map(() => f.coderId)))).toEqual(count(xmlCodings.map((c) => c.coder)));
    expect(count(xmlCodings.map((c) => c.coder))).toEqual({ 'ad68fbe7-e1ee-4a82-a279-23cc698c89eb': 9 });

    // What is known of each quote: the whole of it where the name is the quote, its start where
    // ATLAS.ti cut the name with "…", nothing where the name is a label.
    const exact = (guid: string) => byId.get(guid)!.anchor.exact;
    expect(exact('4191294a-e287-4510-95b0-69bce4638e56')).toBe('Oh, that was great. See you tomorrow? Eleven thirty. Mm.');
    expect(exact('789a62d6-a2ad-4b59-ab90-ef1d4ab1868f')).toBe('I did try the gluten free bread, but it was always so soggy,');
    expect(exact('27a5f0c2-e225-4d6a-8297-f4fec794d890')).toBe('granola');
    const mabel = exact('2f24ea88-c6a7-482b-8f89-893ef66d7a21');
    expect(mabel.startsWith("I'm a single mum with an 8 month old and a toddler and breakfast is mayhem. The baby has porridge, I")).toBe(true);
    expect(mabel.slice(100)).toBe(MISSING_CHAR.repeat(310));
    expect(knownQuote(exact('63e009f1-5c33-4568-b65d-53a7e28bdbc1'))).toBe(''); // "damage done by fatty foods": a label
    expect(exact('63e009f1-5c33-4568-b65d-53a7e28bdbc1')).toBe(MISSING_CHAR.repeat(219));
    // The stand-in holds nothing but known quotes and the missing-text character: no invented words.
    const knownNames = selections.map((s) => s.name.replace(/…$/, ''));
    for (const t of p.data.texts) for (const run of t.text.split(MISSING_CHAR).filter(Boolean)) expect(knownNames.some((n) => n.includes(run))).toBe(true);

    const missing = note(p, 'textMissing')!;
    expect(missing.values).toMatchObject({ n: 8, selections: 8, known: 7 });
    expect(reportNoteText(missing, 'en')).toMatch(/^Text missing: 8 text sources have no text in the file \("1960s Coca Cola commercial - Audio\.docx", .*Each became a document marked "text missing" that keeps its 8 coded passages at their positions, 7 with the quote known from their name/);
    expect(reportNoteText(missing, 'nl')).toMatch(/^Tekst ontbreekt: 8 tekstbronnen hebben geen tekst/);
    expect(note(p, 'read')!.values).toMatchObject({ documents: 8, fragments: 8, coders: 3 });
    expect(note(p, 'pdfRegions')!.values.n).toBe(4);
    for (const c of ['pictures', 'video', 'audio', 'sets', 'graphs', 'links', 'notes'] as const) expect(noteCodes(p)).toContain(c);
  });

  it('finds in a text-missing document only what is known: a word of a known quote, never a word across a gap', async () => {
    const p = await read(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
    const simon = p.data.texts.find((t) => p.data.documents.find((d) => d.id === t.documentId)!.textMissing!.source === 'Simon.docx')!;
    const find = (q: string) => {
      const parsed = parseQuery(q);
      if ('error' in parsed) throw new Error(q);
      return findAll(simon.text, compileQuery(parsed.parsed)).map((h) => simon.text.slice(h.start, h.end));
    };
    expect(find('soggy')).toEqual(['soggy']);
    expect(find('bread')).toEqual(['bread']);
    // "soggy," ends the known quote at 275; the next known text starts at 513: no phrase bridges the gap.
    expect(find('"soggy but"')).toEqual([]);
    expect(find('fatty')).toEqual([]); // the label "damage done by fatty foods" is not text
  });
});
