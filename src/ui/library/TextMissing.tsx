/**
 * A document whose text is missing (read from a REFI-QDA project without its source file): what
 * that means, and attaching the text (a file chosen here; importing a file of the source's name in
 * the library does the same). After an attach, the passages whose known quote did not match the
 * text at their position are listed. Shown in the reader and in the library's report panel.
 */
import { useRef, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { useServices } from '../services.tsx';
import { useFragments } from '../../storage/hooks.ts';
import { appDb } from '../../storage/app-db.ts';
import { attachText } from '../../actions/attach-text.ts';
import { fromFile } from '../../actions/import-files.ts';
import { importErrorText } from '../messages.ts';
import type { AttachMismatch } from '../../exchange/reattach-text.ts';
import type { PolicyDocument } from '../../model/index.ts';

/** The notice for a document whose text is missing, or whose text was attached with mismatches. */
export function TextMissingNotice({ doc }: { doc: PolicyDocument }) {
  const { t, lang } = useLang();
  const { pdf } = useServices();
  const fragments = useFragments(doc.id);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [mismatches, setMismatches] = useState<AttachMismatch[] | null>(null);

  async function attach(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setStatus({ text: t('missing.attaching') });
    try {
      const r = await attachText(appDb(), pdf, doc.id, fromFile(file));
      if (r.ok) {
        setMismatches(r.value.mismatched);
        setStatus({ text: t('missing.attached', { file: file.name, checked: r.value.checked, mismatched: r.value.mismatched.length }) });
      } else setStatus({ text: importErrorText(lang, r.error), error: true });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  const statusLine = status && (
    <p className={status.error ? 'error' : 'status'} role={status.error ? 'alert' : 'status'}>
      {status.text}
    </p>
  );

  if (!doc.textMissing) {
    // After an attach: the passages to check (from this attach, or as recorded on the document).
    const record = doc.textAttached;
    const ids = mismatches ? mismatches.map((m) => m.fragmentId) : (record?.mismatched ?? []);
    if (!record && !statusLine) return null;
    if (ids.length === 0) return statusLine ? <div className="text-missing attached">{statusLine}</div> : null;
    const byId = new Map((fragments ?? []).map((f) => [f.id as string, f]));
    const given = new Map((mismatches ?? []).map((m) => [m.fragmentId, m]));
    return (
      <section className="text-missing attached" aria-label={t('missing.mismatches')}>
        {statusLine ?? <p>{t('missing.attached', { file: record!.fileName, checked: record!.checked, mismatched: ids.length })}</p>}
        <p>{t('missing.mismatches')}</p>
        <ul>
          {ids.map((id) => {
            const f = byId.get(id);
            const m = given.get(id);
            return (
              <li key={id}>
                {m && (
                  <>
                    <span className="muted">{t('missing.known')}:</span> “{m.known}” ·{' '}
                  </>
                )}
                <span className="muted">{t('missing.found')}:</span> {f ? `“${f.anchor.exact.slice(0, 160)}${f.anchor.exact.length > 160 ? '…' : ''}”` : t('missing.goneFragment')}
              </li>
            );
          })}
        </ul>
      </section>
    );
  }

  const n = fragments?.length ?? 0;
  const source = doc.textMissing.source;
  return (
    <section className="text-missing" aria-labelledby={`missing-h-${doc.id}`}>
      <h2 id={`missing-h-${doc.id}`}>
        {t('missing.title')}: {source}
      </h2>
      <p>{t('missing.explain', { source, n, origin: doc.textMissing.origin ? t('missing.origin', { origin: doc.textMissing.origin }) : '' })}</p>
      <p>
        {t('missing.how', { source })}{' '}
        <button type="button" disabled={busy} aria-label={t('missing.attachOf', { title: doc.title })} onClick={() => input.current?.click()}>
          {t('missing.attach')}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          data-testid={`attach-text-${doc.id}`}
          onChange={(e) => void attach(e.currentTarget.files?.[0])}
        />
      </p>
      {statusLine}
    </section>
  );
}
