/**
 * Every damaged REFI-QDA file ends in a project or a clean error — never an exception, never a
 * hang: seeded mutations of a real .qde (Worthmark's export of the small fixture) and of its
 * .qdpx zip, read through the one project reader. A few hundred cases here.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseProjectFile, toProjectFile, type ProjectData } from '../../../src/exchange/project-file.ts';
import { readProjectBytes } from '../../../src/exchange/project-reader.ts';
import { toQdpx } from '../../../src/exchange/qdpx-write.ts';
import { seededRandom } from '../support/random.ts';

const small = (() => {
  const r = parseProjectFile(readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8'));
  if ('error' in r) throw new Error(r.error.reason);
  return r.parsed;
})();
const zip = toQdpx(small, { lang: 'nl', exportedAt: '2024-05-01T00:00:00.000Z' });
const xml = strFromU8(unzipSync(zip)['project.qde']!);

/** One random change to XML text: cut, repeat, or put a troublesome character or number somewhere. */
function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * text.length);
  const len = Math.floor(rnd() * 200);
  switch (Math.floor(rnd() * 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + len);
    case 1:
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    case 2:
      return text.slice(0, at) + ['<', '&', '"', '>', '\u0000', '\ud800', '&#0;', ']]>'][Math.floor(rnd() * 8)] + text.slice(at);
    case 3:
      return text.replace(/Position="(\d+)"/g, (m, n: string) => (rnd() < 0.1 ? `Position="${rnd() < 0.5 ? -Number(n) : Number(n) * 1000 + 7}"` : m));
    case 4:
      return text.replace(/guid="[^"]*"/g, (m) => (rnd() < 0.1 ? 'guid="not-a-guid"' : m));
    default:
      return text.replace(/targetGUID="[^"]*"/g, (m) => (rnd() < 0.2 ? 'targetGUID="00000000-0000-0000-0000-000000000000"' : m));
  }
}

/** A project read from a damaged file still passes every check of a project file. */
const sound = (data: ProjectData) => expect(parseProjectFile(toProjectFile(data))).toHaveProperty('parsed');

describe('damaged REFI-QDA files', () => {
  it('end in a project or a clean error (300 mutated .qde files)', async () => {
    const rnd = seededRandom(1313);
    let errors = 0;
    for (let i = 0; i < 300; i++) {
      let text = xml;
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) text = mutate(text, rnd);
      const r = await readProjectBytes(new TextEncoder().encode(text), `case-${i}.qde`);
      if ('error' in r) {
        errors++;
        expect(r.error.reason.length).toBeGreaterThan(0);
      } else {
        sound(r.parsed.data);
      }
    }
    // Both outcomes occur: the mutations hit markup and data alike.
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(300);
  });

  it('end in a project or a clean error (200 .qdpx zips with bytes changed)', async () => {
    const rnd = seededRandom(77);
    for (let i = 0; i < 200; i++) {
      const bytes = zip.slice();
      for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
      const r = await readProjectBytes(bytes, `case-${i}.qdpx`);
      if ('error' in r) expect(r.error.reason.length).toBeGreaterThan(0);
      else sound(r.parsed.data);
    }
  });
});
