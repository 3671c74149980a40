/** The codebook's regimes as buttons: create a fragment with one, or toggle one on a fragment. */
import { useLang } from '../i18n.tsx';
import type { CodeId, Codebook } from '../../model/index.ts';
import { RegimeChip } from './RegimeChip.tsx';

/** One button per regime, in codebook order, with its key as shortcut. */
export function CodeButtons(props: { codebook: Codebook; selected: readonly string[]; onToggle: (c: CodeId) => void; verb: 'create' | 'toggle' }) {
  const { t, local } = useLang();
  return (
    <div className="code-buttons" role="group" aria-label={t('reader.regimes')}>
      {props.codebook.codes.map((c) => {
        const on = props.selected.includes(c.id);
        return (
          <button
            key={c.id}
            type="button"
            className={`code-button${on ? ' on' : ''}`}
            aria-pressed={props.verb === 'toggle' ? on : undefined}
            aria-keyshortcuts={c.key}
            title={local(c.description)}
            onClick={() => props.onToggle(c.id)}
          >
            <RegimeChip code={c} />
            <span>{local(c.name)}</span>
          </button>
        );
      })}
    </div>
  );
}
