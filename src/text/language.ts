/**
 * The language of a document, told from its most frequent function words, so quotes can carry it
 * (`w:lang` in the DOCX appendix, `lang` in HTML) and a spelling checker reads a Dutch quote as
 * Dutch in an English thesis.
 *
 * Policy: the words of the first {@link SAMPLE_CHARS} characters are looked up in short lists of
 * function words (articles, pronouns, prepositions, conjunctions: the words that make up a large
 * share of any running text) of the languages policy papers of the Low Countries come in — Dutch,
 * English, German, French. The language with the most hits wins when it has at least
 * {@link MIN_HITS} of them and leads the next by a factor of {@link MIN_LEAD}; otherwise the
 * language is left unknown (undefined), and the user can set it in the document's details.
 * Linear in the sample; never more than the sample is read.
 */

/** The languages told apart (ISO 639-1 codes, as `lang` attributes take them). */
export type DocumentLanguage = 'nl' | 'en' | 'de' | 'fr';

/** The languages in the order they are offered. */
export const DOCUMENT_LANGUAGES: readonly DocumentLanguage[] = ['nl', 'en', 'de', 'fr'];

/** How much of a text is read. */
export const SAMPLE_CHARS = 50_000;
/** Fewer function-word hits than this: too little text to tell. */
export const MIN_HITS = 8;
/** The winner must have this many times the hits of the next language. */
export const MIN_LEAD = 1.5;

// Words that are frequent in one language and rare as words in the others ("is", "in", "we", "was"
// and "die" are common in Dutch too, "de" in French, so they are left out where they would mislead).
const WORDS: Record<DocumentLanguage, readonly string[]> = {
  nl: ['het', 'een', 'van', 'en', 'zijn', 'dat', 'niet', 'met', 'voor', 'ook', 'wordt', 'worden', 'aan', 'bij', 'naar', 'deze', 'door', 'maar', 'als', 'wij', 'onze', 'heeft', 'hebben', 'uit', 'kunnen', 'meer', 'tot', 'nog', 'over', 'daarom', 'zich', 'waar', 'wat', 'ook', 'geen'],
  en: ['the', 'and', 'of', 'to', 'that', 'for', 'with', 'are', 'this', 'be', 'by', 'on', 'as', 'from', 'which', 'it', 'our', 'have', 'has', 'not', 'or', 'their', 'will', 'can', 'also', 'more', 'been', 'these', 'its', 'an', 'at', 'were'],
  de: ['der', 'und', 'das', 'ist', 'nicht', 'mit', 'für', 'auf', 'dem', 'den', 'sich', 'auch', 'eine', 'ein', 'wird', 'werden', 'von', 'zu', 'im', 'des', 'sind', 'wir', 'unsere', 'oder', 'durch', 'bei', 'nach', 'aus', 'wie', 'kann', 'noch', 'einer', 'über'],
  fr: ['le', 'la', 'les', 'et', 'des', 'du', 'un', 'une', 'est', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'aux', 'avec', 'ce', 'cette', 'sont', 'nous', 'nos', 'par', 'plus', 'ou', 'leur', 'il', 'elle', 'ont', 'être', 'été', 'mais', 'comme'],
};

const LOOKUP: ReadonlyMap<string, DocumentLanguage> = (() => {
  const map = new Map<string, DocumentLanguage>();
  const seen = new Map<string, number>();
  for (const lang of DOCUMENT_LANGUAGES) for (const w of new Set(WORDS[lang])) seen.set(w, (seen.get(w) ?? 0) + 1);
  // A word listed for two languages tells nothing.
  for (const lang of DOCUMENT_LANGUAGES) for (const w of WORDS[lang]) if (seen.get(w) === 1) map.set(w, lang);
  return map;
})();

/** What the detection counted, for tests and for explaining a result. */
export interface LanguageCounts {
  lang: DocumentLanguage | undefined;
  hits: Record<DocumentLanguage, number>;
}

/** Counts function words per language in the sample and decides (see the module header). */
export function languageCounts(text: string): LanguageCounts {
  const hits: Record<DocumentLanguage, number> = { nl: 0, en: 0, de: 0, fr: 0 };
  const sample = text.slice(0, SAMPLE_CHARS).toLowerCase();
  for (const m of sample.matchAll(/\p{L}+/gu)) {
    const lang = LOOKUP.get(m[0]);
    if (lang) hits[lang]++;
  }
  const ranked = [...DOCUMENT_LANGUAGES].sort((a, b) => hits[b] - hits[a]);
  const [first, second] = ranked as [DocumentLanguage, DocumentLanguage];
  const decided = hits[first] >= MIN_HITS && hits[first] >= MIN_LEAD * hits[second];
  return { lang: decided ? first : undefined, hits };
}

/** The language of a text, or undefined when it cannot be told (see the module header). */
export function detectLanguage(text: string): DocumentLanguage | undefined {
  return languageCounts(text).lang;
}

/** Whether a string is one of the languages told apart. */
export function isDocumentLanguage(value: unknown): value is DocumentLanguage {
  return typeof value === 'string' && (DOCUMENT_LANGUAGES as readonly string[]).includes(value);
}
