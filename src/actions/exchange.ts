/**
 * Exchange with other tools: the project as a REFI-QDA project (.qdpx) or as W3C Web
 * Annotations, and the project file with its original files (a zip). Reads the database, hands
 * the pure writers in exchange/ what they need.
 */
import { toQdpx, type OriginalBytes } from '../exchange/qdpx-write.ts';
import { toProjectZip } from '../exchange/project-reader.ts';
import { toW3cJson } from '../exchange/w3c-annotations.ts';
import { safeFileName } from '../exchange/download.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { projectData } from './project.ts';

/** The stored original files by document id, as bytes. */
export async function projectOriginals(db: WorthmarkDb): Promise<Map<string, OriginalBytes>> {
  const out = new Map<string, OriginalBytes>();
  for (const o of await db.originals.toArray()) {
    out.set(o.documentId, { fileName: o.fileName, type: o.type, bytes: new Uint8Array(await o.blob.arrayBuffer()) });
  }
  return out;
}

/** Writes the whole project as a .qdpx, with the stored originals. */
export async function exportQdpx(db: WorthmarkDb, lang: 'nl' | 'en'): Promise<{ fileName: string; content: Uint8Array }> {
  const [data, originals] = await Promise.all([projectData(db), projectOriginals(db)]);
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: safeFileName(`worthmark-project-${day}.qdpx`), content: toQdpx(data, { lang, originals }) };
}

/** Writes the project file with every stored original, as one zip ("with original PDFs"). */
export async function exportProjectZip(db: WorthmarkDb): Promise<{ fileName: string; content: Uint8Array }> {
  const [data, originals] = await Promise.all([projectData(db), projectOriginals(db)]);
  const day = new Date().toISOString().slice(0, 10);
  const list = [...originals].map(([documentId, o]) => ({ documentId, fileName: o.fileName, bytes: o.bytes }));
  return { fileName: safeFileName(`worthmark-project-${day}.zip`), content: toProjectZip(data, list) };
}

/** Writes every fragment as a W3C Web Annotation (one JSON-LD AnnotationCollection). */
export async function exportW3c(db: WorthmarkDb, lang: 'nl' | 'en'): Promise<{ fileName: string; content: string }> {
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: safeFileName(`worthmark-annotations-${day}.jsonld`), content: toW3cJson(await projectData(db), { lang }) };
}
