/**
 * "Add another coder's project file" and "Add a review file": choose the file, see what it
 * adds (matched and new documents, codes, coders, fragments, conflicts, reviews), say which
 * coder with our name is the same person ("this is me"), then add it in one go. Nothing is
 * written before the user confirms; a broken file is refused with its place and reason.
 */
import { useState } from 'react';
import { translate, useLang } from '../i18n.tsx';
import { registerRestoreAction } from '../library/restore-actions.ts';
import { coderName } from '../coder-name.ts';
import { appDb } from '../../storage/app-db.ts';
import { useActiveCoder } from '../../storage/hooks.ts';
import { defaultChoices, isEmptyPlan, mergeFile, previewMerge, readMergeFile, readMergeProject, type MergeFile, type MergeFileKind } from '../../actions/merge.ts';
import { reportNoteText, type ReadReport } from '../../exchange/exchange-report.ts';
import type { MergePlan } from '../../exchange/merge-plan.ts';
import { formatErrorPath, formatErrorText } from '../../exchange/format-reasons.ts';
import type { LocalText } from '../../model/index.ts';

type Message = { kind: 'ok' | 'error'; text: string } | null;

// The restore preview offers the merge too: "Add to this project instead" for a file chosen to restore.
registerRestoreAction({
  id: 'merge',
  label: 'merge.fromRestore',
  async run(checked, lang) {
    const file: MergeFile = { kind: 'project', fileName: checked.file, bundle: checked.data, originals: checked.originals };
    try {
      const plan = await mergeFile(appDb(), file, await defaultChoices(appDb(), file));
      return { kind: 'ok', text: translate(lang, isEmptyPlan(plan) ? 'merge.nothing' : 'merge.done', { file: checked.file }) };
    } catch (e) {
      return { kind: 'error', text: translate(lang, 'merge.failed', { file: checked.file, reason: e instanceof Error ? e.message : String(e) }) };
    }
  },
});

