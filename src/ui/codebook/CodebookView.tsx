/**
 * The codebook editor: add, rename, recolour, re-key, reorder and describe codes and their
 * values; merge a code into another or nest it under another as a value; import and export
 * the codebook (Worthmark JSON, REFI-QDA .qdc); the change log with times. Every change is
 * one undoable step (Ctrl+Z here or in the reader) and never breaks earlier coding: ids stay.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { codebookEditErrorText } from './edit-error.ts';
import { useActiveCodebook, useActiveCoder, useFragments } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { getCodebook } from '../../storage/repository.ts';
import { changeCodebook, importCodebook } from '../../actions/codebook.ts';
import type { CodebookEdit } from '../../actions/codebook-edit.ts';
import { codingHistory } from '../../actions/history.ts';
import { parseCodebook } from '../../exchange/codebook-file.ts';
import { parseQdcBytes, toQdc } from '../../exchange/refi-qda-codebook.ts';
import { unzipBounded } from '../../exchange/qdpx-read.ts';
import { reportNoteText } from '../../exchange/exchange-report.ts';
import { formatErrorPath, formatErrorText } from '../../exchange/format-reasons.ts';
import { downloadFile } from '../../exchange/download.ts';
import { resolveCode, type Code, type Codebook, type CodebookChange, type CoderId, type LocalText } from '../../model/index.ts';
import { RegimeChip } from '../reader/RegimeChip.tsx';
import { UndoButtons, useUndoKeys } from '../reader/UndoButtons.tsx';
import { stepLabel } from '../reader/step-label.ts';
import '../reader/coding.css';

/** The codebook screen. */
export function CodebookView() {
  const { t } = useLang();
  const book = useActiveCodebook();
  const coder = useActiveCoder();
  if (book === undefined || coder === undefined) return <p>{t('common.loading')}</p>;
  if (book === null) return <p role="alert">{t('codebook.none')}</p>;
  return <Editor book={book} coderId={coder?.id ?? null} />;
}

