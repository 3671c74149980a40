/** The UI language: a context with the active language and a translate function. */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages.ts';
import type { LocalText } from '../model/index.ts';

/** The languages of the UI. */
export type Lang = 'nl' | 'en';

/** Replaces `{name}` placeholders in a message and picks plural forms (see {@link translate}). */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface LangState {
  lang: Lang;
  t: Translate;
  /** Picks the active language's side of a two-language text. */
  local: (text: LocalText) => string;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState | null>(null);

/** A plural choice in a message: `{n|singular|plural}` picks by the number in parameter `n`. */
const PLURAL = /\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g;

/**
 * Fills a message: first each plural choice `{n|one|other}` becomes `one` when the parameter `n`
 * is 1 and `other` otherwise (Dutch and English both use the singular for exactly one only), then
 * each `{name}` becomes its parameter. A choice whose parameter is missing is left as written.
 */
export function formatMessage(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  let s = template.replace(PLURAL, (whole, name: string, one: string, other: string) =>
    name in params ? (Number(params[name]) === 1 ? one : other) : whole,
  );
  for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Formats a message in a language (placeholders and plural choices: see {@link formatMessage}). */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return formatMessage(messages[key][lang], params);
}

/** Provides the language to the tree. */
export function LangProvider(props: { lang: Lang; setLang: (l: Lang) => void; children: ReactNode }) {
  const { lang, setLang } = props;
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const local = useCallback((text: LocalText) => text[lang], [lang]);
  const value = useMemo(() => ({ lang, t, local, setLang }), [lang, t, local, setLang]);
  return <LangContext.Provider value={value}>{props.children}</LangContext.Provider>;
}

/** The active language and translate function. */
export function useLang(): LangState {
  const v = useContext(LangContext);
  if (!v) throw new Error('useLang outside LangProvider');
  return v;
}

/** The language a new user most likely reads, from the browser. */
export function defaultLang(): Lang {
  return globalThis.navigator?.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
