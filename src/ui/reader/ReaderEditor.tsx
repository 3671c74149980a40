/** The one component that owns the reader's EditorView (through editor/mountReader). */
import { useEffect, useRef } from 'react';
import { mountReader, type CodingHighlight, type Reader, type ReaderCallbacks, type TextRange } from '../../editor/index.ts';
import type { Block, Page } from '../../model/index.ts';

/** Props: the document to show, its highlights, where to go, and callbacks. */
export interface ReaderEditorProps extends ReaderCallbacks {
  docKey: string;
  text: string;
  blocks: readonly Block[];
  pages: readonly Page[];
  highlights: readonly CodingHighlight[];
  activeId: string | null;
  /** A range to select and scroll to, with a hit inside it to mark; changes of `seq` repeat the jump. */
  focus?: { select: TextRange; hit?: TextRange; seq: number } | null;
  label: string;
  /** Receives the mounted reader, for imperative moves (scroll to a fragment). */
  onReady?: (reader: Reader) => void;
}

/** Shows a document read-only with its codings; selection and keys go to the callbacks. */
export function ReaderEditor(props: ReaderEditorProps) {
  const place = useRef<HTMLDivElement>(null);
  const reader = useRef<Reader | null>(null);
  const opened = useRef<string | null>(null);

  useEffect(() => {
    const r = mountReader(place.current!);
    reader.current = r;
    props.onReady?.(r);
    return () => {
      r.destroy();
      reader.current = null;
      opened.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mounted once; the view is never recreated
  }, []);

  useEffect(() => {
    reader.current?.setCallbacks({ onSelect: props.onSelect, onCaret: props.onCaret, onFragmentClick: props.onFragmentClick, onKeyDown: props.onKeyDown });
  });

  useEffect(() => {
    const r = reader.current;
    if (!r) return;
    if (opened.current !== props.docKey) {
      r.open(props.text, props.blocks, props.pages, { codings: props.highlights });
      opened.current = props.docKey;
    } else {
      r.setCodings(props.highlights);
    }
  }, [props.docKey, props.text, props.blocks, props.pages, props.highlights]);


  useEffect(() => {
    // A decoration patch of the old and the new active fragment only (two redraws).
    reader.current?.setActiveCoding(props.activeId);
  }, [props.activeId, props.highlights]);

  useEffect(() => {
    const r = reader.current;
    const f = props.focus;
    if (!r || !f) return;
    r.setSearchHits(f.hit ? [f.hit] : [], f.hit ? 0 : -1);
    r.scrollToOffset(f.select.start, f.select.end);
    r.focus();
  }, [props.focus, props.docKey]);

  const editorLabel = props.label;
  useEffect(() => {
    const el = place.current?.querySelector('.ProseMirror');
    el?.setAttribute('aria-label', editorLabel);
  }, [editorLabel, props.docKey]);

  return <div className="reader-place" ref={place} />;
}

