/**
 * Reading XML for REFI-QDA files (.qdc, .qde), the same in the browser and in Node (no DOMParser
 * there): saxes, a conformant streaming XML parser, builds a small element tree. A DOCTYPE is
 * refused (external entities have no place in an exchange file), namespace prefixes are dropped
 * from element and attribute names (REFI-QDA files use one namespace, and some writers leave a
 * prefix undeclared), and input is bounded: at most {@link MAX_XML_DEPTH} nested elements and
 * {@link MAX_XML_CHARS} characters, so a hostile file ends in a clear error instead of a hang
 * or a stack overflow. Never throws: errors name the line.
 */
import { SaxesParser } from 'saxes';
import { formatError, type FormatError } from './format-error.ts';

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

/** Deepest element nesting read. Real REFI-QDA files need about ten levels plus the code tree. */
export const MAX_XML_DEPTH = 200;
/** Longest XML text read (characters): far above a 100-document project's 10 MB `.qde`. */
export const MAX_XML_CHARS = 400_000_000;

const local = (name: string) => name.slice(name.indexOf(':') + 1);

const NEEDS_ESCAPE = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Escapes text for an XML attribute value or element content (and drops characters XML 1.0 forbids). */
export function xmlEscape(s: string): string {
  // Most names, ids and dates need nothing: one test instead of seven replacements.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

class Stop {
  constructor(readonly error: FormatError) {}
}

/** Parses an XML document into its root element. */
export function parseXml(xml: string): { parsed: XmlElement } | { error: FormatError } {
  if (xml.length > MAX_XML_CHARS) return { error: formatError('', 'xml.tooLarge', { max: MAX_XML_CHARS }) };
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const stop = (code: 'xml.doctype' | 'xml.tooDeep', line: number): never => {
    throw new Stop(code === 'xml.tooDeep' ? formatError(`line ${line}`, code, { max: MAX_XML_DEPTH }) : formatError(`line ${line}`, code, {}));
  };
  parser.on('error', (e) => {
    // saxes prefixes "line:column: "; we give the line in the path and keep its wording.
    const m = /^(?:[^:]*:)?(\d+):\d+: (.*)$/s.exec(e.message);
    throw new Stop(formatError(`line ${m ? m[1] : parser.line}`, 'xml.notWellFormed', { detail: m ? m[2]! : e.message }));
  });
  parser.on('doctype', () => stop('xml.doctype', parser.line));
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_XML_DEPTH) stop('xml.tooDeep', parser.line);
    // saxes hands a fresh plain object of attributes; rebuild it only when a name has a prefix.
    let attrs = tag.attributes as Record<string, string>;
    for (const name in attrs) {
      if (name.includes(':') || name === 'xmlns') {
        const plain: Record<string, string> = {};
        for (const [n, value] of Object.entries(attrs)) if (n !== 'xmlns' && !n.startsWith('xmlns:')) plain[local(n)] = value;
        attrs = plain;
        break;
      }
    }
    const el: XmlElement = { name: local(tag.name), attrs, children: [], text: '', line: parser.line };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  // saxes reports a self-closing tag as an open and a close tag too.
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    const el = stack[stack.length - 1];
    // White space between child elements is layout, not content: keeping it only costs memory.
    if (el && !(el.children.length > 0 && /^\s*$/.test(t))) el.text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch (e) {
    if (e instanceof Stop) return { error: e.error };
    throw e;
  }
  if (!root) return { error: formatError('', 'xml.notWellFormed', { detail: 'no root element' }) };
  return { parsed: root };
}

/** The child elements of `el` with a local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The first child element of `el` with a local name. */
export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
