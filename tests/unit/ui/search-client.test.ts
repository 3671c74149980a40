/**
 * The search client's find (the reader's find bar): the hits of one line in one document, as
 * text/find-in-text.ts finds them; only the latest request is answered; a document whose text
 * changed under the same id is searched in its new text. Here no Worker exists, so the client runs
 * the same engine inline (the worker and its time budget are covered by the e2e tests).
 */
import { describe, expect, it } from 'vitest';
import { SearchClient } from '../../../src/ui/search/search-client.ts';
import { findInText } from '../../../src/text/find-in-text.ts';
import { prepareText } from '../../../src/text/matcher.ts';
import { parseQuery, type Query } from '../../../src/text/query.ts';

const TEXT = 'De wereld is groot. Wereldwijde samenwerking over de grens; grenzen vervagen.';
const doc = (text = TEXT) => ({ id: 'd1', title: 'd', text, pages: [] });
const query = (line: string): Query => {
  const q = parseQuery(line);
  if ('error' in q) throw new Error(q.error.reason);
  return q.parsed;
};

describe('SearchClient.find', () => {
  it('finds a line in one document as findInText does', async () => {
    const client = new SearchClient();
    for (const line of ['wereld*', 'grens/grenzen', '/wereld(wijde)?/', '"de grens"']) {
      const answer = await client.find(doc(), query(line), line);
      const expected = findInText(prepareText(TEXT), line);
      expect('hits' in expected && expected.hits.length).toBeGreaterThan(0);
      expect(answer?.hits).toEqual('hits' in expected ? expected.hits : null);
    }
  });

  it('answers only the latest find: an older one resolves null', async () => {
    const client = new SearchClient();
    const older = client.find(doc(), query('wereld'), 'wereld');
    const newer = client.find(doc(), query('grens*'), 'grens*');
    expect(await older).toBeNull();
    expect((await newer)?.hits).toEqual([{ start: TEXT.indexOf('grens;'), end: TEXT.indexOf('grens;') + 5 }]);
  });

  it('searches the new text of a document whose text changed under the same id', async () => {
    const client = new SearchClient();
    expect((await client.find(doc(), query('wereld*'), 'wereld*'))?.hits).toHaveLength(2);
    expect((await client.find(doc('Een andere wereld.'), query('wereld*'), 'wereld*'))?.hits).toEqual([{ start: 11, end: 17 }]);
  });
});
