/** Exchange with other tools: the project as a REFI-QDA project (.qdpx) for ATLAS.ti, MAXQDA, NVivo, QualCoder, and as W3C Web Annotations. */
import { useState } from 'react';
import { useLang } from '../i18n.tsx';
import { appDb } from '../../storage/app-db.ts';
import { exportQdpx, exportW3c } from '../../actions/exchange.ts';
import { downloadFile } from '../../exchange/download.ts';

/** The exchange panel of the library. */
export function ProjectExchange() {
  const { t, lang } = useLang();
  const [error, setError] = useState<string | null>(null);

  async function run(make: () => Promise<{ fileName: string; content: Uint8Array | string }>, mime: string) {
    setError(null);
    try {
      const { fileName, content } = await make();
      downloadFile(fileName, content, mime);
    } catch (e) {
      setError(t('exchange.exportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  }

  return (
    <section aria-labelledby="exchange-h" className="panel">
      <h2 id="exchange-h">{t('exchange.title')}</h2>
      <p className="hint">{t('exchange.explain')}</p>
      <div className="row">
        <button type="button" onClick={() => void run(() => exportQdpx(appDb(), lang), 'application/zip')}>
          {t('exchange.qdpx')}
        </button>
        <button type="button" onClick={() => void run(() => exportW3c(appDb(), lang), 'application/ld+json')}>
          {t('exchange.w3c')}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
