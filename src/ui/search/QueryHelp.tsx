/** The query language, explained in the app: what each notation finds, with an example. */
import { useLang } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';

const ROWS: Array<[syntax: string, meaning: MessageKey, finds: string]> = [
  ['wereld', 'search.help.word', 'wereld, Wereld — niet: wereldwijd'],
  ['wereld*', 'search.help.prefix', 'wereld, wereldwijd, wereldwijde'],
  ['internationali*ring', 'search.help.infix', 'internationalisering'],
  ['wereldwijd(e)', 'search.help.optional', 'wereldwijd, wereldwijde'],
  ['grens/grenzen', 'search.help.alternatives', 'grens, grenzen'],
  ['"culturele diplomatie"', 'search.help.phrase', 'culturele diplomatie, culturele\u21b5diplomatie'],
  ['(inter-)', 'search.help.hyphenPrefix', 'inter- en transnationaal, (inter-)nationale'],
  ['Internationaal: internationa*', 'search.help.label', 'internationaal, internationale'],
  ['/internationa(al|le)/', 'search.help.regex', 'internationaal, internationale'],
  ['# …', 'search.help.comment', '—'],
];

/** A collapsible help panel for the term box. */
export function QueryHelp() {
  const { t } = useLang();
  return (
    <details className="query-help">
      <summary>{t('search.help.title')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('search.help.syntax')}</th>
            <th scope="col">{t('search.help.meaning')}</th>
            <th scope="col">{t('search.help.finds')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([syntax, meaning, finds]) => (
            <tr key={syntax}>
              <td>
                <code>{syntax}</code>
              </td>
              <td>{t(meaning)}</td>
              <td className="muted">{finds}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('search.help.rules')}</p>
      <p>{t('search.help.keys')}</p>
    </details>
  );
}
