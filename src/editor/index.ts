/** The reader editor: schema, offset mapping and plugins. The only module folder that imports prosemirror-*. */
export { readerSchema } from './schema.ts';
export { docFromText, OffsetMap, selectionToRange, snapToWords, rangeToPositions } from './offsets.ts';
export type { TextRange, SnapBias } from './offsets.ts';
export {
  codings,
  setCodings,
  updateCoding,
  removeCoding,
  setActiveCoding,
  getCodingsState,
  fragmentsAt,
} from './codings.ts';
export type { CodingHighlight, CodingsOptions, CodingsState } from './codings.ts';
export { pageMarks, getPageMarksState } from './page-marks.ts';
export type { PageMarksOptions, PageMarksState } from './page-marks.ts';
export { searchHighlights, setSearchHits, getSearchHitsState } from './search-highlights.ts';
export type { SearchHitsState } from './search-highlights.ts';
export { createReaderState, readOnly, scrollToOffset } from './reader-state.ts';
export type { ReaderStateOptions } from './reader-state.ts';
export { mountReader } from './reader-view.ts';
export type { Reader, ReaderCallbacks, ViewportBox } from './reader-view.ts';