/** The two merge buttons with their preview. */
export function MergeActions() {
  const { t, lang } = useLang();
  const me = useActiveCoder();
  const [pending, setPending] = useState<{ file: MergeFile; plan: MergePlan; same: Record<string, boolean>; notes: string[] } | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  async function choose(file: File, kind: MergeFileKind) {
    setMessage(null);
    setPending(null);
    let content: Uint8Array;
    try {
      content = new Uint8Array(await file.arrayBuffer());
    } catch {
      setMessage({ kind: 'error', text: t('backup.unreadable', { file: file.name }) });
      return;
    }
    // Project-like files are read by their content (project file or zip, .qdpx, .qde); a review file is JSON.
    const read = kind === 'project' ? await readMergeProject(file.name, content) : readMergeFile(file.name, new TextDecoder().decode(content), kind);
    if (!read.ok) {
      const e = read.error;
      const text = e.path
        ? t('backup.invalid', { file: file.name, path: formatErrorPath(e.path, lang), reason: formatErrorText(e, lang) })
        : t('backup.invalidFile', { file: file.name, reason: formatErrorText(e, lang) });
      setMessage({ kind: 'error', text });
      return;
    }
    const plan = await previewMerge(appDb(), read.value);
    if (isEmptyPlan(plan) && plan.coders.sameName.length === 0) {
      setMessage({ kind: 'ok', text: t('merge.nothing') });
      return;
    }
    // A coder with the name of the one coding in this browser is most likely them.
    const same = Object.fromEntries(plan.coders.sameName.map((s) => [s.incoming.id, s.local.id === me?.id]));
    // What reading a file from another program brought in and left out (a Worthmark file has nothing to say).
    const report: ReadReport | undefined = 'report' in read.value ? (read.value as { report: ReadReport }).report : undefined;
    const notes = report && report.kind !== 'worthmark-json' ? report.notes.map((n) => reportNoteText(n, lang)) : [];
    setPending({ file: read.value, plan, same, notes });
  }

  async function apply() {
    if (!pending) return;
    setBusy(true);
    const coderMap = Object.fromEntries(
      pending.plan.coders.sameName.filter((s) => pending.same[s.incoming.id]).map((s) => [s.incoming.id, s.local.id as string]),
    );
    try {
      await mergeFile(appDb(), pending.file, { coderMap, ...(me ? { mergerId: me.id } : {}) });
      setMessage({ kind: 'ok', text: t('merge.done', { file: pending.file.fileName }) });
      setPending(null);
    } catch (e) {
      setMessage({ kind: 'error', text: t('merge.failed', { file: pending.file.fileName, reason: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="merge-actions">
      <div className="row">
        <FileButton label={t('merge.addProject')} accept=".json,.zip,.qdpx,.qde,application/json,application/zip" onFile={(f) => void choose(f, 'project')} />
        <FileButton label={t('merge.addReview')} accept=".json,application/json" onFile={(f) => void choose(f, 'review')} />
      </div>
      {pending && (
        <MergePreview
          notes={pending.notes}
          plan={pending.plan}
          fileName={pending.file.fileName}
          same={pending.same}
          meId={me?.id}
          busy={busy}
          onSame={(id, v) => setPending({ ...pending, same: { ...pending.same, [id]: v } })}
          onApply={() => void apply()}
          onCancel={() => setPending(null)}
        />
      )}
      {message && (
        <p className={message.kind === 'ok' ? 'ok-text' : 'error-text'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** A button that opens a file chooser for one JSON file. */
function FileButton(props: { label: string; accept: string; onFile: (f: File) => void }) {
  return (
    <label className="button">
      {props.label}
      <input
        type="file"
        accept={props.accept}
        aria-label={props.label}
        className="visually-hidden-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) props.onFile(f);
        }}
      />
    </label>
  );
}

/** What the merge will do, in lines that only appear when they say something. */
function MergePreview(props: {
  notes: string[];
  plan: MergePlan;
  fileName: string;
  same: Record<string, boolean>;
  meId: string | undefined;
  busy: boolean;
  onSame: (incomingId: string, same: boolean) => void;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { t, local } = useLang();
  const { plan } = props;
  const names = (list: { name: LocalText }[]) => list.map((x) => local(x.name)).join(', ');
  const byText = plan.documents.matched.filter((m) => m.by === 'text').length;
  const byFile = plan.documents.matched.filter((m) => m.by === 'file').length;
  const byPosition = plan.documents.matched.filter((m) => m.by === 'position').length;
  const attached = plan.documents.attached.length;
  const codesById = plan.codebooks.codes.filter((c) => c.by === 'id').length;
  const codesByName = plan.codebooks.codes.filter((c) => c.by === 'name');
  const codesAdded = plan.codebooks.codes.filter((c) => c.by === 'added');
  const valuesAdded = plan.codebooks.values.filter((v) => v.by === 'added' && !codesAdded.some((c) => v.localRef.startsWith(`${c.localId}:`)));
  const flagsAdded = plan.codebooks.flags.filter((f) => f.by === 'added');
  const sameNameIds = new Set(plan.coders.sameName.map((s) => s.incoming.id));
  const codersAdded = plan.coders.added.filter((c) => !sameNameIds.has(c.id) || !props.same[c.id]);
  const lines: [string, boolean][] = [
    [t('merge.docsAdded', { n: plan.documents.added.length }), plan.documents.added.length > 0],
    [t('merge.docsMatched', { n: byText }), byText > 0],
    [t('merge.docsByFile', { n: byFile }), byFile > 0],
    [t('merge.docsByPosition', { n: byPosition }), byPosition > 0],
    [t('merge.docsAttached', { n: attached, names: plan.documents.attached.map((a) => a.title).join(', ') }), attached > 0],
    [t('merge.codesById', { n: codesById }), codesById > 0],
    [t('merge.codesByName', { names: codesByName.map((c) => `${local(c.name)} → ${c.localId}`).join(', ') }), codesByName.length > 0],
    [t('merge.codesAdded', { names: names(codesAdded) }), codesAdded.length > 0],
    [t('merge.valuesAdded', { names: names(valuesAdded) }), valuesAdded.length > 0],
    [t('merge.flagsAdded', { names: names(flagsAdded) }), flagsAdded.length > 0],
    [t('merge.codersAdded', { names: codersAdded.map((c) => coderName(c, t)).join(', ') }), codersAdded.length > 0],
    [t('merge.fragmentsAdded', { n: plan.fragments.added.length }), plan.fragments.added.length > 0],
    [t('merge.fragmentsUpdated', { n: plan.fragments.updated.length }), plan.fragments.updated.length > 0],
    [t('merge.fragmentsRemoved', { n: plan.fragments.removed.length }), plan.fragments.removed.length > 0],
    [t('merge.unchanged', { n: plan.fragments.unchanged }), plan.fragments.unchanged > 0],
    [t('merge.keptOurs', { n: plan.fragments.keptOurs }), plan.fragments.keptOurs > 0],
    [t('merge.stayDeleted', { n: plan.fragments.stayDeleted }), plan.fragments.stayDeleted > 0],
    [t('merge.conflicts', { n: plan.conflicts.length }), plan.conflicts.length > 0],
    [t('merge.orphaned', { n: plan.fragments.orphaned }), plan.fragments.orphaned > 0],
    [t('merge.unplaced', { n: plan.fragments.unplaced.length }), plan.fragments.unplaced.length > 0],
    [t('merge.reviews', { added: plan.reviews.added, updated: plan.reviews.updated }), plan.reviews.added + plan.reviews.updated > 0],
    [t('merge.searches', { n: plan.searches.added.length }), plan.searches.added.length > 0],
    [t('merge.hits', { n: plan.hits.put.length }), plan.hits.put.length > 0],
  ];
  return (
    <section className="merge-preview" aria-labelledby="merge-preview-h">
      <h3 id="merge-preview-h">{t('merge.previewTitle', { file: props.fileName })}</h3>
      <ul>
        {lines
          .filter(([, show]) => show)
          .map(([text]) => (
            <li key={text}>{text}</li>
          ))}
      </ul>
      {props.notes.length > 0 && (
        <ul className="hint">
          {props.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {plan.coders.sameName.map((s) => (
        <fieldset key={s.incoming.id} className="same-coder">
          <legend>{t('merge.sameName', { name: coderName(s.incoming, t), local: coderName(s.local, t) })}</legend>
          <label className="check">
            <input type="radio" name={`same-${s.incoming.id}`} checked={!!props.same[s.incoming.id]} onChange={() => props.onSame(s.incoming.id, true)} />
            <span>{s.local.id === props.meId ? t('merge.isMe') : t('merge.samePerson')}</span>
          </label>
          <label className="check">
            <input type="radio" name={`same-${s.incoming.id}`} checked={!props.same[s.incoming.id]} onChange={() => props.onSame(s.incoming.id, false)} />
            <span>{t('merge.otherPerson')}</span>
          </label>
        </fieldset>
      ))}
      <div className="row">
        <button type="button" className="primary" disabled={props.busy} onClick={props.onApply}>
          {t('merge.apply')}
        </button>
        <button type="button" disabled={props.busy} onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