function Editor({ book, coderId }: { book: Codebook; coderId: string | null }) {
  const { t, local, lang } = useLang();
  const history = codingHistory();
  const fragments = useFragments();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const usage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of fragments ?? []) {
      const seen = new Set<string>();
      for (const id of f.codes) {
        const c = resolveCode(book, id);
        if (c && !seen.has(c.id)) {
          seen.add(c.id);
          counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
        }
      }
    }
    return counts;
  }, [fragments, book]);

  const run = useCallback(
    (op: () => Promise<void>) => {
      queue.current = queue.current.then(op).catch((e) => {
        console.error(e);
        setStatus({ text: t('codebook.saveFailed'), error: true });
      });
    },
    [t],
  );

  /** Applies an edit to the stored (freshest) codebook; resolves to whether it was accepted. */
  const edit = useCallback(
    (e: CodebookEdit, done?: string) =>
      new Promise<boolean>((resolve) =>
        run(async () => {
          const fresh = (await getCodebook(appDb(), book.id)) ?? book;
          const r = await changeCodebook({ db: appDb(), history, coderId: (coderId ?? 'unknown') as never }, fresh, e);
          if (r.ok) setStatus(done ? { text: done, error: false } : null);
          else setStatus({ text: codebookEditErrorText(t, r.error), error: true });
          resolve(r.ok);
        }),
      ),
    [run, book, history, coderId, lang],
  );

  const undo = useCallback(() => run(async () => {
    const move = await history.undo(appDb(), (coderId ?? undefined) as CoderId | undefined);
    if (move?.refused) return setStatus({ text: t('reader.staleStep'), error: true });
    setStatus({ text: move ? t('reader.undone', { what: stepLabel(t, move.step.kind) }) : t('reader.nothingToUndo'), error: false });
  }), [run, history, t, coderId]);
  const redo = useCallback(() => run(async () => {
    const move = await history.redo(appDb(), (coderId ?? undefined) as CoderId | undefined);
    if (move?.refused) return setStatus({ text: t('reader.staleStep'), error: true });
    setStatus({ text: move ? t('reader.redone', { what: stepLabel(t, move.step.kind) }) : t('reader.nothingToUndo'), error: false });
  }), [run, history, t, coderId]);
  useUndoKeys(undo, redo);

  const onImport = (file: File) =>
    run(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = bytes[0] === 0x50 && bytes[1] === 0x4b ? '' : new TextDecoder().decode(bytes);
      // REFI-QDA by content: .qdc, a project .qde or a .qdpx zip (only its codebook is taken).
      const isRefi = /\.(qdc|qde|qdpx)$/i.test(file.name) || text === '' || text.trimStart().startsWith('<');
      const read = isRefi ? parseQdcBytes(bytes, file.name, (b) => unzipBounded(b, file.name)) : undefined;
      const parsed = read ? ('error' in read ? read : { parsed: read.parsed.codebook }) : parseCodebook(text);
      if ('error' in parsed) {
        setStatus({ text: t('codebook.importInvalid', { file: file.name, path: formatErrorPath(parsed.error.path, lang) || '—', reason: formatErrorText(parsed.error, lang) }), error: true });
        return;
      }
      const fresh = (await getCodebook(appDb(), book.id)) ?? book;
      const s = await importCodebook({ db: appDb(), history, coderId: (coderId ?? 'unknown') as never }, fresh, parsed.parsed);
      const ignored = read && 'parsed' in read && read.parsed.ignoredRest ? ` ${reportNoteText({ code: 'codebookOnly', values: {} }, lang)}` : '';
      setStatus({ text: t('codebook.imported', { file: file.name, added: s.added, updated: s.updated, kept: s.kept }) + ignored, error: false });
    });

  const fileName = book.id.replace(/[^a-z0-9-]/g, '') || 'codebook';

  return (
    <div className="codebook-editor">
      <section className="panel" aria-labelledby="cb-h">
        <h1 id="cb-h">{t('codebook.title', { name: local(book.name) })}</h1>
        <p className="hint">{t('codebook.explain')}</p>
        <div className="row">
          <LocalField label={t('codebook.bookName')} value={book.name} onCommit={(name) => edit({ kind: 'rename-codebook', name })} />
        </div>
        <div className="row">
          <UndoButtons history={history} onUndo={undo} onRedo={redo} />
          <button type="button" onClick={() => downloadFile(`${fileName}.json`, JSON.stringify({ $schema: './codebook.schema.json', ...book }, null, 2) + '\n', 'application/json')}>
            {t('codebook.exportJson')}
          </button>
          <button type="button" onClick={() => downloadFile(`${fileName}.qdc`, toQdc(book, { lang }), 'application/xml')}>
            {t('codebook.exportQdc')}
          </button>
          <label className="button">
            {t('codebook.import')}
            <input
              type="file"
              className="visually-hidden-input"
              accept=".json,.qdc,.qde,.qdpx,application/json,application/xml,text/xml,application/zip"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) onImport(f);
              }}
            />
          </label>
        </div>
        <p className="hint">{t('codebook.importExplain')}</p>
        <p role="status" aria-live="polite" className={status?.error ? 'error-text' : 'ok-text'}>
          {status?.text ?? ''}
        </p>
      </section>

      <ol className="code-cards">
        {book.codes.map((code, i) => (
          <li key={code.id}>
            <CodeCard book={book} code={code} index={i} used={usage.get(code.id) ?? 0} edit={edit} />
          </li>
        ))}
      </ol>

      <AddCode onAdd={(name) => edit({ kind: 'add-code', name }, t('codebook.added', { name: name.en || name.nl }))} />
      <ChangeLog changes={book.changes ?? []} book={book} />
    </div>
  );
}

/** A two-language text field pair (each with a visible NL / EN tag) that saves on leaving the field or on Enter. */
function LocalField(props: { label: string; value: LocalText; multiline?: boolean; onCommit: (v: LocalText) => Promise<boolean> | void }) {
  const { t } = useLang();
  return (
    <fieldset className="local-field">
      <legend>{props.label}</legend>
      <label className="lang-input">
        <abbr className="lang-tag" title={t('codebook.nl')}>
          {t('codebook.nlShort')}
        </abbr>
        <CommitInput label={`${props.label} (${t('codebook.nl')})`} value={props.value.nl} multiline={props.multiline} onCommit={(nl) => props.onCommit({ ...props.value, nl })} />
      </label>
      <label className="lang-input">
        <abbr className="lang-tag" title={t('codebook.en')}>
          {t('codebook.enShort')}
        </abbr>
        <CommitInput label={`${props.label} (${t('codebook.en')})`} value={props.value.en} multiline={props.multiline} onCommit={(en) => props.onCommit({ ...props.value, en })} />
      </label>
    </fieldset>
  );
}

