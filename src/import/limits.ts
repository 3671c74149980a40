/** The documented bounds of an import, in a module of their own so the UI can name them without loading the import code. */

/**
 * The most pages a document may have. Every page is kept with its range and label for citing, so
 * a file past this (10 MB of form feeds would be ten million pages) is refused with
 * 'too-many-pages' before any page is made.
 */
export const MAX_PAGES = 20_000;
