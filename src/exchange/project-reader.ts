/**
 * The one reader of project-like files, by their content (not their name): a Worthmark project
 * file (JSON), a Worthmark project zip with its original files, a REFI-QDA project (.qdpx zip)
 * or a bare REFI-QDA project XML (.qde). Every one ends in the same project structure with its
 * originals and a report, or in one error naming the file; restore, merge and the CLI's
 * `--project` all read through here.
 *
 * The project zip ("Save project as file — with original PDFs"):
 * ```
 * project.worthmark.json            the project file, as project-format.md describes
 * originals/<document id>/<name>    each stored original (PDF, Word, text), by its document
 *                                   (the id URI-encoded)
 * ```
 * An original whose SHA-256 is not its document's content hash, or whose document is not in the
 * project, is left out and reported.
 */
import { strToU8, zipSync } from 'fflate';
import { formatError, type FormatError } from './format-error.ts';
import { parseProjectFile, toProjectFile, type ProjectData } from './project-file.ts';
import { readQde, readQdpxFiles, sha256, unzipBounded, type ReadOriginal, type ReadProject } from './qdpx-read.ts';

/** The project file's name inside a project zip. */
export const ZIP_PROJECT_FILE = 'project.worthmark.json';

/** Options for reading a project-like file. */
export interface ReadProjectOptions {
  /** For a bare .qde: a file of its `sources/` folder by name, when the caller can reach it. */
  sourceFile?: (name: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
};

/** Reads any project-like file by its content. Never throws for bad input. */
export async function readProjectBytes(bytes: Uint8Array, fileName: string, options: ReadProjectOptions = {}): Promise<{ parsed: ReadProject } | { error: FormatError }> {
  if (isZip(bytes)) {
    const zip = unzipBounded(bytes, fileName);
    if ('error' in zip) return zip;
    const files = zip.parsed;
    const projectPath = Object.keys(files).find((p) => p === ZIP_PROJECT_FILE || p.endsWith(`/${ZIP_PROJECT_FILE}`));
    if (!projectPath) return readQdpxFiles(files, fileName);
    const folder = projectPath.slice(0, projectPath.length - ZIP_PROJECT_FILE.length);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(files[projectPath]!);
    } catch {
      return { error: formatError(projectPath, 'project.notUtf8', {}) };
    }
    const parsed = parseProjectFile(text);
    if ('error' in parsed) return { error: { ...parsed.error, path: `${projectPath}${parsed.error.path ? `: ${parsed.error.path}` : ''}` } };
    const byId = new Map(parsed.parsed.documents.map((d) => [d.id as string, d]));
    const originals: ReadOriginal[] = [];
    const refused: string[] = [];
    for (const [path, data] of Object.entries(files)) {
      const m = new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}originals/([^/]+)/([^/]+)$`).exec(path);
      if (!m) continue;
      let docId: string;
      try {
        docId = decodeURIComponent(m[1]!);
      } catch {
        docId = m[1]!;
      }
      const doc = byId.get(docId);
      if (!doc || (await sha256(data)) !== doc.contentHash || originals.some((o) => o.documentId === doc.id)) {
        refused.push(m[2]!);
        continue;
      }
      const ext = /\.([a-z0-9]+)$/i.exec(m[2]!)?.[1]?.toLowerCase() ?? '';
      originals.push({ documentId: doc.id, fileName: m[2]!, type: MIME[ext] ?? MIME[doc.format] ?? 'application/octet-stream', bytes: data });
    }
    const notes: ReadProject['report']['notes'] = [];
    if (originals.length > 0) notes.push({ code: 'originals', values: { n: originals.length } });
    if (refused.length > 0) notes.push({ code: 'originalsRefused', values: { n: refused.length, names: refused.slice(0, 5).map((n) => `"${n}"`).join(', ') } });
    return { parsed: { data: parsed.parsed, originals, report: { kind: 'worthmark-zip', notes } } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: formatError('', 'project.notUtf8', {}) };
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return readQde(text, { fileName, kind: 'qde', file: options.sourceFile });
  const parsed = parseProjectFile(text);
  if ('error' in parsed) return parsed;
  return { parsed: { data: parsed.parsed, originals: [], report: { kind: 'worthmark-json', notes: [] } } };
}

/** An original to put in a project zip. */
export interface ZipOriginal {
  documentId: string;
  fileName: string;
  bytes: Uint8Array;
}

/** Writes the project zip: the project file and each original under `originals/<document id>/`. */
export function toProjectZip(data: ProjectData, originals: readonly ZipOriginal[], options: { exportedAt?: string } = {}): Uint8Array {
  const at = options.exportedAt ?? new Date().toISOString();
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { [ZIP_PROJECT_FILE]: strToU8(toProjectFile(data, { exportedAt: at })) };
  const ids = new Set(data.documents.map((d) => d.id as string));
  for (const o of originals) {
    if (!ids.has(o.documentId)) continue;
    const name = o.fileName.replace(/[\\/]+/g, '_') || 'original';
    entries[`originals/${encodeURIComponent(o.documentId)}/${name}`] = [o.bytes, { level: 0 }];
  }
  return zipSync(entries, { level: 6, mtime: new Date(at) });
}
