import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectFile } from '../../../src/exchange/project-file.ts';
import { toW3cAnnotations } from '../../../src/exchange/w3c-annotations.ts';
import { anchorFromRange } from '../../../src/model/fragment.ts';

const small = (() => {
  const r = parseProjectFile(readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8'));
  if ('error' in r) throw new Error(r.error.reason);
  return r.parsed;
})();

type Anno = { id: string; type: string; creator: { name: string }; body: { type: string; purpose: string; value?: string; source?: { label: string } }[]; target: { source: string; selector: Record<string, unknown>[] } };

describe('W3C Web Annotation export', () => {
  it('is one AnnotationCollection with an Annotation per fragment: quote and position selectors, regimes, flag, memo, creator', () => {
    const c = toW3cAnnotations(small, { lang: 'en', exportedAt: '2024-05-01T00:00:00.000Z' }) as { type: string; total: number; '@context': unknown[]; first: { items: Anno[] } };
    expect(c.type).toBe('AnnotationCollection');
    expect(c['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(c.total).toBe(small.fragments.length);
    const items = c.first.items;
    expect(items).toHaveLength(small.fragments.length);
    const f = small.fragments.find((x) => x.codes.length === 1 && x.flags.length === 1 && x.memo)!;
    const a = items[small.fragments.indexOf(f)]!;
    expect(a.type).toBe('Annotation');
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: f.anchor.exact, prefix: f.anchor.prefix, suffix: f.anchor.suffix },
      { type: 'TextPositionSelector', start: f.anchor.start, end: f.anchor.end },
    ]);
    expect(a.body.filter((b) => b.purpose === 'classifying').map((b) => b.source!.label)).toEqual(['Market']);
    expect(a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value)).toEqual(['Market', 'Glocalisation / other trend']);
    expect(a.body.find((b) => b.purpose === 'commenting')!.value).toBe(f.memo);
    expect(a.creator.name).toBe(small.coders[0]!.name);
    // A mere statement is tagged as one.
    const mere = items[small.fragments.findIndex((x) => x.codes.length === 0)]!;
    expect(mere.body.map((b) => b.value)).toEqual(['mere statement']);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('counts positions in code points of the normalised text, so an emoji before a fragment counts once', () => {
    const text = 'Een 🎭 toneelstuk over de grens.';
    const start = text.indexOf('toneelstuk');
    const data = {
      ...small,
      texts: [{ ...small.texts[0]!, text }],
      documents: [small.documents[0]!],
      fragments: [{ ...small.fragments[0]!, documentId: small.documents[0]!.id, anchor: anchorFromRange(text, start, start + 10) }],
    };
    const c = toW3cAnnotations(data, { lang: 'nl' }) as { first: { items: Anno[] } };
    expect(c.first.items[0]!.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: start - 1, end: start + 9 });
    expect([...text].slice(start - 1, start + 9).join('')).toBe('toneelstuk');
  });
});
