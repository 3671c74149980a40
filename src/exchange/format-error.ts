import type { z } from 'zod';
import type { LocalText } from '../model/codebook.ts';
import {
  FORMAT_REASONS,
  isFormatReasonCode,
  moreProblemsText,
  placeholdersOf,
  renderReason,
  type FormatReasonCode,
  type FormatReasonValue,
  type FormatReasonValues,
  type SchemaMessageCode,
} from './format-reasons.ts';

/** The reason and path of a FormatError in a UI language (defined in ./format-reasons.ts). */
export { formatErrorPath, formatErrorText } from './format-reasons.ts';

/**
 * Why a file in one of our exchange formats was rejected: where (a path in the data, such as
 * `fragments[3].anchor.end`; empty for the whole file) and what is wrong, in English words.
 * Errors made here also carry the reason as a code of FORMAT_REASONS with its values (and
 * how many further problems zod found), so the UI can say it in Dutch too: formatErrorText.
 */
export interface FormatError {
  path: string;
  /** The reason in English (what the CLI prints); rendered from `code` and `values` when given. */
  reason: string;
  /** The reason's template in FORMAT_REASONS; absent for a reason we cannot name (then `reason` is all there is). */
  code?: FormatReasonCode;
  /** The values for the template's placeholders. */
  values?: Readonly<Record<string, FormatReasonValue>>;
  /** How many more problems were found after this one (the "(and N more problems)" note). */
  more?: number;
}

/** Makes a FormatError from a reason code and its values; the English `reason` comes from the table. */
export function formatError<C extends FormatReasonCode>(path: string, code: C, values: FormatReasonValues<C>): FormatError {
  const v = values as Readonly<Record<string, FormatReasonValue>>;
  return { path, reason: renderReason(code, v, 'en'), code, values: v };
}

/** What our refine/superRefine checks hand to zod: the English message and the code in `params`. */
export function zodReason<C extends FormatReasonCode>(code: C, values: FormatReasonValues<C>): { message: string; params: { reasonCode: C; values: FormatReasonValues<C> } } {
  return { message: renderReason(code, values as Readonly<Record<string, FormatReasonValue>>, 'en'), params: { reasonCode: code, values } };
}

/** The English message of a fixed schema code, for a zod check (`.min(1, schemaMessage('schema.empty'))`). */
export function schemaMessage(code: SchemaMessageCode): string {
  return FORMAT_REASONS[code].en;
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

type Values = Readonly<Record<string, FormatReasonValue>>;
type Found = { code: FormatReasonCode; values: Values };

/** Schema messages recognised by their English text (zod's built-in checks cannot carry a code). */
const BY_SCHEMA_MESSAGE = new Map<string, FormatReasonCode>(
  (Object.keys(FORMAT_REASONS) as FormatReasonCode[])
    .filter((code) => code.startsWith('schema.') && placeholdersOf(FORMAT_REASONS[code].en).length === 0)
    .map((code) => [FORMAT_REASONS[code].en, code]),
);

const TYPE_TERMS: Record<string, LocalText> = { int: { en: 'int', nl: 'geheel getal' } };
const ORIGIN_TERMS: Record<string, LocalText> = { record: { en: 'record', nl: 'object' } };
const UNIT_TERMS: Record<string, LocalText> = {
  string: { en: 'characters', nl: 'tekens' },
  file: { en: 'bytes', nl: 'bytes' },
  array: { en: 'items', nl: 'elementen' },
  set: { en: 'items', nl: 'elementen' },
  map: { en: 'entries', nl: 'elementen' },
};
const FORMAT_TERMS: Record<string, string> = {
  email: 'e-mailadres',
  url: 'URL',
  uuid: 'UUID',
  datetime: 'ISO-datum met tijd',
  date: 'ISO-datum',
  time: 'ISO-tijd',
  duration: 'ISO-duur',
};

const term = (table: Record<string, LocalText>, word: string): FormatReasonValue => (Object.hasOwn(table, word) ? table[word]! : word);

/** Our code for one zod issue, given its message without "Invalid input: "; undefined for kinds we do not know. */
function zodIssueReason(issue: z.core.$ZodIssue, message: string): Found | undefined {
  if (issue.code === 'custom') {
    const params = issue.params as { reasonCode?: unknown; values?: unknown } | undefined;
    if (params && isFormatReasonCode(params.reasonCode) && typeof params.values === 'object' && params.values !== null) {
      return { code: params.reasonCode, values: params.values as Values };
    }
  }
  const fixed = BY_SCHEMA_MESSAGE.get(issue.message);
  if (fixed) return { code: fixed, values: {} };
  let m: RegExpExecArray | null;
  switch (issue.code) {
    case 'invalid_type':
      if (!(m = /^expected (.+), received (.+)$/s.exec(message))) return undefined;
      if (m[2] === 'undefined') return { code: 'zod.missing', values: { expected: term(TYPE_TERMS, m[1]!) } };
      return { code: 'zod.type', values: { expected: term(TYPE_TERMS, m[1]!), received: term(TYPE_TERMS, m[2]!) } };
    case 'invalid_value':
      if ((m = /^Invalid option: expected one of (.+)$/s.exec(message))) return { code: 'zod.oneOf', values: { options: m[1]! } };
      if ((m = /^expected (.+)$/s.exec(message))) return { code: 'zod.literal', values: { expected: m[1]! } };
      return undefined;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const relation: FormatReasonValue = issue.exact ? { en: 'exactly ', nl: 'precies ' } : `${small ? '>' : '<'}${issue.inclusive ? '=' : ''}`;
      const limit = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const origin: FormatReasonValue = issue.origin ?? (small ? 'undefined' : { en: 'value', nl: 'waarde' });
      const unit = typeof origin === 'string' && Object.hasOwn(UNIT_TERMS, origin) ? UNIT_TERMS[origin] : undefined;
      if (unit) return { code: small ? 'zod.tooSmall' : 'zod.tooBig', values: { origin, relation, limit, unit } };
      return { code: small ? 'zod.tooSmallValue' : 'zod.tooBigValue', values: { origin, relation, limit } };
    }
    case 'invalid_format':
      if ((m = /^Invalid string: must match pattern (.+)$/s.exec(message))) return { code: 'zod.pattern', values: { pattern: m[1]! } };
      if ((m = /^Invalid string: must start with "(.*)"$/s.exec(message))) return { code: 'zod.startsWith', values: { prefix: m[1]! } };
      if ((m = /^Invalid string: must end with "(.*)"$/s.exec(message))) return { code: 'zod.endsWith', values: { suffix: m[1]! } };
      if ((m = /^Invalid string: must include "(.*)"$/s.exec(message))) return { code: 'zod.includes', values: { includes: m[1]! } };
      if ((m = /^Invalid (.+)$/s.exec(message))) return { code: 'zod.format', values: { format: { en: m[1]!, nl: FORMAT_TERMS[issue.format] ?? m[1]! } } };
      return undefined;
    case 'not_multiple_of':
      if (!(m = /^Invalid number: must be a multiple of (.+)$/s.exec(message))) return undefined;
      return { code: 'zod.multipleOf', values: { divisor: m[1]! } };
    case 'unrecognized_keys':
      if (!(m = /^Unrecognized keys?: (.+)$/s.exec(message))) return undefined;
      return { code: issue.keys.length > 1 ? 'zod.unrecognizedKeys' : 'zod.unrecognizedKey', values: { keys: m[1]! } };
    case 'invalid_key':
      return { code: 'zod.invalidKey', values: { origin: term(ORIGIN_TERMS, issue.origin) } };
    case 'invalid_element':
      return { code: 'zod.invalidElement', values: { origin: term(ORIGIN_TERMS, issue.origin) } };
    default:
      if ((m = /^Invalid discriminator value\. Expected (.+)$/s.exec(message))) return { code: 'zod.discriminator', values: { options: m[1]! } };
      if (message === 'more than one option matched') return { code: 'zod.ambiguous', values: {} };
      if (message === 'Invalid input') return { code: 'zod.invalid', values: {} };
      return undefined;
  }
}

