/** A code's colour with its key as a second channel, for colour-blind readers. */
import type { Code } from '../model/index.ts';

/** A small coloured square carrying the code's key. */
export function CodeSwatch({ code }: { code: Code }) {
  return (
    <span className="swatch" style={{ background: code.color }} aria-hidden="true">
      {code.key}
    </span>
  );
}
