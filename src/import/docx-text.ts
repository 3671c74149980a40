/**
 * .docx → lines of text, with mammoth (the one module that imports it; loaded on first use).
 *
 * mammoth turns the document into simple HTML (paragraphs, headings, list items, table cells);
 * each of those becomes one line followed by a blank line, so the normaliser keeps it as its own
 * block. List items get a "•" so they stay list items. Footnotes, comments and images are left
 * out: the coded text is the body text. A file that is not a readable .docx (not a zip, no
 * word/document.xml) rejects, and extract.ts reports it as corrupt.
 */

/** The text blocks of a .docx file in document order (headings, paragraphs, list items, cells). */
export async function docxBlocks(bytes: Uint8Array): Promise<string[]> {
  const mammoth = (await import('mammoth')) as unknown as {
    convertToHtml(input: Record<string, unknown>): Promise<{ value: string }>;
    default?: unknown;
  };
  const api = (typeof (mammoth as { convertToHtml?: unknown }).convertToHtml === 'function' ? mammoth : mammoth.default) as typeof mammoth;
  // Node's build reads `buffer`, the browser build `arrayBuffer`; both accept the bytes.
  const { value } = await api.convertToHtml({ buffer: bytes, arrayBuffer: bytes });
  return blocksFromHtml(value);
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'tr', 'ul', 'ol', 'table', 'br']);

/**
 * Cuts mammoth's HTML into text blocks: a block ends at every block-level tag (so nested lists
 * and table cells come out one per block); list items are marked with "• ".
 */
export function blocksFromHtml(html: string): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = decodeEntities(current).replace(/\s+/g, ' ').trim();
    if (text !== '' && text !== '•') blocks.push(text);
    current = '';
  };
  for (const part of html.split(/(<[^>]*>)/)) {
    const tag = /^<\/?([a-z0-9]+)/i.exec(part)?.[1]?.toLowerCase();
    if (tag === undefined) {
      current += part;
      continue;
    }
    if (!BLOCK_TAGS.has(tag)) continue; // inline: <strong>, <em>, <a>, <sup> …
    flush();
    if (tag === 'li' && !part.startsWith('</')) current = '• ';
  }
  flush();
  return blocks;
}