/**
 * Turns the first zod issue into a FormatError, with a plainer wording for missing values.
 * The issue gets a reason code when we know its kind and the code's English template gives
 * exactly zod's wording; otherwise it has only the English `reason`.
 */
export function formatErrorFromZod(error: z.ZodError, basePath: readonly PropertyKey[] = []): FormatError {
  const issue = error.issues[0];
  if (!issue) return formatError(formatPath(basePath), 'invalid', {});
  const path = formatPath([...basePath, ...issue.path]);
  const more = error.issues.length - 1;
  const message = issue.message.replace(/^Invalid input: /, '');
  const missing = /^expected (.+), received undefined$/.exec(message);
  const english = missing ? `missing (expected ${missing[1]})` : message;
  const suffix = more > 0 ? ` ${moreProblemsText(more, 'en')}` : '';
  const found = zodIssueReason(issue as z.core.$ZodIssue, message);
  if (!found || renderReason(found.code, found.values, 'en') !== english) return { path, reason: english + suffix };
  return { path, reason: english + suffix, code: found.code, values: found.values, ...(more > 0 ? { more } : {}) };
}

/** What a file that is not JSON text looks like, by its first characters (for the reason). */
function notJsonKind(text: string): LocalText | undefined {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head === '') return { en: 'the file is empty', nl: 'het bestand is leeg' };
  if (/^[{["\d-]|^(true|false|null)\b/.test(head)) return undefined;
  if (head.startsWith('%PDF')) return { en: 'it is a PDF document', nl: 'het is een pdf-document' };
  if (head.startsWith('PK\u0003\u0004')) return { en: 'it is a ZIP archive, such as a .docx or .qdpx file', nl: 'het is een zip-archief, zoals een .docx- of .qdpx-bestand' };
  if (head.startsWith('<')) return { en: 'it is XML or HTML', nl: 'het is XML of HTML' };
  if (/[\u0000-\u0008\u000E-\u001F\uFFFD]/.test(head.slice(0, 512))) return { en: 'it is a binary file', nl: 'het is een binair bestand' };
  return { en: 'it is plain text, not JSON', nl: 'het is gewone tekst, geen JSON' };
}

/** Parses JSON text without throwing; a file that is not JSON at all says what it looks like. */
export function parseJsonText(text: string): { parsed: unknown } | { error: FormatError } {
  const kind = notJsonKind(text.slice(0, 4096));
  if (kind) return { error: formatError('', 'json.notJson', { kind }) };
  try {
    return { parsed: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch (e) {
    // V8's message quotes the text near the fault; keep it to one line.
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 200);
    return { error: formatError('', 'json.invalid', { detail }) };
  }
}
