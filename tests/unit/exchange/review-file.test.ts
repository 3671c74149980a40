import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codersOfReviews, parseReviewFile, reviewBundle, toReviewFile } from '../../../src/exchange/review-file.ts';
import type { Coder, CoderId, DocumentId, FragmentId, Review } from '../../../src/model/index.ts';

const prof: Coder = { id: 'prof' as CoderId, name: 'Prof. Jansen', initials: 'PJ' };
const anna: Coder = { id: 'anna' as CoderId, name: 'Anna de Vries', initials: 'AV' };
const bob: Coder = { id: 'bob' as CoderId, name: 'Bob Peeters', initials: 'BP' };

const review: Review = {
  id: 'f1:prof',
  fragmentId: 'f1' as FragmentId,
  documentId: 'd1' as DocumentId,
  reviewerId: prof.id,
  status: 'needs-change',
  statusAt: '2026-03-01T10:00:00.000Z',
  reviewedVersion: '2026-02-01T10:00:00.000Z',
  quote: 'Internationale festivals trekken jaarlijks duizenden bezoekers.',
  comments: [
    { id: 'c1', authorId: prof.id, at: '2026-03-01T10:00:00.000Z', text: 'Waarom roem en niet markt?' },
    { id: 'c2', authorId: anna.id, at: '2026-03-02T10:00:00.000Z', text: 'De bezoekers komen voor de naam.' },
  ],
  updatedAt: '2026-03-02T10:00:00.000Z',
};

describe('the review file', () => {
  it('round-trips reviews and their coders', () => {
    const text = toReviewFile({ coders: [prof, anna], reviews: [review] }, { exportedAt: '2026-03-03T00:00:00.000Z' });
    expect(JSON.parse(text)).toMatchObject({ format: 'worthmark-review', version: 1, exportedAt: '2026-03-03T00:00:00.000Z' });
    expect(parseReviewFile(text)).toEqual({ parsed: { exportedAt: '2026-03-03T00:00:00.000Z', coders: [prof, anna], reviews: [review] } });
  });

  it('carries only the coders its reviews name', () => {
    expect(codersOfReviews([review], [bob, anna, prof])).toEqual([anna, prof]);
  });

  it('is a bundle of coders and reviews for the merge, nothing else', () => {
    const parsed = parseReviewFile(toReviewFile({ coders: [prof, anna], reviews: [review] }));
    if ('error' in parsed) throw new Error(parsed.error.reason);
    expect(reviewBundle(parsed.parsed)).toEqual({ coders: [prof, anna], reviews: [review] });
  });

  it('refuses a project file and says where it belongs', () => {
    const project = readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8');
    expect(parseReviewFile(project)).toMatchObject({ error: { path: 'format', reason: expect.stringContaining("Add another coder's project file") } });
  });

  it.each([
    ['not JSON', 'nope', '', /not a JSON file \(it is plain text, not JSON\)/],
    ['broken JSON', '{"format": nope}', '', /not valid JSON/],
    ['another format', '{"format":"refi-qda","version":1}', 'format', /not a Worthmark review file/],
    ['a newer version', '{"format":"worthmark-review","version":2}', 'version', /written by a newer Worthmark/],
  ])('refuses %s', (_, text, path, reason) => {
    expect(parseReviewFile(text)).toMatchObject({ error: { path, reason: expect.stringMatching(reason) } });
  });

  it('refuses a comment by a coder the file does not carry', () => {
    const text = toReviewFile({ coders: [prof], reviews: [review] });
    expect(parseReviewFile(text)).toMatchObject({ error: { path: 'reviews[0].comments[1].authorId', reason: 'no coder with id "anna" in coders' } });
  });

  it('refuses the same review twice', () => {
    const text = toReviewFile({ coders: [prof, anna], reviews: [review, review] });
    expect(parseReviewFile(text)).toMatchObject({ error: { path: 'reviews[1].id' } });
  });
});