/** An input that keeps its own text while edited and commits it when left (or on Enter). */
function CommitInput(props: { label: string; value: string; multiline?: boolean; size?: number; maxLength?: number; onCommit: (v: string) => Promise<boolean> | void }) {
  const [text, setText] = useState(props.value);
  const [base, setBase] = useState(props.value);
  if (base !== props.value) {
    // The stored value changed (saved, undone, imported): show it.
    setBase(props.value);
    setText(props.value);
  }
  const commit = () => {
    if (text === props.value) return;
    const r = props.onCommit(text);
    if (r) void r.then((ok) => !ok && setText(props.value));
  };
  const common = {
    'aria-label': props.label,
    value: text,
    onBlur: commit,
  };
  return props.multiline ? (
    <textarea {...common} rows={2} onChange={(e) => setText(e.target.value)} />
  ) : (
    <input
      {...common}
      size={props.size}
      maxLength={props.maxLength}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
    />
  );
}

function CodeCard(props: { book: Codebook; code: Code; index: number; used: number; edit: (e: CodebookEdit, done?: string) => Promise<boolean> }) {
  const { t, local } = useLang();
  const { book, code, edit } = props;
  const name = local(code.name);
  const others = book.codes.filter((c) => c.id !== code.id);
  const [target, setTarget] = useState('');
  const [newValue, setNewValue] = useState('');
  const colourTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [colour, setColour] = useState(code.color);
  const [colourBase, setColourBase] = useState(code.color);
  if (colourBase !== code.color) {
    setColourBase(code.color);
    setColour(code.color);
  }
  const targetCode = others.find((c) => c.id === target);
  return (
    <section className="panel code-card" aria-labelledby={`code-${code.id}`}>
      <h2 id={`code-${code.id}`}>
        <RegimeChip code={code} /> {name} <span className="muted code-id">{t('codebook.idAndUse', { id: code.id, n: props.used })}</span>
      </h2>
      <div className="row">
        <LocalField label={t('codebook.codeName')} value={code.name} onCommit={(v) => edit({ kind: 'rename-code', codeId: code.id, name: v })} />
        <label className="field">
          <span>{t('codebook.key')}</span>
          <CommitInput label={t('codebook.keyOf', { name })} value={code.key} size={2} maxLength={1} onCommit={(key) => edit({ kind: 'rekey-code', codeId: code.id, key })} />
        </label>
        <label className="field">
          <span>{t('codebook.colour')}</span>
          <input
            type="color"
            aria-label={t('codebook.colourOf', { name })}
            value={colour.toLowerCase()}
            onChange={(e) => {
              const v = e.target.value;
              setColour(v);
              clearTimeout(colourTimer.current);
              colourTimer.current = setTimeout(() => void edit({ kind: 'recolour-code', codeId: code.id, color: v }), 250);
            }}
          />
        </label>
        <div className="row">
          <button type="button" className="small" disabled={props.index === 0} aria-label={t('codebook.moveUp', { name })} onClick={() => edit({ kind: 'move-code', codeId: code.id, to: props.index - 1 })}>
            ↑
          </button>
          <button type="button" className="small" disabled={props.index === book.codes.length - 1} aria-label={t('codebook.moveDown', { name })} onClick={() => edit({ kind: 'move-code', codeId: code.id, to: props.index + 1 })}>
            ↓
          </button>
        </div>
      </div>
      <LocalField label={t('codebook.description')} value={code.description} multiline onCommit={(v) => edit({ kind: 'describe-code', codeId: code.id, description: v })} />
      <details className="values-editor" open={code.values.length > 0 && code.values.length <= 6}>
        <summary>{t('codebook.values', { n: code.values.length })}</summary>
        <ol className="value-rows">
          {code.values.map((v, j) => {
            const vname = local(v.name);
            return (
              <li key={v.id} className="value-row">
                <LocalField label={t('codebook.valueName')} value={v.name} onCommit={(n) => edit({ kind: 'rename-value', codeId: code.id, valueId: v.id, name: n })} />
                <LocalField
                  label={t('codebook.valueDescription')}
                  value={v.description ?? { nl: '', en: '' }}
                  onCommit={(d) => edit({ kind: 'describe-value', codeId: code.id, valueId: v.id, description: d })}
                />
                <button type="button" className="small" disabled={j === 0} aria-label={t('codebook.moveUp', { name: vname })} onClick={() => edit({ kind: 'move-value', codeId: code.id, valueId: v.id, to: j - 1 })}>
                  ↑
                </button>
                <button type="button" className="small" disabled={j === code.values.length - 1} aria-label={t('codebook.moveDown', { name: vname })} onClick={() => edit({ kind: 'move-value', codeId: code.id, valueId: v.id, to: j + 1 })}>
                  ↓
                </button>
              </li>
            );
          })}
        </ol>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!newValue.trim()) return;
            void edit({ kind: 'add-value', codeId: code.id, name: { nl: newValue, en: newValue } }).then((ok) => ok && setNewValue(''));
          }}
        >
          <label className="field">
            <span>{t('codebook.newValue')}</span>
            <input aria-label={t('palette.newValueFor', { name })} value={newValue} onChange={(e) => setNewValue(e.target.value)} />
          </label>
          <button type="submit" className="small">
            {t('codebook.addValue')}
          </button>
        </form>
      </details>
      <div className="row merge-row">
        <label className="field">
          <span>{t('codebook.otherCode')}</span>
          <select aria-label={t('codebook.otherCodeFor', { name })} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">—</option>
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {c.key} · {local(c.name)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="small"
          disabled={!targetCode}
          onClick={() => {
            if (targetCode && confirm(t('codebook.confirmMerge', { name, into: local(targetCode.name), n: props.used }))) {
              void edit({ kind: 'merge-code', codeId: code.id, into: targetCode.id }, t('codebook.mergedDone', { name, into: local(targetCode.name) }));
            }
          }}
        >
          {t('codebook.mergeInto', { name })}
        </button>
        <button
          type="button"
          className="small"
          disabled={!targetCode || code.values.length > 0}
          title={code.values.length > 0 ? t('codebook.nestNeedsNoValues') : undefined}
          onClick={() => {
            if (targetCode && confirm(t('codebook.confirmNest', { name, under: local(targetCode.name), n: props.used }))) {
              void edit({ kind: 'nest-code', codeId: code.id, under: targetCode.id }, t('codebook.nestedDone', { name, under: local(targetCode.name) }));
            }
          }}
        >
          {t('codebook.nestUnder', { name })}
        </button>
      </div>
    </section>
  );
}

