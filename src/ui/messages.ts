/**
 * Every sentence the UI shows, in Dutch and English. Error reasons from the core become
 * words here and nowhere else.
 */
import type { ImportError, ImportFailureReason } from '../model/index.ts';
import type { QueryError, QueryErrorReason } from '../text/query.ts';

type Pair = { nl: string; en: string };

export const messages = {
  'app.home': { nl: 'Worthmark, naar de bibliotheek', en: 'Worthmark, go to the library' },
  'nav.label': { nl: 'Hoofdmenu', en: 'Main menu' },
  'nav.library': { nl: 'Bibliotheek', en: 'Library' },
  'nav.search': { nl: 'Zoeken', en: 'Search' },
  'nav.reader': { nl: 'Lezen en coderen', en: 'Read and code' },
  'nav.tally': { nl: 'Telling', en: 'Tally' },
  'nav.settings': { nl: 'Instellingen', en: 'Settings' },
  'lang.label': { nl: 'Taal', en: 'Language' },
  'boot.error': { nl: 'Het project kon niet worden voorbereid: {reason}', en: 'The project could not be prepared: {reason}' },
  'db.closed': {
    nl: 'Worthmark is in een ander tabblad bijgewerkt. Herlaad deze pagina om verder te werken.',
    en: 'Worthmark was updated in another tab. Reload this page to go on working.',
  },
  'storage.checking': { nl: 'Opslag: controleren…', en: 'Storage: checking…' },
  'storage.granted': { nl: 'Opslag: blijvend', en: 'Storage: persistent' },
  'storage.denied': { nl: 'Opslag: niet gegarandeerd', en: 'Storage: not guaranteed' },
  'storage.unsupported': { nl: 'Opslag: onbekend', en: 'Storage: unknown' },
  'storage.explain': {
    nl: 'Alles blijft in deze browser (IndexedDB). Bij "blijvend" wist de browser het project niet om ruimte te maken; maak toch regelmatig een projectbestand als back-up.',
    en: 'Everything stays in this browser (IndexedDB). When "persistent", the browser will not clear the project to free space; still save a project file as a backup now and then.',
  },
  'common.delete': { nl: 'Verwijderen', en: 'Delete' },
  'common.save': { nl: 'Opslaan', en: 'Save' },
  'common.saved': { nl: 'Opgeslagen', en: 'Saved' },
  'common.close': { nl: 'Sluiten', en: 'Close' },
  'common.cancel': { nl: 'Annuleren', en: 'Cancel' },

  'library.importTitle': { nl: 'Documenten importeren', en: 'Import documents' },
  'library.dropHint': { nl: 'Sleep PDF- of tekstbestanden hierheen, of', en: 'Drop PDF or text files here, or' },
  'library.chooseFiles': { nl: 'Bestanden kiezen', en: 'Choose files' },
  'library.formats': { nl: 'PDF met tekstlaag en platte tekst (.txt). Meerdere bestanden tegelijk kan.', en: 'PDF with a text layer and plain text (.txt). Several files at once is fine.' },
  'library.importProgress': { nl: 'Voortgang van de import', en: 'Import progress' },
  'library.progressOf': { nl: 'Voortgang van {file}', en: 'Progress of {file}' },
  'library.waiting': { nl: 'wacht…', en: 'waiting…' },
  'library.pages': { nl: 'pagina {done} van {total}', en: 'page {done} of {total}' },
  'library.imported': { nl: 'geïmporteerd als "{title}"', en: 'imported as "{title}"' },
  'library.busy': { nl: 'Bezig met importeren…', en: 'Importing…' },
  'library.documents': { nl: 'Documenten ({n})', en: 'Documents ({n})' },
  'library.empty': { nl: 'Nog geen documenten. Importeer een beleidsdocument om te beginnen.', en: 'No documents yet. Import a policy document to begin.' },
  'library.loadSample': { nl: 'Voorbeeldproject laden', en: 'Load the sample project' },
  'library.sampleNote': {
    nl: 'Dit is het voorbeeldproject: een verzonnen regioprofiel met een zoekset en enkele voorbeeldcoderingen. Verwijder het als u met eigen documenten begint.',
    en: 'This is the sample project: a fictional regional profile with a search set and a few example codings. Remove it when you start with your own documents.',
  },
  'library.removeSample': { nl: 'Voorbeeld verwijderen', en: 'Remove sample' },
  'library.sampleTag': { nl: 'voorbeeld', en: 'sample' },
  'library.col.title': { nl: 'Titel', en: 'Title' },
  'library.col.file': { nl: 'Bestand', en: 'File' },
  'library.col.pages': { nl: "Pagina's", en: 'Pages' },
  'library.col.chars': { nl: 'Tekens', en: 'Characters' },
  'library.col.fragments': { nl: 'Fragmenten', en: 'Fragments' },
  'library.col.report': { nl: 'Importverslag', en: 'Import report' },
  'library.col.actions': { nl: 'Acties', en: 'Actions' },
  'library.report': { nl: '{hyphens} afbrekingen hersteld, {removed} kop-/voetregels verwijderd', en: '{hyphens} hyphenations joined, {removed} header/footer lines removed' },
  'library.deleteDoc': { nl: '{title} verwijderen', en: 'Delete {title}' },
  'library.confirmDelete': {
    nl: '"{title}" verwijderen, met de {n} fragmenten die erin gecodeerd zijn?',
    en: 'Delete "{title}" together with the {n} fragments coded in it?',
  },

  'backup.title': { nl: 'Projectbestand', en: 'Project file' },
  'backup.explain': {
    nl: 'Een projectbestand bevat alle documenten (tekst), het codeboek, de fragmenten, zoeksets en instellingen. Bewaar het als back-up of geef het aan uw begeleider.',
    en: 'A project file holds all documents (text), the codebook, fragments, search sets and settings. Keep it as a backup or hand it to your supervisor.',
  },
  'backup.export': { nl: 'Project opslaan als bestand', en: 'Save project as file' },
  'backup.restore': { nl: 'Project herstellen uit bestand', en: 'Restore project from file' },
  'backup.confirmRestore': {
    nl: 'Het huidige project in deze browser vervangen door "{file}"? Sla eerst een back-up op als u twijfelt.',
    en: 'Replace the project in this browser with "{file}"? Save a backup first if in doubt.',
  },
  'backup.restored': { nl: '"{file}" hersteld: {documents} documenten, {fragments} fragmenten.', en: '"{file}" restored: {documents} documents, {fragments} fragments.' },
  'backup.invalid': {
    nl: '"{file}" is niet hersteld, er is niets veranderd. Bij {path}: {reason}',
    en: '"{file}" was not restored; nothing changed. At {path}: {reason}',
  },

  'settings.title': { nl: 'Instellingen', en: 'Settings' },
  'settings.coder': { nl: 'Codeur', en: 'Coder' },
  'settings.coderExplain': {
    nl: 'Elk fragment onthoudt wie het codeerde. Vul uw naam en initialen in, zodat uw begeleider codeurs kan vergelijken.',
    en: 'Every fragment records who coded it. Give your name and initials so a supervisor can compare coders.',
  },
  'settings.coderName': { nl: 'Naam', en: 'Name' },
  'settings.coderInitials': { nl: 'Initialen', en: 'Initials' },
  'settings.storage': { nl: 'Opslag', en: 'Storage' },
  'settings.usage': { nl: 'In gebruik: {usage} MB van {quota} MB', en: 'In use: {usage} MB of {quota} MB' },

  'common.loading': { nl: 'Laden…', en: 'Loading…' },

  'reader.noDocuments': { nl: 'Er zijn nog geen documenten om te lezen.', en: 'There are no documents to read yet.' },
  'reader.notFound': { nl: 'Dit document bestaat niet (meer).', en: 'This document does not exist (any more).' },
  'reader.document': { nl: 'Document', en: 'Document' },
  'reader.meta': { nl: "{pages} pagina's · {fragments} fragmenten", en: '{pages} pages · {fragments} fragments' },
  'reader.howTo': {
    nl: 'Selecteer tekst (muis of Shift+pijltjes) en druk op 1–7 om een regime toe te kennen. Klik op een markering om die te bewerken; Esc sluit, g zet de glocaliseringsvlag.',
    en: 'Select text (mouse or Shift+arrows) and press 1–7 to assign a regime. Click a highlight to edit it; Esc closes, g toggles the glocalisation flag.',
  },
  'reader.textLabel': { nl: 'Tekst van {title}', en: 'Text of {title}' },
  'reader.side': { nl: 'Coderen', en: 'Coding' },
  'reader.selection': { nl: 'Selectie', en: 'Selection' },
  'reader.selectHint': { nl: 'Selecteer een passage in de tekst om die te coderen.', en: 'Select a passage in the text to code it.' },
  'reader.page': { nl: 'p. {page}', en: 'p. {page}' },
  'reader.pageShort': { nl: 'p. {page}', en: 'p. {page}' },
  'reader.codeMere': { nl: 'Vastleggen als constatering (geen regime)', en: 'Record as mere statement (no regime)' },
  'reader.regimes': { nl: 'Waardenregimes', en: 'Orders of worth' },
  'reader.mere': { nl: 'constatering', en: 'mere statement' },
  'reader.flagged': { nl: 'Glocalisering / andere trend', en: 'Glocalisation / other trend' },
  'reader.fragments': { nl: 'Fragmenten in dit document ({n})', en: 'Fragments in this document ({n})' },
  'reader.noFragments': { nl: 'Nog geen fragmenten gecodeerd.', en: 'No fragments coded yet.' },
  'reader.fragmentTitle': { nl: 'Fragment (p. {page})', en: 'Fragment (p. {page})' },
  'reader.memo': { nl: 'Memo', en: 'Memo' },
  'reader.deleteFragment': { nl: 'Fragment verwijderen', en: 'Delete fragment' },
  'reader.fragmentHint': { nl: 'Toetsen 1–7 zetten regimes aan of uit; wijzigingen worden meteen bewaard.', en: 'Keys 1–7 toggle regimes; changes are saved at once.' },
  'reader.saveFailed': { nl: 'Opslaan is mislukt; de codering is niet bewaard.', en: 'Saving failed; the coding was not stored.' },
  'reader.created': { nl: 'Fragment op p. {page} gecodeerd en bewaard.', en: 'Fragment on p. {page} coded and saved.' },

  'search.title': { nl: 'Zoeken met een termenlijst', en: 'Search with a term list' },
  'search.saved': { nl: 'Zoekset', en: 'Search set' },
  'search.new': { nl: '(nieuwe zoekset)', en: '(new search set)' },
  'search.name': { nl: 'Naam van de zoekset', en: 'Name of the search set' },
  'search.untitled': { nl: 'Naamloze zoekset', en: 'Untitled search set' },
  'search.terms': { nl: 'Termen, één per regel', en: 'Terms, one per line' },
  'search.syntax': {
    nl: 'wereld* = woorden die zo beginnen · wereldwijd(e) = optioneel deel · grens/grenzen = alternatieven, één term · "culturele diplomatie" = woordgroep · /regex/ · # commentaar · Label: term. Hele woorden; hoofdletters, accenten en afbrekingen tellen niet. Ctrl+Enter zoekt.',
    en: 'wereld* = words starting so · wereldwijd(e) = optional part · grens/grenzen = alternatives, one term · "culturele diplomatie" = phrase · /regex/ · # comment · Label: term. Whole words; case, accents and line-end hyphenation are ignored. Ctrl+Enter searches.',
  },
  'search.run': { nl: 'Zoeken in alle documenten', en: 'Search all documents' },
  'search.save': { nl: 'Zoekset opslaan', en: 'Save search set' },
  'search.saveAsNew': { nl: 'Opslaan als nieuwe zoekset', en: 'Save as new search set' },
  'search.delete': { nl: 'Zoekset verwijderen', en: 'Delete search set' },
  'search.confirmDelete': { nl: 'Zoekset "{name}" verwijderen?', en: 'Delete search set "{name}"?' },
  'search.width': { nl: 'Context (tekens)', en: 'Context (characters)' },
  'search.found': { nl: '{hits} treffers in {docs} documenten.', en: '{hits} hits in {docs} documents.' },
  'search.savedAs': { nl: 'Zoekset "{name}" opgeslagen.', en: 'Search set "{name}" saved.' },
  'search.counts': { nl: 'Treffers per term en document', en: 'Hits per term and document' },
  'search.term': { nl: 'Term', en: 'Term' },
  'search.kwic': { nl: 'Treffers in context ({n})', en: 'Hits in context ({n})' },
  'search.kwicHint': { nl: 'Klik op een treffer om de zin eromheen in de lezer te selecteren; druk daar 1–7 om te coderen.', en: 'Click a hit to select its sentence in the reader; press 1–7 there to code it.' },
  'search.document': { nl: 'Document', en: 'Document' },
  'search.page': { nl: 'p.', en: 'p.' },
  'search.left': { nl: 'Links', en: 'Left' },
  'search.hit': { nl: 'Treffer', en: 'Hit' },
  'search.right': { nl: 'Rechts', en: 'Right' },
  'search.openHit': { nl: 'Open "{match}" in {doc}, p. {page}', en: 'Open "{match}" in {doc}, p. {page}' },
  'search.more': { nl: '{n} treffers meer tonen', en: 'Show {n} more hits' },

  'tally.title': { nl: 'Telling per document en regime', en: 'Tally per document and regime' },
  'tally.explain': {
    nl: 'Aantal fragmenten per regime (een fragment met twee regimes telt bij beide), met het aandeel in de regime-toekenningen van het document. "Documenten met ≥1" telt in hoeveel documenten een regime voorkomt; het regime dat in de meeste documenten voorkomt heet dominant.',
    en: 'Fragments per regime (a fragment with two regimes counts for both), with the share of the document\'s regime assignments. "Documents with ≥1" counts in how many documents a regime occurs; the regime that occurs in most documents is called dominant.',
  },
  'tally.caption': { nl: 'Fragmenten per document en regime', en: 'Fragments per document and regime' },
  'tally.document': { nl: 'Document', en: 'Document' },
  'tally.mere': { nl: 'Constatering', en: 'Mere statement' },
  'tally.fragments': { nl: 'Fragmenten', en: 'Fragments' },
  'tally.dominantCol': { nl: 'Meest gecodeerd', en: 'Most coded' },
  'tally.total': { nl: 'Totaal', en: 'Total' },
  'tally.presence': { nl: 'Documenten met ≥1', en: 'Documents with ≥1' },
  'tally.dominant': { nl: 'Dominant: {names} (in {n} van {total} documenten).', en: 'Dominant: {names} (in {n} of {total} documents).' },
  'tally.none': { nl: 'Nog geen gecodeerde fragmenten.', en: 'No coded fragments yet.' },

  'export.title': { nl: 'Exporteren', en: 'Export' },
  'export.separator': { nl: 'Scheidingsteken', en: 'Separator' },
  'export.semicolon': { nl: '; (Excel, Nederlandse instellingen)', en: '; (Excel, Dutch settings)' },
  'export.comma': { nl: ', (internationaal)', en: ', (international)' },
  'export.fragments': { nl: 'Gecodeerde fragmenten (CSV)', en: 'Coded fragments (CSV)' },
  'export.tally': { nl: 'Telling (CSV)', en: 'Tally (CSV)' },
  'export.explain': {
    nl: 'CSV in UTF-8 met BOM: opent met de juiste tekens in Excel. Cellen die met =, +, - of @ beginnen krijgen een apostrof, zodat een spreadsheet ze niet als formule uitvoert.',
    en: 'CSV in UTF-8 with BOM: opens with the right characters in Excel. Cells starting with =, +, - or @ get an apostrophe so a spreadsheet never runs them as formulas.',
  },
} satisfies Record<string, Pair>;

