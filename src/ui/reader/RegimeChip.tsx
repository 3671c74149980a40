/** A regime's colour with its key as a second channel; the ink is black or white for contrast. */
import type { Code } from '../../model/index.ts';
import { inkOn } from './fragment-view.ts';

/** A small coloured square carrying the code's key (AA contrast between key and colour). */
export function RegimeChip({ code }: { code: Code }) {
  return (
    <span className="regime-chip" style={{ background: code.color, color: inkOn(code.color) }} aria-hidden="true">
      {code.key}
    </span>
  );
}
