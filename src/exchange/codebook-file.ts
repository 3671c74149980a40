/**
 * The codebook file format, version 1 (see codebooks/codebook.schema.json for the documented
 * JSON Schema). This module mirrors that schema in zod and adds what a schema cannot say:
 * code ids, code keys (case-insensitive, since a shortcut key is pressed without shift),
 * value ids within a code and flag ids must each be unique. Unknown properties are rejected,
 * so a misspelt "colour" is reported instead of silently dropped; a top-level "$schema" is
 * allowed for editors and dropped from the parsed result. Optional since the codebook editor:
 * value descriptions, `aliases` (ids of merged codes → the code that took them over) and the
 * `changes` log; files without them read as before.
 */
import { z } from 'zod';
import type { Codebook } from '../model/codebook.ts';
import { formatErrorFromZod, parseJsonText, schemaMessage, zodReason, type FormatError } from './format-error.ts';

// The app's Content Security Policy allows no eval: zod's JIT would probe `new Function` (a reported
// violation) before falling back, so it is switched off for all zod schemas of the app and the CLI.
z.config({ jitless: true });

/** A stable id: lower-case letters, digits and hyphens (UUIDs fit). */
export const idSchema = z
  .string()
  .max(64, schemaMessage('schema.idTooLong'))
  .regex(/^[a-z0-9][a-z0-9-]*$/, schemaMessage('schema.notId'));

/** A text in Dutch and English, neither empty. */
export const localTextSchema = z.strictObject({
  nl: z.string().min(1, schemaMessage('schema.empty')),
  en: z.string().min(1, schemaMessage('schema.empty')),
});

/** A text in Dutch and English where either may be empty (a description nobody wrote). */
export const optionalTextSchema = z.strictObject({ nl: z.string(), en: z.string() });

const colourSchema = z.string().regex(/^#[0-9A-Fa-f]{6}$/, schemaMessage('schema.notColour'));

const valueSchema = z.strictObject({
  id: idSchema,
  name: localTextSchema,
  description: optionalTextSchema.optional(),
  parent: idSchema.optional(),
  color: colourSchema.optional(),
  codable: z.literal(false).optional(),
});

const changeKinds = [
  'add-code', 'rename-code', 'recolour-code', 'rekey-code', 'describe-code', 'move-code', 'merge-code', 'nest-code',
  'add-value', 'rename-value', 'describe-value', 'move-value', 'rename-codebook', 'import',
] as const;

const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), zodReason('schema.notDateTime', {}));

const changeSchema = z.strictObject({
  at: timestamp,
  kind: z.enum(changeKinds, schemaMessage('schema.notChangeKind')),
  target: z.string().min(1, schemaMessage('schema.empty')),
  before: z.string().optional(),
  after: z.string().optional(),
  coderId: z.string().optional(),
});

const codeSchema = z.strictObject({
  id: idSchema,
  name: localTextSchema,
  description: optionalTextSchema,
  values: z.array(valueSchema),
  key: z.string().regex(/^[0-9A-Za-z]?$/, schemaMessage('schema.notKey')),
  color: colourSchema,
  codable: z.literal(false).optional(),
});

const flagSchema = z.strictObject({ id: idSchema, name: localTextSchema, description: localTextSchema });

/** Adds an issue (with its reason code) for each item whose key was already seen, naming the first occurrence. */
function checkUnique<T>(
  ctx: z.core.$RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => string,
  path: (index: number) => PropertyKey[],
  code: 'codebook.duplicateCodeId' | 'codebook.duplicateKey' | 'codebook.duplicateValueId' | 'codebook.duplicateFlagId',
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else ctx.addIssue({ code: 'custom', path: path(i), ...zodReason(code, { key, first }) });
  });
}

/** The zod schema of a codebook (format version 1), with the uniqueness rules. */
export const codebookSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: idSchema,
    formatVersion: z.literal(1, schemaMessage('schema.codebookVersion')),
    name: localTextSchema,
    description: localTextSchema.optional(),
    codes: z.array(codeSchema),
    flags: z.array(flagSchema),
    aliases: z.record(idSchema, idSchema).optional(),
    changes: z.array(changeSchema).optional(),
  })
  .superRefine((book, ctx) => {
    checkUnique(ctx, book.codes, (c) => c.id, (i) => ['codes', i, 'id'], 'codebook.duplicateCodeId');
    // An empty key is "no shortcut" and may repeat.
    checkUnique(ctx, book.codes, (c) => c.key.toLowerCase() || `\u0000${c.id}`, (i) => ['codes', i, 'key'], 'codebook.duplicateKey');
    book.codes.forEach((code, c) =>
      checkUnique(ctx, code.values, (v) => v.id, (i) => ['codes', c, 'values', i, 'id'], 'codebook.duplicateValueId'),
    );
    checkUnique(ctx, book.flags, (f) => f.id, (i) => ['flags', i, 'id'], 'codebook.duplicateFlagId');
    // An alias names a code that is gone; it must not shadow a current code.
    const ids = new Set(book.codes.map((c) => c.id));
    for (const from of Object.keys(book.aliases ?? {})) {
      if (ids.has(from)) ctx.addIssue({ code: 'custom', path: ['aliases', from], ...zodReason('codebook.aliasIsCode', { alias: from }) });
    }
  });

/** Turns checked codebook data into the model type (zod cannot produce our branded ids). */
export function toCodebook(data: z.infer<typeof codebookSchema>): Codebook {
  const { $schema: _ignored, ...book } = data;
  return book as Codebook;
}

/**
 * Checks a codebook given as JSON text or as already-parsed data.
 * Never throws; on failure names the first problem's path (e.g. `codes[2].color`).
 */
export function parseCodebook(json: unknown): { parsed: Codebook } | { error: FormatError } {
  let data = json;
  if (typeof json === 'string') {
    const read = parseJsonText(json);
    if ('error' in read) return read;
    data = read.parsed;
  }
  const result = codebookSchema.safeParse(data);
  if (!result.success) return { error: formatErrorFromZod(result.error) };
  return { parsed: toCodebook(result.data) };
}
