import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectFile, toProjectFile, type ProjectData } from '../../../src/exchange/project-file.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';

const fixtureText = readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8');
const fixture = JSON.parse(fixtureText) as Record<string, any>;

/** The fixture as text after one change to its JSON. */
function variant(change: (file: any) => void): string {
  const copy = structuredClone(fixture);
  change(copy);
  return JSON.stringify(copy);
}

function project(): ProjectData {
  const result = parseProjectFile(fixtureText);
  if ('error' in result) throw new Error(`${result.error.path}: ${result.error.reason}`);
  return result.parsed;
}

describe('toProjectFile', () => {
  it('writes the format header with the export time and the offset unit', () => {
    const file = JSON.parse(toProjectFile(project(), { exportedAt: '2024-05-01T12:00:00.000Z' }));
    expect(file).toMatchObject({ format: 'worthmark-project', version: 2, exportedAt: '2024-05-01T12:00:00.000Z', offsets: 'utf-16' });
  });

  it('records the current time when no export time is given', () => {
    const file = JSON.parse(toProjectFile(project()));
    expect(Math.abs(Date.parse(file.exportedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('round-trips a project through parseProjectFile unchanged', () => {
    const data = project();
    const again = parseProjectFile(toProjectFile(data));
    expect(again).toEqual({ parsed: data });
  });

  it('reproduces the fixture byte for byte from its own data', () => {
    expect(toProjectFile(project(), { exportedAt: fixture.exportedAt })).toBe(fixtureText);
  });
});

describe('parseProjectFile', () => {
  it('reads every part of the fixture', () => {
    const data = project();
    expect(data.documents).toHaveLength(3);
    expect(data.texts).toHaveLength(3);
    expect(data.codebooks[0]!.codes).toHaveLength(7);
    expect(data.fragments).toHaveLength(8);
    expect(data.searches).toHaveLength(1);
    expect(data.coders).toHaveLength(1);
    expect(data.settings).toEqual({ language: 'nl' });
  });

  it('accepts a byte order mark before the JSON', () => {
    expect(parseProjectFile('\uFEFF' + fixtureText)).toHaveProperty('parsed');
  });

  it('drops properties it does not know', () => {
    const result = parseProjectFile(variant((f) => (f.fragments[0].colourHint = 'x')));
    expect('parsed' in result && result.parsed.fragments[0]).not.toHaveProperty('colourHint');
  });

  describe('rejects a file that is not a project', () => {
    it.each([
      ['text that is not JSON', 'hello', '', /^not a JSON file \(it is plain text, not JSON\)$/],
      ['a PDF', '%PDF-1.7\n%âãÏÓ', '', /^not a JSON file \(it is a PDF document\)$/],
      ['an empty file', '  \n', '', /^not a JSON file \(the file is empty\)$/],
      ['broken JSON', '{"format":"worthmark-project",', '', /^not valid JSON: /],
      ['a JSON array', '[]', '', /expected a JSON object/],
      ['null', 'null', '', /expected a JSON object/],
      ['a missing format', '{"version":1}', 'format', /format is missing, expected "worthmark-project"/],
      ['another format', '{"format":"refi-qda","version":1}', 'format', /format is "refi-qda"/],
      ['a version that is not a number', '{"format":"worthmark-project","version":"1"}', 'version', /not a valid version/],
      ['version 0', '{"format":"worthmark-project","version":0}', 'version', /not a valid version/],
    ])('%s', (_, text, path, reason) => {
      const result = parseProjectFile(text);
      expect(result).toMatchObject({ error: { path, reason: expect.stringMatching(reason) } });
    });
  });

  it('rejects a newer version with a message that says so', () => {
    expect(parseProjectFile(variant((f) => (f.version = 3)))).toMatchObject({
      error: {
        path: 'version',
        reason: 'version 3 was written by a newer Worthmark; this one reads version 2 — update Worthmark to open it',
      },
    });
  });

  it('names the path of a field of the wrong kind', () => {
    expect(parseProjectFile(variant((f) => (f.fragments[1].anchor.start = -4)))).toMatchObject({
      error: { path: 'fragments[1].anchor.start', reason: expect.stringMatching(/negative/) },
    });
    expect(parseProjectFile(variant((f) => delete f.documents[2].title))).toMatchObject({
      error: { path: 'documents[2].title', reason: 'missing (expected string)' },
    });
  });

  it('rejects an anchor whose start is after its end', () => {
    expect(parseProjectFile(variant((f) => (f.fragments[0].anchor.end = 1)))).toMatchObject({
      error: { path: 'fragments[0].anchor.end', reason: 'start is after end' },
    });
  });

  it('rejects an anchor beyond the end of the document text, giving both numbers', () => {
    const length = fixture.texts[1].text.length as number;
    const result = parseProjectFile(variant((f) => (f.fragments[5].anchor.end = length + 20)));
    expect(result).toMatchObject({
      error: { path: 'fragments[5].anchor.end', reason: `beyond the end of the document text (${length + 20} > ${length})` },
    });
  });

  it('rejects a fragment of a document that is not in the file', () => {
    expect(parseProjectFile(variant((f) => (f.fragments[2].documentId = 'elsewhere')))).toMatchObject({
      error: { path: 'fragments[2].documentId', reason: 'no document with id "elsewhere"' },
    });
  });

  it('rejects a fragment code, flag or coder that the project does not define', () => {
    expect(parseProjectFile(variant((f) => (f.fragments[0].codes[1] = 'sustainable')))).toMatchObject({
      error: { path: 'fragments[0].codes[1]', reason: 'no code "sustainable" in any codebook' },
    });
    expect(parseProjectFile(variant((f) => (f.fragments[3].flags = ['bold'])))).toMatchObject({
      error: { path: 'fragments[3].flags[0]', reason: 'no flag "bold" in any codebook' },
    });
    expect(parseProjectFile(variant((f) => (f.fragments[4].coderId = 'ghost')))).toMatchObject({
      error: { path: 'fragments[4].coderId', reason: 'no coder with id "ghost" in coders' },
    });
  });

  it('rejects duplicate ids, naming the second occurrence', () => {
    expect(parseProjectFile(variant((f) => (f.fragments[6].id = f.fragments[2].id)))).toMatchObject({
      error: { path: 'fragments[6].id', reason: 'duplicate id "frag-3" (also at index 2)' },
    });
    expect(parseProjectFile(variant((f) => f.coders.push(f.coders[0])))).toMatchObject({ error: { path: 'coders[1].id' } });
    expect(parseProjectFile(variant((f) => f.texts.push(f.texts[0])))).toMatchObject({ error: { path: 'texts[3].documentId' } });
  });

  it('requires exactly one text per document and no text without a document', () => {
    expect(parseProjectFile(variant((f) => f.texts.pop()))).toMatchObject({
      error: { path: 'documents[2].id', reason: 'no text for document "doc-addendum" in texts' },
    });
    expect(parseProjectFile(variant((f) => (f.texts[0].documentId = 'stray')))).toMatchObject({
      error: { path: 'texts[0].documentId', reason: 'no document with id "stray"' },
    });
  });

  it('rejects pages and blocks beyond the end of the text', () => {
    expect(parseProjectFile(variant((f) => (f.documents[0].pages[1].end += 1)))).toMatchObject({
      error: { path: 'documents[0].pages[1].end', reason: expect.stringMatching(/^beyond the end of the document text/) },
    });
    expect(parseProjectFile(variant((f) => (f.texts[2].blocks[0].end = 10_000)))).toMatchObject({
      error: { path: 'texts[2].blocks[0].end' },
    });
  });

  it('rejects a codebook inside the project with the codebook rules', () => {
    expect(parseProjectFile(variant((f) => (f.codebooks[0].codes[6].color = 'blue')))).toMatchObject({
      error: { path: 'codebooks[0].codes[6].color', reason: 'not a colour (use #rrggbb)' },
    });
  });

  it('says how many more problems there are after the first', () => {
    const result = parseProjectFile(
      variant((f) => {
        f.coders = 'x';
        f.searches = 'y';
      }),
    );
    expect(result).toMatchObject({ error: { reason: expect.stringMatching(/\(and 1 more problem\)$/) } });
  });

  it('never throws, whatever the input', () => {
    const inputs = ['', '0', '"text"', '{}', '{"format":"worthmark-project","version":1}', variant((f) => (f.documents = null)), variant((f) => (f.fragments[0] = 7))];
    for (const input of inputs) expect(parseProjectFile(input)).toHaveProperty('error');
  });
});

describe('values within regimes in a project file', () => {
  it('keeps a fragment\'s values through writing and reading, and refuses a value of a code the fragment lacks', () => {
    const book = parseCodebook(readFileSync(new URL('../../../codebooks/boltanski-thevenot.json', import.meta.url), 'utf8'));
    if ('error' in book) throw new Error(book.error.reason);
    const civic = book.parsed.codes.find((c) => c.id === 'civic')!;
    const text = 'Cultuur voor iedereen, toegankelijk en dichtbij.';
    const project = {
      documents: [{ id: 'd', title: 'D', fileName: 'd.txt', format: 'txt' as const, contentHash: 'h', pages: [{ index: 1, label: '1', start: 0, end: text.length }], charCount: text.length, meta: {}, report: { joinedHyphens: 0, removedLines: [], pageCount: 1 }, createdAt: '2026-01-01T00:00:00.000Z' }],
      texts: [{ documentId: 'd', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }],
      codebooks: [book.parsed],
      fragments: [{ id: 'f', documentId: 'd', anchor: { start: 0, end: 7, exact: 'Cultuur', prefix: '', suffix: ' voor' }, codes: ['civic'], values: [`civic:${civic.values[2]!.id}`], flags: [], memo: '', coderId: 'c', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
      searches: [],
      coders: [{ id: 'c', name: 'A', initials: 'A' }],
      settings: {},
    };
    const out = parseProjectFile(toProjectFile(project as unknown as ProjectData));
    expect('parsed' in out && out.parsed.fragments[0]!.values).toEqual([`civic:${civic.values[2]!.id}`]);
    const wrong = { ...project, fragments: [{ ...project.fragments[0]!, values: ['market:financieel-succes'] }] };
    const bad = parseProjectFile(toProjectFile(wrong as unknown as ProjectData));
    expect('error' in bad && bad.error).toMatchObject({ path: 'fragments[0].values[0]' });
  });
});

describe('documents in a project file', () => {
  it('keeps a .docx document with its import report, extraction settings and re-extraction record', () => {
    const text = 'Een tekst.';
    const doc = {
      id: 'd', title: 'D', fileName: 'd.docx', format: 'docx', contentHash: 'h',
      pages: [{ index: 1, label: '1', start: 0, end: text.length }], charCount: text.length, meta: { region: 'Twente', year: 2021 },
      report: { joinedHyphens: 1, joined: [{ page: 1, word: 'internationale', split: 10 }], removedLines: ['Kop'], pageCount: 1, removed: [{ page: 1, edge: 'top', text: 'Kop' }], keptRunningLines: 0, pageLabelsFromFile: false },
      createdAt: '2026-01-01T00:00:00.000Z',
      extraction: { keepRunningLines: true },
      reextraction: { at: '2026-01-02T00:00:00.000Z', anchored: 3, orphaned: ['f9'] },
    };
    const project = { documents: [doc], texts: [{ documentId: 'd', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }], codebooks: [], fragments: [], searches: [], coders: [], settings: {} };
    const out = parseProjectFile(toProjectFile(project as unknown as ProjectData));
    expect('parsed' in out && out.parsed.documents[0]).toEqual(doc);
  });
});

describe('worklist decisions in a project file', () => {
  const text = 'Samenwerking over de grenzen heen.';
  const base = {
    documents: [{ id: 'd', title: 'D', fileName: 'd.txt', format: 'txt', contentHash: 'h', pages: [{ index: 1, label: '1', start: 0, end: text.length }], charCount: text.length, meta: {}, report: { joinedHyphens: 0, removedLines: [], pageCount: 1 }, createdAt: '2026-01-01T00:00:00.000Z' }],
    texts: [{ documentId: 'd', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }],
    codebooks: [],
    fragments: [],
    searches: [{ id: 's', name: 'S', terms: 'grens/grenzen', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
    coders: [],
    settings: {},
  };
  const hit = { id: 'h', searchId: 's', documentId: 'd', start: 21, end: 28, state: 'dismissed', reason: 'geografisch', decidedAt: '2026-01-02T00:00:00.000Z' };

  it('keeps dismissed hits through writing and reading', () => {
    const out = parseProjectFile(toProjectFile({ ...base, hits: [hit] } as unknown as ProjectData));
    expect('parsed' in out && out.parsed.hits).toEqual([hit]);
  });

  it('reads a file without decisions as having none', () => {
    const json = JSON.parse(toProjectFile({ ...base, hits: [] } as unknown as ProjectData));
    delete json.hits;
    const out = parseProjectFile(JSON.stringify(json));
    expect('parsed' in out && out.parsed.hits).toEqual([]);
  });

  it('keeps who dismissed a hit, and refuses a dismissal by a coder who is not in the file', () => {
    const withCoder = { ...base, coders: [{ id: 'c', name: 'Anna', initials: 'AB' }] };
    const out = parseProjectFile(toProjectFile({ ...withCoder, hits: [{ ...hit, coderId: 'c' }] } as unknown as ProjectData));
    expect('parsed' in out && out.parsed.hits[0]!.coderId).toBe('c');
    const ghost = parseProjectFile(toProjectFile({ ...withCoder, hits: [{ ...hit, coderId: 'ghost' }] } as unknown as ProjectData));
    expect('error' in ghost && ghost.error).toMatchObject({ path: 'hits[0].coderId', reason: 'no coder with id "ghost" in coders' });
  });

  it('refuses a decision for a search that is not in the file', () => {
    const out = parseProjectFile(toProjectFile({ ...base, hits: [{ ...hit, searchId: 'gone' }] } as unknown as ProjectData));
    expect('error' in out && out.error).toMatchObject({ path: 'hits[0].searchId', reason: 'no search with id "gone"' });
  });
});

describe('version 1 files', () => {
  // small-v1.worthmark.json is the small fixture as version 1 wrote it (frozen; make-small.ts now writes version 2).
  const v1Text = readFileSync(new URL('../../fixtures/projects/small-v1.worthmark.json', import.meta.url), 'utf8');

  it('reads a version-1 file as version 2 with no reviews, conflicts or deletion records', () => {
    expect(JSON.parse(v1Text).version).toBe(1);
    const v1 = parseProjectFile(v1Text);
    if ('error' in v1) throw new Error(v1.error.reason);
    expect(v1.parsed).toEqual(project());
    expect(v1.parsed).toMatchObject({ reviews: [], conflicts: [], deletions: [] });
  });

  it('writes a version-1 project back as version 2', () => {
    const v1 = parseProjectFile(v1Text);
    if ('error' in v1) throw new Error(v1.error.reason);
    expect(toProjectFile(v1.parsed, { exportedAt: fixture.exportedAt })).toBe(fixtureText);
  });
});

describe('reviews, conflicts and deletion records', () => {
  const anna = 'coder-anna';
  const supervisor = 'coder-supervisor';

  /** The fixture with a supervisor, a review with a thread, a conflict and a deletion record. */
  function withReviews(change: (file: any) => void = () => undefined): string {
    return variant((f) => {
      f.coders.push({ id: supervisor, name: 'Prof. Jansen', initials: 'PJ', aliases: ['coder-jansen-laptop'] });
      const fragment = f.fragments[0];
      fragment.updatedBy = supervisor;
      fragment.versions = { [fragment.coderId]: 1, [supervisor]: 1 };
      f.reviews.push({
        id: `${fragment.id}:${supervisor}`,
        fragmentId: fragment.id,
        documentId: fragment.documentId,
        reviewerId: supervisor,
        status: 'needs-change',
        statusAt: '2024-03-03T10:00:00.000Z',
        reviewedVersion: fragment.updatedAt,
        quote: fragment.anchor.exact,
        comments: [
          { id: 'c1', authorId: supervisor, at: '2024-03-03T10:00:00.000Z', text: 'Waarom marktlogica?' },
          { id: 'c2', authorId: fragment.coderId, at: '2024-03-04T09:00:00.000Z', text: 'Omzet staat er letterlijk.' },
        ],
        resolution: { resolved: true, by: fragment.coderId, at: '2024-03-04T09:00:00.000Z' },
        updatedAt: '2024-03-04T09:00:00.000Z',
      });
      f.conflicts.push({
        id: 'x1',
        fragmentId: fragment.id,
        documentId: fragment.documentId,
        theirs: { ...fragment, memo: 'hun versie', versions: { [fragment.coderId]: 2 } },
        source: 'anna.worthmark.json',
        foundAt: '2024-03-05T09:00:00.000Z',
      });
      f.deletions.push({ id: 'gone-fragment', documentId: fragment.documentId, versions: { [anna]: 2 }, deletedAt: '2024-03-05T09:00:00.000Z', deletedBy: anna });
      change(f);
    });
  }

  it('keeps reviews, comment threads, conflicts, deletion records, updatedBy, versions and coder aliases through writing and reading', () => {
    const first = parseProjectFile(withReviews());
    if ('error' in first) throw new Error(`${first.error.path}: ${first.error.reason}`);
    expect(first.parsed.reviews).toHaveLength(1);
    expect(first.parsed.reviews![0]!.comments.map((c) => c.text)).toEqual(['Waarom marktlogica?', 'Omzet staat er letterlijk.']);
    expect(first.parsed.fragments[0]).toMatchObject({ updatedBy: supervisor });
    expect(first.parsed.coders[1]!.aliases).toEqual(['coder-jansen-laptop']);
    expect(first.parsed.conflicts![0]!.theirs!.memo).toBe('hun versie');
    expect(first.parsed.deletions![0]!.id).toBe('gone-fragment');
    expect(parseProjectFile(toProjectFile(first.parsed))).toEqual(first);
  });

  it('refuses a review by a coder who is not in the file', () => {
    expect(parseProjectFile(withReviews((f) => (f.reviews[0].comments[1].authorId = 'nobody')))).toMatchObject({
      error: { path: 'reviews[0].comments[1].authorId', reason: 'no coder with id "nobody" in coders' },
    });
  });

  it('refuses a review whose id is not its fragment and reviewer', () => {
    expect(parseProjectFile(withReviews((f) => (f.reviews[0].id = 'r1')))).toMatchObject({ error: { path: 'reviews[0].id' } });
  });

  it('refuses an unknown review status', () => {
    expect(parseProjectFile(withReviews((f) => (f.reviews[0].status = 'maybe')))).toMatchObject({ error: { path: 'reviews[0].status' } });
  });

  it('checks the other version of a conflict like a fragment', () => {
    expect(parseProjectFile(withReviews((f) => (f.conflicts[0].theirs.codes = ['nope'])))).toMatchObject({
      error: { path: 'conflicts[0].theirs.codes[0]', reason: 'no code "nope" in any codebook' },
    });
  });

  it('refuses a change by a coder who is not in the file', () => {
    expect(parseProjectFile(withReviews((f) => (f.fragments[0].updatedBy = 'nobody')))).toMatchObject({
      error: { path: 'fragments[0].updatedBy', reason: 'no coder with id "nobody" in coders' },
    });
  });

  it('reads a version-2 file without the review lists as having none', () => {
    const out = parseProjectFile(variant((f) => {
      delete f.reviews;
      delete f.conflicts;
      delete f.deletions;
    }));
    expect('parsed' in out && out.parsed).toMatchObject({ reviews: [], conflicts: [], deletions: [] });
  });
});
