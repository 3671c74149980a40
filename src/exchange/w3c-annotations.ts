/**
 * The project's coding as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): one
 * JSON-LD `AnnotationCollection` with every fragment as an `Annotation`, so Hypothesis-style tools
 * and scripts can read it.
 *
 * - target: the document (`urn:uuid:<GUID>`, the same GUID as in a .qdpx) with a
 *   `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` whose `start`/`end`
 *   count **Unicode code points** of the document's normalised text (the text Worthmark shows and
 *   exports), as the model defines positions — not UTF-16 units as in the project file;
 * - bodies: each regime (code) and each value as a `SpecificResource` with purpose `classifying`
 *   whose `source` is the code (`id`, `label` in the chosen language), plus a `TextualBody` with
 *   purpose `tagging` naming it (what Hypothesis shows as tags); each flag a `tagging` body; the memo a
 *   `TextualBody` with purpose `commenting`. A mere statement has only the tag "mere statement";
 * - creator: the coder (`Person` with name and initials as `nickname`); `created`/`modified`
 *   the fragment's times;
 * - the collection lists the documents (id, title, file name, content hash) under `documents`,
 *   a Worthmark term declared in the context.
 * Pure.
 */
import { resolveCode } from '../model/codebook.ts';
import { parseValueRef } from '../model/fragment.ts';
import { codePointMap } from './code-points.ts';
import type { ProjectData } from './project-file.ts';
import { projectGuids } from './qdpx-write.ts';
import { codeGuid, valueGuid } from './refi-qda-codebook.ts';

/** Options for the W3C export. */
export interface W3cOptions {
  lang: 'nl' | 'en';
  /** Export time (ISO 8601); default now. */
  exportedAt?: string;
  /** A label for the collection; default "Worthmark project". */
  label?: string;
}

const urn = (guid: string) => `urn:uuid:${guid}`;

/** Builds the AnnotationCollection (a JSON-serialisable object). */
export function toW3cAnnotations(data: ProjectData, options: W3cOptions): Record<string, unknown> {
  const { lang } = options;
  const at = options.exportedAt ?? new Date().toISOString();
  const g = projectGuids(data);
  const texts = new Map(data.texts.map((t) => [t.documentId as string, t.text]));
  const maps = new Map<string, ReturnType<typeof codePointMap>>();
  const coders = new Map(data.coders.map((c) => [c.id as string, c]));
  const mere = lang === 'nl' ? 'alleen een uitspraak' : 'mere statement';

  const items = data.fragments.map((f) => {
    const text = texts.get(f.documentId) ?? '';
    let cp = maps.get(f.documentId);
    if (!cp) maps.set(f.documentId, (cp = codePointMap(text)));
    const body: Record<string, unknown>[] = [];
    for (const id of f.codes) {
      const book = data.codebooks.find((b) => resolveCode(b, id));
      const code = book && resolveCode(book, id);
      if (!book || !code) continue;
      body.push({ type: 'SpecificResource', purpose: 'classifying', source: { id: urn(codeGuid(book, code.id)), type: 'skos:Concept', label: code.name[lang], 'skos:notation': code.id } });
      body.push({ type: 'TextualBody', purpose: 'tagging', value: code.name[lang] });
    }
    for (const ref of f.values ?? []) {
      const v = parseValueRef(ref);
      const book = v && data.codebooks.find((b) => resolveCode(b, v.codeId));
      const code = v && book && resolveCode(book, v.codeId);
      const value = code?.values.find((x) => x.id === v!.valueId);
      if (!book || !code || !value) continue;
      body.push({
        type: 'SpecificResource',
        purpose: 'classifying',
        source: { id: urn(valueGuid(book, code.id, value.id)), type: 'skos:Concept', label: value.name[lang], 'skos:notation': ref, 'skos:broader': urn(codeGuid(book, code.id)) },
      });
      body.push({ type: 'TextualBody', purpose: 'tagging', value: value.name[lang] });
    }
    for (const flagId of f.flags) {
      const flag = data.codebooks.flatMap((b) => b.flags).find((x) => x.id === flagId);
      body.push({ type: 'TextualBody', purpose: 'tagging', value: flag ? flag.name[lang] : flagId });
    }
    if (f.codes.length === 0) body.push({ type: 'TextualBody', purpose: 'tagging', value: mere });
    if (f.memo.trim()) body.push({ type: 'TextualBody', purpose: 'commenting', value: f.memo, format: 'text/plain' });
    const coder = coders.get(f.coderId);
    return {
      id: urn(g.fragment(f.id)),
      type: 'Annotation',
      motivation: 'classifying',
      created: f.createdAt,
      modified: f.updatedAt,
      creator: { id: urn(g.coder(f.coderId)), type: 'Person', name: coder?.name ?? f.coderId, ...(coder?.initials ? { nickname: coder.initials } : {}) },
      body,
      target: {
        source: urn(g.document(f.documentId)),
        selector: [
          { type: 'TextQuoteSelector', exact: text.slice(f.anchor.start, f.anchor.end), prefix: f.anchor.prefix, suffix: f.anchor.suffix },
          { type: 'TextPositionSelector', start: cp.toCodePoint(f.anchor.start), end: cp.toCodePoint(f.anchor.end) },
        ],
      },
    };
  });

  return {
    '@context': [
      'http://www.w3.org/ns/anno.jsonld',
      { skos: 'http://www.w3.org/2004/02/skos/core#', documents: 'urn:worthmark:documents', title: 'http://purl.org/dc/terms/title', contentHash: 'urn:worthmark:sha256' },
    ],
    id: urn(g.sidecar()),
    type: 'AnnotationCollection',
    label: options.label ?? 'Worthmark project',
    generator: { type: 'Software', name: 'Worthmark' },
    generated: at,
    total: items.length,
    documents: data.documents.map((d) => ({ id: urn(g.document(d.id)), title: d.title, fileName: d.fileName, contentHash: d.contentHash })),
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** The collection as JSON-LD text. */
export function toW3cJson(data: ProjectData, options: W3cOptions): string {
  return JSON.stringify(toW3cAnnotations(data, options), null, 2) + '\n';
}
