import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectFile } from '../../../src/exchange/project-file.ts';
import { jsonDepth, MAX_SETTING_DEPTH } from '../../../src/exchange/project-consistency.ts';
import { formatErrorText } from '../../../src/exchange/format-reasons.ts';

const fixtureText = readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8');
const fixture = JSON.parse(fixtureText) as Record<string, any>;

/** The fixture after one change to its JSON, read back. */
function read(change: (file: any) => void) {
  const copy = structuredClone(fixture);
  change(copy);
  return parseProjectFile(JSON.stringify(copy));
}

/** The error of a changed fixture (fails the test when the change was accepted). */
function refused(change: (file: any) => void) {
  const out = read(change);
  if (!('error' in out)) throw new Error('an inconsistent project was accepted');
  return out.error;
}

describe('project-file consistency', () => {
  it('accepts the fixture as written', () => {
    expect('parsed' in parseProjectFile(fixtureText)).toBe(true);
  });

  it('refuses pages in reverse order, naming the page', () => {
    const e = refused((f) => {
      const d = f.documents[0];
      // Two pages swapped with their ranges: the probe's "pages in reverse order".
      d.pages = [...d.pages].reverse();
    });
    expect(e.path).toMatch(/^documents\[0\]\.pages\[\d\]\./);
    expect(e.reason).toMatch(/first page starts|ascending|without gap/);
  });

  it('refuses overlapping pages and pages with a gap between them', () => {
    const overlap = refused((f) => {
      f.documents[0].pages[1].start -= 5;
    });
    expect(overlap).toMatchObject({ path: 'documents[0].pages[1].start', code: 'consistency.pageGap' });
    const gap = refused((f) => {
      f.documents[0].pages[0].end -= 5;
    });
    expect(gap).toMatchObject({ path: 'documents[0].pages[1].start', code: 'consistency.pageGap' });
  });

  it('refuses pages that do not reach the end of the text, or no pages at all', () => {
    const d0 = fixture.documents[0];
    const short = refused((f) => {
      f.documents[0].pages.at(-1).end -= 1;
    });
    expect(short).toMatchObject({ path: `documents[0].pages[${d0.pages.length - 1}].end`, code: 'consistency.lastPageEnd' });
    expect(refused((f) => {
      f.documents[0].pages = [];
      f.documents[0].report.pageCount = 0;
    })).toMatchObject({ path: 'documents[0].pages', code: 'consistency.noPages' });
  });

  it('refuses page numbers that do not ascend', () => {
    expect(refused((f) => {
      f.documents[0].pages[1].index = 1;
    })).toMatchObject({ path: 'documents[0].pages[1].index', code: 'consistency.pageOrder' });
  });

  it('refuses blocks in reverse order (which hid fragments in the reader)', () => {
    const e = refused((f) => {
      f.texts[0].blocks.reverse();
    });
    expect(e).toMatchObject({ path: 'texts[0].blocks[1].start', code: 'consistency.blockOrder' });
    expect(formatErrorText(e, 'nl')).toContain('op volgorde');
  });

  it('refuses text that no block covers, and accepts white space between blocks', () => {
    expect(refused((f) => {
      f.texts[0].blocks.splice(1, 1);
    })).toMatchObject({ path: 'texts[0].blocks[1]', code: 'consistency.textOutsideBlocks' });
    expect(refused((f) => {
      f.texts[0].blocks.pop();
    })).toMatchObject({ path: 'texts[0].blocks', code: 'consistency.textOutsideBlocks' });
  });

  it('refuses a charCount or pageCount that does not match, giving both numbers', () => {
    const e = refused((f) => {
      f.documents[1].charCount += 1;
    });
    expect(e).toMatchObject({ path: 'documents[1].charCount', code: 'consistency.countMismatch' });
    expect(e.reason).toBe(`is ${fixture.documents[1].charCount + 1}, but the length of the text is ${fixture.documents[1].charCount}`);
    expect(refused((f) => {
      f.documents[0].report.pageCount = 9;
    })).toMatchObject({ path: 'documents[0].report.pageCount', code: 'consistency.countMismatch' });
  });

  it('refuses an import report whose counts or pages do not match its lists', () => {
    expect(refused((f) => {
      f.documents[0].report.joinedHyphens = 2;
      f.documents[0].report.joined = [{ page: 1, word: 'internationale', split: 10 }];
    })).toMatchObject({ path: 'documents[0].report.joinedHyphens' });
    expect(refused((f) => {
      f.documents[0].report.joinedHyphens = 1;
      f.documents[0].report.joined = [{ page: 7, word: 'internationale', split: 10 }];
    })).toMatchObject({ path: 'documents[0].report.joined[0].page', code: 'consistency.noSuchPage' });
    expect(refused((f) => {
      f.documents[0].report.joinedHyphens = 1;
      f.documents[0].report.joined = [{ page: 1, word: 'inter', split: 10 }];
    })).toMatchObject({ path: 'documents[0].report.joined[0].split' });
    expect(refused((f) => {
      f.documents[0].report.removedLines = ['Kop', 'Voet'];
      f.documents[0].report.removed = [{ page: 1, edge: 'top', text: 'Kop' }];
    })).toMatchObject({ path: 'documents[0].report.removedLines' });
  });

  it('refuses an empty hit range', () => {
    expect(refused((f) => {
      f.hits = [{ id: 'h', searchId: f.searches[0].id, documentId: f.documents[0].id, start: 5, end: 5, state: 'dismissed', decidedAt: '2026-01-01T00:00:00.000Z' }];
    })).toMatchObject({ path: 'hits[0].end', code: 'consistency.emptyHit' });
  });

  it('refuses a code or flag listed twice on one fragment (it would count twice)', () => {
    const withCode = fixture.fragments.findIndex((x: any) => x.codes.length > 0);
    expect(refused((f) => {
      f.fragments[withCode].codes.push(f.fragments[withCode].codes[0]);
    })).toMatchObject({ path: `fragments[${withCode}].codes[${fixture.fragments[withCode].codes.length}]`, code: 'consistency.listedTwice' });
  });

  it('refuses two documents with the same content', () => {
    expect(refused((f) => {
      f.documents[1].contentHash = f.documents[0].contentHash;
    })).toMatchObject({ path: 'documents[1].contentHash', code: 'consistency.sameContent' });
  });

  it('refuses settings of the wrong type and settings that name what the file lacks', () => {
    expect(refused((f) => { f.settings.lang = 'fr'; })).toMatchObject({ path: 'settings.lang', reason: 'expected "nl" or "en"' });
    expect(refused((f) => { f.settings.initialized = 'yes'; })).toMatchObject({ path: 'settings.initialized' });
    expect(refused((f) => { f.settings.csvSeparator = '\t'; })).toMatchObject({ path: 'settings.csvSeparator' });
    expect(refused((f) => { f.settings.coderId = 'nobody'; })).toMatchObject({ path: 'settings.coderId', code: 'project.noCoder' });
    expect(refused((f) => { f.settings.codebookId = 42; })).toMatchObject({ path: 'settings.codebookId' });
    expect(refused((f) => { f.settings.codebookId = 'gone'; })).toMatchObject({ path: 'settings.codebookId', code: 'consistency.noCodebook' });
    expect(refused((f) => { f.settings['searchSeen:gone'] = []; })).toMatchObject({ path: 'settings["searchSeen:gone"]', code: 'project.noSearch' });
    expect(refused((f) => { f.settings[`searchSeen:${f.searches[0].id}`] = [1]; })).toMatchObject({ code: 'consistency.settingType' });
    // Settings the app sets, well typed, pass.
    expect('parsed' in read((f) => {
      Object.assign(f.settings, { lang: 'en', initialized: true, sampleLoaded: false, csvSeparator: ';', coderId: f.coders[0].id, codebookId: f.codebooks[0].id, [`searchSeen:${f.searches[0].id}`]: [f.documents[0].id] });
    })).toBe(true);
  });

  it('refuses a setting nested 100,000 deep with a clear reason instead of overflowing the stack', () => {
    const depth = 100_000;
    const text = fixtureText.replace('"settings": {', `"settings": {"deep": ${'['.repeat(depth)}${']'.repeat(depth)},`);
    const out = parseProjectFile(text);
    expect('error' in out && out.error).toMatchObject({ path: 'settings.deep', reason: `nested deeper than ${MAX_SETTING_DEPTH} levels` });
    // A setting nested as deep as allowed passes.
    const ok = fixtureText.replace('"settings": {', `"settings": {"deep": ${'['.repeat(MAX_SETTING_DEPTH)}${']'.repeat(MAX_SETTING_DEPTH)},`);
    expect('parsed' in parseProjectFile(ok)).toBe(true);
  });

  it('measures the depth of a JSON value without recursion', () => {
    expect(jsonDepth(1, 10)).toBe(0);
    expect(jsonDepth({ a: [1, { b: {} }] }, 10)).toBe(4);
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(jsonDepth(deep, 50)).toBe(51);
  });
});

describe('reasons a project file is refused', () => {
  it('gives a JSON error on one line whatever the file holds around the fault', () => {
    const out = parseProjectFile('{"format": "worthmark-project",\n\n  "version": 1,\n  oops\n\n}');
    expect('error' in out && out.error.reason).toMatch(/^not valid JSON: [^\n]+$/);
  });
});
