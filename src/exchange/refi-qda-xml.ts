/**
 * A small XML reader for REFI-QDA files, pure and the same in the browser and in Node (no
 * DOMParser there). It reads elements, attributes, text, CDATA, comments, processing
 * instructions and the five predefined entities plus character references. A DOCTYPE is
 * refused: external entities have no place in an exchange file. Namespace prefixes are
 * dropped from element and attribute names (REFI-QDA files use one namespace). Never throws:
 * errors name the line.
 */
import { formatError, type FormatError } from './format-error.ts';
import type { FormatReasonCode, FormatReasonValues } from './format-reasons.ts';

/** An element: local name, attributes by local name, child elements, its own text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's direct text content (entities decoded), children's text excluded. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, line: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) throw formatError(`line ${line}`, 'xml.badCharacterReference', { reference: m });
      return String.fromCodePoint(code);
    }
    const named = NAMED[body];
    if (named === undefined) throw formatError(`line ${line}`, 'xml.unknownEntity', { entity: m });
    return named;
  });
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Escapes text for an XML attribute value or element content. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** Parses an XML document into its root element. */
export function parseXml(xml: string): { parsed: XmlElement } | { error: FormatError } {
  try {
    return { parsed: parse(xml.replace(/^\uFEFF/, '')) };
  } catch (e) {
    if (e && typeof e === 'object' && 'reason' in e) return { error: e as FormatError };
    throw e;
  }
}

function parse(xml: string): XmlElement {
  let i = 0;
  let line = 1;
  const fail = <C extends FormatReasonCode>(code: C, values: FormatReasonValues<C>): never => {
    throw formatError(`line ${line}`, code, values);
  };
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (xml.charCodeAt(k) === 10) line++;
    i = to;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      const rest = xml.slice(i);
      if (rest.trim() && stack.length === 0) fail('xml.textAfterRoot', {});
      if (stack.length > 0) stack[stack.length - 1]!.text += decode(rest, line);
      advance(xml.length);
      break;
    }
    if (lt > i) {
      const text = xml.slice(i, lt);
      if (stack.length > 0) stack[stack.length - 1]!.text += decode(text, line);
      else if (text.trim()) fail('xml.textOutsideRoot', {});
      advance(lt);
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) fail('xml.commentNotClosed', {});
      advance(end + 3);
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end < 0) fail('xml.cdataNotClosed', {});
      if (stack.length === 0) fail('xml.cdataOutsideRoot', {});
      stack[stack.length - 1]!.text += xml.slice(i + 9, end);
      advance(end + 3);
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end < 0) fail('xml.instructionNotClosed', {});
      advance(end + 2);
    } else if (xml.startsWith('<!', i)) {
      fail('xml.declaration', {});
    } else if (xml.startsWith('</', i)) {
      const end = xml.indexOf('>', i);
      if (end < 0) fail('xml.endTagNotClosed', {});
      const name = local(xml.slice(i + 2, end).trim());
      const open = stack.pop();
      if (!open) fail('xml.endTagWithoutStart', { name });
      if (open!.name !== name) fail('xml.endTagMismatch', { name, open: open!.name, line: open!.line });
      advance(end + 1);
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(i, i + 100_000));
      if (!m) fail('xml.malformedStartTag', {});
      const el: XmlElement = { name: local(m![1]!), attrs: {}, children: [], text: '', line };
      for (const a of m![2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        if (a[1]!.startsWith('xmlns')) continue;
        el.attrs[local(a[1]!)] = decode(a[3] ?? a[4] ?? '', line);
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else if (root) fail('xml.secondRoot', {});
      else root = el;
      if (!m![3]) stack.push(el);
      advance(i + m![0].length);
    }
  }
  if (stack.length > 0) fail('xml.notClosed', { name: stack[stack.length - 1]!.name, line: stack[stack.length - 1]!.line });
  if (!root) fail('xml.noRoot', {});
  return root!;
}