function AddCode(props: { onAdd: (name: LocalText) => Promise<boolean> }) {
  const { t } = useLang();
  const [nl, setNl] = useState('');
  const [en, setEn] = useState('');
  return (
    <form
      className="panel"
      aria-labelledby="add-code-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (!nl.trim() && !en.trim()) return;
        void props.onAdd({ nl, en }).then((ok) => {
          if (ok) {
            setNl('');
            setEn('');
          }
        });
      }}
    >
      <h2 id="add-code-h">{t('codebook.addCode')}</h2>
      <div className="row">
        <label className="field">
          <span>{t('codebook.newCodeNl')}</span>
          <input value={nl} onChange={(e) => setNl(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('codebook.newCodeEn')}</span>
          <input value={en} onChange={(e) => setEn(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('codebook.addCodeButton')}
        </button>
      </div>
    </form>
  );
}

const CHANGE_KINDS: Record<CodebookChange['kind'], MessageKey> = {
  'add-code': 'change.add-code',
  'rename-code': 'change.rename-code',
  'recolour-code': 'change.recolour-code',
  'rekey-code': 'change.rekey-code',
  'describe-code': 'change.describe-code',
  'move-code': 'change.move-code',
  'merge-code': 'change.merge-code',
  'nest-code': 'change.nest-code',
  'add-value': 'change.add-value',
  'rename-value': 'change.rename-value',
  'describe-value': 'change.describe-value',
  'move-value': 'change.move-value',
  'rename-codebook': 'change.rename-codebook',
  import: 'change.import',
};

function ChangeLog({ changes, book }: { changes: readonly CodebookChange[]; book: Codebook }) {
  const { t, lang, local } = useLang();
  const rows = [...changes].reverse();
  const targetName = (target: string) => {
    const [codeId, valueId] = target.split(':');
    const code = resolveCode(book, codeId!);
    if (!code) return target;
    const value = valueId ? code.values.find((v) => v.id === valueId) : undefined;
    return value ? `${local(code.name)} → ${local(value.name)}` : local(code.name);
  };
  return (
    <section className="panel" aria-labelledby="log-h">
      <h2 id="log-h">{t('codebook.log', { n: changes.length })}</h2>
      {rows.length === 0 ? (
        <p className="hint">{t('codebook.logEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('codebook.logWhen')}</th>
                <th scope="col">{t('codebook.logWhat')}</th>
                <th scope="col">{t('codebook.logTarget')}</th>
                <th scope="col">{t('codebook.logChange')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 200).map((c, i) => (
                <tr key={`${c.at}-${i}`}>
                  <td>{new Date(c.at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
                  <td>{t(CHANGE_KINDS[c.kind])}</td>
                  <td>{targetName(c.target)}</td>
                  <td>{[c.before, c.after].filter((x) => x !== undefined).join(' → ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