/** A key of a UI message. */
export type MessageKey = keyof typeof messages;

const importReasons: Record<ImportFailureReason, Pair> = {
  'unsupported-type': {
    nl: '{file}: dit bestandstype wordt niet ondersteund (alleen .pdf en .txt).',
    en: '{file}: this file type is not supported (only .pdf and .txt).',
  },
  empty: { nl: '{file}: het bestand is leeg.', en: '{file}: the file is empty.' },
  'too-large': { nl: '{file}: het bestand is te groot om te importeren.', en: '{file}: the file is too large to import.' },
  encrypted: {
    nl: '{file}: de PDF is beveiligd met een wachtwoord. Sla hem eerst onbeveiligd op.',
    en: '{file}: the PDF is password-protected. Save an unprotected copy first.',
  },
  corrupt: {
    nl: '{file}: het bestand is beschadigd of geen geldige PDF.',
    en: '{file}: the file is damaged or not a valid PDF.',
  },
  'no-text': {
    nl: '{file}: deze PDF bevat geen tekst (gescand?). Er is eerst tekstherkenning (OCR) nodig.',
    en: '{file}: this PDF has no text (scanned?). It needs OCR first.',
  },
  duplicate: {
    nl: '{file}: dit document is al geïmporteerd ({detail}).',
    en: '{file}: this document was already imported ({detail}).',
  },
  'read-error': { nl: '{file}: het bestand kon niet worden gelezen.', en: '{file}: the file could not be read.' },
  quota: {
    nl: '{file}: de browser heeft geen opslagruimte meer. Maak ruimte vrij of verwijder documenten.',
    en: '{file}: the browser has run out of storage space. Free some space or delete documents.',
  },
};

