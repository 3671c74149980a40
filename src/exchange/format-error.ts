import type { z } from 'zod';

/**
 * Why a file in one of our exchange formats was rejected: where (a path in the data, such as
 * `fragments[3].anchor.end`; empty for the whole file) and what is wrong, in English words.
 */
export interface FormatError {
  path: string;
  reason: string;
}

/** Writes a data path the way a JavaScript reader would: `codes[2].name.en`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** Turns the first zod issue into a FormatError, with a plainer wording for missing values. */
export function formatErrorFromZod(error: z.ZodError, basePath: readonly PropertyKey[] = []): FormatError {
  const issue = error.issues[0];
  if (!issue) return { path: formatPath(basePath), reason: 'invalid' };
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  let reason = issue.message.replace(/^Invalid input: /, '');
  const missing = /^expected (.+), received undefined$/.exec(reason);
  if (missing) reason = `missing (expected ${missing[1]})`;
  return { path: formatPath([...basePath, ...issue.path]), reason: reason + more };
}

/** Parses JSON text without throwing. */
export function parseJsonText(text: string): { parsed: unknown } | { error: FormatError } {
  try {
    return { parsed: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch (e) {
    return { error: { path: '', reason: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` } };
  }
}
