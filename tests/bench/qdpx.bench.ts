/**
 * REFI-QDA benches on a synthetic project of 20,000 fragments over 100 documents (seeded: every
 * run measures the same data): texts of ~100,000 characters each with a few emoji (so positions
 * need the code-point map), one to three regimes per fragment, values, flags, memos on one in
 * five, two coders, overlapping fragments, page and block structure.
 *
 * - qdpx-export-20k: the whole project to a .qdpx (toQdpx: XML, sources, zip). Target < 2 s.
 * - qdpx-import-20k: that .qdpx read back into a checked project (readQdpx: unzip, XML, code
 *   points, Worthmark's note, the project-file checks). Target < 2 s.
 * Both warm (after one untimed run), on bytes in memory. Baseline for both: the same project
 * written as / read from Worthmark's own project file
 * (toProjectFile / parseProjectFile, with its checks), the same data, warm, in the same run.
 */
import type { Codebook } from '../../src/model/codebook.ts';
import type { Block, DocumentText, Page, PolicyDocument } from '../../src/model/document.ts';
import { anchorFromRange, type Coder, type Fragment } from '../../src/model/fragment.ts';
import type { CodeId, CodebookId, CoderId, DocumentId, FragmentId } from '../../src/model/ids.ts';
import { parseProjectFile, toProjectFile, type ProjectData } from '../../src/exchange/project-file.ts';
import { readQdpx } from '../../src/exchange/qdpx-read.ts';
import { toQdpx } from '../../src/exchange/qdpx-write.ts';
import { line, time, type Bench } from './harness.ts';
import { seededRandom } from '../unit/support/random.ts';

const DOCS = 100;
const FRAGMENTS = 20_000;
const CODE_IDS = ['inspired', 'domestic', 'fame', 'civic', 'market', 'industrial', 'project'];

const WORDS = 'de het een cultuur regio internationale samenwerking grens erfgoed musea publiek beleid kunst festival wereld buitenland partners 🎭 ondernemers innovatie'.split(' ');

let project: ProjectData | undefined;
export function load(): ProjectData {
  if (project) return project;
  const rnd = seededRandom(13);
  const codebook: Codebook = {
    id: 'bench' as CodebookId,
    formatVersion: 1,
    name: { nl: 'Regimes', en: 'Regimes' },
    codes: CODE_IDS.map((id, i) => ({
      id: id as CodeId,
      name: { nl: `${id} nl`, en: id },
      description: { nl: `Beschrijving ${id}`, en: `Description ${id}` },
      values: ['a', 'b', 'c'].map((v) => ({ id: v, name: { nl: `${id} ${v}`, en: `${id} ${v}` } })),
      color: '#336699',
      key: String(i + 1),
    })),
    flags: [{ id: 'glocalisation', name: { nl: 'Glocalisering', en: 'Glocalisation' }, description: { nl: 'g', en: 'g' } }],
  };
  const documents: PolicyDocument[] = [];
  const texts: DocumentText[] = [];
  for (let d = 0; d < DOCS; d++) {
    const paragraphs: string[] = [];
    let length = 0;
    while (length < 100_000) {
      const n = 40 + Math.floor(rnd() * 80);
      const p = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!).join(' ') + '.';
      paragraphs.push(p);
      length += p.length + 2;
    }
    const text = paragraphs.join('\n\n');
    const blocks: Block[] = [];
    let at = 0;
    for (const p of paragraphs) {
      blocks.push({ kind: 'paragraph', start: at, end: at + p.length });
      at += p.length + 2;
    }
    const pageCount = 40;
    const pages: Page[] = Array.from({ length: pageCount }, (_, i) => ({
      index: i + 1,
      label: String(i + 1),
      start: Math.floor((i * text.length) / pageCount),
      end: i === pageCount - 1 ? text.length : Math.floor(((i + 1) * text.length) / pageCount),
    }));
    const id = `doc-${d}` as DocumentId;
    documents.push({
      id,
      title: `Regioprofiel ${d}`,
      fileName: `${d}.pdf`,
      format: 'pdf',
      contentHash: `hash-${d}`,
      pages,
      charCount: text.length,
      meta: { region: `Regio ${d % 12}`, year: 2021 },
      report: { joinedHyphens: 0, removedLines: [], pageCount },
      createdAt: new Date(Date.UTC(2024, 0, 1, 0, d)).toISOString(),
    });
    texts.push({ documentId: id, text, blocks });
  }
  const fragments: Fragment[] = [];
  for (let i = 0; i < FRAGMENTS; i++) {
    const d = i % DOCS;
    const text = texts[d]!.text;
    const slot = Math.floor(i / DOCS);
    const start = Math.min(text.length - 1200, slot * 480 + Math.floor(rnd() * 200));
    const end = start + 100 + Math.floor(rnd() * 500);
    const k = 1 + Math.floor(rnd() * 3);
    const codes = new Set<string>();
    while (codes.size < k) codes.add(CODE_IDS[Math.floor(rnd() * CODE_IDS.length)]!);
    const at = new Date(Date.UTC(2024, 2, 1) + Math.floor(rnd() * 90 * 86_400_000)).toISOString();
    const f: Fragment = {
      id: `f${i}` as FragmentId,
      documentId: `doc-${d}` as DocumentId,
      anchor: anchorFromRange(text, start, end),
      codes: [...codes] as CodeId[],
      flags: rnd() < 0.1 ? ['glocalisation'] : [],
      memo: rnd() < 0.2 ? `Memo bij fragment ${i}: "let op" & vergelijk` : '',
      coderId: (rnd() < 0.8 ? 'anna' : 'bram') as CoderId,
      createdAt: at,
      updatedAt: at,
    };
    const values = [...codes].flatMap((c) => (rnd() < 0.5 ? [`${c}:${'abc'[Math.floor(rnd() * 3)]}`] : []));
    if (values.length) f.values = values;
    fragments.push(f);
  }
  const coders: Coder[] = [
    { id: 'anna' as CoderId, name: 'Anna', initials: 'A' },
    { id: 'bram' as CoderId, name: 'Bram', initials: 'B' },
  ];
  project = { documents, texts, codebooks: [codebook], fragments, searches: [], coders, settings: {}, hits: [] };
  return project;
}

/** The REFI-QDA benches. */
export const benches: Bench[] = [
  {
    name: 'qdpx-export-20k',
    run: async () => {
      const p = load();
      const ours = await time(() => toQdpx(p, { lang: 'nl', exportedAt: '2024-06-01T00:00:00.000Z' }), 5, 1);
      const base = await time(() => toProjectFile(p, { exportedAt: '2024-06-01T00:00:00.000Z' }), 5, 1);
      return line('qdpx-export-20k', ours, { name: 'toProjectFile (Worthmark JSON, same project)', timings: base });
    },
  },
  {
    name: 'qdpx-import-20k',
    run: async () => {
      const p = load();
      const zip = toQdpx(p, { lang: 'nl', exportedAt: '2024-06-01T00:00:00.000Z' });
      const json = toProjectFile(p);
      const check = await readQdpx(zip, 'bench.qdpx');
      if ('error' in check) return `the bench project did not read back: ${check.error.path}: ${check.error.reason}`;
      if (check.parsed.data.fragments.length !== FRAGMENTS) return `read ${check.parsed.data.fragments.length} fragments, not ${FRAGMENTS}`;
      const ours = await time(() => readQdpx(zip, 'bench.qdpx'), 5, 1);
      const base = await time(() => parseProjectFile(json), 5, 1);
      return line('qdpx-import-20k', ours, { name: 'parseProjectFile (Worthmark JSON, same project)', timings: base });
    },
  },
];