/** Words for a failed import, naming the file. */
export function importErrorText(lang: 'nl' | 'en', error: ImportError): string {
  return importReasons[error.reason][lang].replaceAll('{file}', error.file).replaceAll('{detail}', error.detail ?? '');
}

const queryReasons: Record<QueryErrorReason, Pair> = {
  'empty-term': { nl: 'lege term', en: 'empty term' },
  'empty-label': { nl: 'label zonder naam vóór de dubbele punt', en: 'label without a name before the colon' },
  'empty-alternative': { nl: 'leeg alternatief rond een /', en: 'empty alternative around a /' },
  'wildcard-only': { nl: 'een * alleen zou alles vinden', en: 'a * on its own would match everything' },
  'unclosed-quote': { nl: 'aanhalingsteken niet gesloten', en: 'quote not closed' },
  'unexpected-quote': { nl: 'onverwacht aanhalingsteken', en: 'unexpected quote' },
  'unclosed-group': { nl: 'haakje ( niet gesloten', en: 'parenthesis ( not closed' },
  'unexpected-group-close': { nl: 'haakje ) zonder (', en: 'parenthesis ) without (' },
  'nested-group': { nl: 'haakjes binnen haakjes kan niet', en: 'parentheses cannot be nested' },
  'empty-group': { nl: 'lege haakjes ()', en: 'empty parentheses ()' },
  'invalid-regex': { nl: 'ongeldige reguliere expressie', en: 'invalid regular expression' },
  'regex-flags': { nl: 'vlaggen achter /regex/ worden niet ondersteund', en: 'flags after /regex/ are not supported' },
  'regex-matches-empty': { nl: 'deze reguliere expressie vindt ook lege tekst', en: 'this regular expression also matches empty text' },
  'duplicate-term': { nl: 'deze term staat al eerder in de lijst', en: 'this term is already in the list' },
};

/** Words for a problem in a term list, naming the line and column. */
export function queryErrorText(lang: 'nl' | 'en', error: QueryError): string {
  const where = lang === 'nl' ? `Regel ${error.line}, kolom ${error.column}` : `Line ${error.line}, column ${error.column}`;
  const reason = queryReasons[error.reason]?.[lang] ?? error.reason;
  return `${where}: ${reason}${error.detail ? ` (${error.detail})` : ''}`;
}
