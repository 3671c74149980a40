/**
 * A table as a data grid (WAI-ARIA Authoring Practices, "Data Grid" pattern): the whole table is
 * one tab stop, the arrow keys move from cell to cell, Home/End to the row's ends, Ctrl+Home and
 * Ctrl+End to the grid's corners, PageUp/PageDown ten rows, and Enter or Space acts on the cell.
 *
 * The tab stop moves imperatively (roving tabindex): a cell gets a tabindex only when it is
 * focused, so a table of a thousand cells carries no per-cell focus state in React, and a
 * re-render (which leaves attributes React did not set alone) keeps the user's place. A cell
 * holding a link is focused on the link; links in the table are given tabIndex={-1} by their
 * owner so that Tab does not stop on each of them.
 */
import type { KeyboardEvent } from 'react';

/** Rows a PageUp / PageDown moves. */
const PAGE_ROWS = 10;

/** The element a cell is focused on: its link, else the cell itself. */
function focusTarget(cell: HTMLTableCellElement): HTMLElement {
  return cell.querySelector<HTMLElement>('a[href]') ?? cell;
}

/** The cell of the grid that holds `node`, if any. */
export function gridCellOf(table: HTMLTableElement, node: EventTarget | null): HTMLTableCellElement | null {
  if (!(node instanceof Element)) return null;
  const cell = node.closest('td, th') as HTMLTableCellElement | null;
  return cell && cell.closest('table') === table ? cell : null;
}

/** Makes `cell` the grid's one tab stop (the others leave the tab order). */
export function makeTabStop(table: HTMLTableElement, cell: HTMLTableCellElement): HTMLElement {
  const target = focusTarget(cell);
  for (const el of table.querySelectorAll<HTMLElement>('[tabindex="0"]')) if (el !== target) el.tabIndex = -1;
  target.tabIndex = 0;
  return target;
}

/**
 * Keeps one tab stop in the grid after a render: when the cell that held it is gone (rows
 * changed), the first body cell after the row header (or the first cell) takes it.
 */
export function keepTabStop(table: HTMLTableElement | null): void {
  if (!table || table.querySelector('[tabindex="0"]')) return;
  const first = table.tBodies[0]?.rows[0]?.cells[1] ?? table.rows[0]?.cells[0];
  if (first) makeTabStop(table, first);
}

/** Moves the tab stop to `cell` and focuses it (scrolled into view as focus does). */
export function focusCell(table: HTMLTableElement, cell: HTMLTableCellElement): void {
  makeTabStop(table, cell).focus();
}

/** Where a grid key goes from (row, column) in a table of `rows`; null for keys the grid leaves alone. */
export function gridMove(
  key: string,
  ctrl: boolean,
  at: { row: number; column: number },
  rows: number,
  columnsIn: (row: number) => number,
): { row: number; column: number } | null {
  let { row, column } = at;
  switch (key) {
    case 'ArrowRight':
      column += 1;
      break;
    case 'ArrowLeft':
      column -= 1;
      break;
    case 'ArrowDown':
      row += 1;
      break;
    case 'ArrowUp':
      row -= 1;
      break;
    case 'PageDown':
      row += PAGE_ROWS;
      break;
    case 'PageUp':
      row -= PAGE_ROWS;
      break;
    case 'Home':
      if (ctrl) row = 0;
      column = 0;
      break;
    case 'End':
      if (ctrl) row = rows - 1;
      column = Number.MAX_SAFE_INTEGER;
      break;
    default:
      return null;
  }
  row = Math.max(0, Math.min(rows - 1, row));
  column = Math.max(0, Math.min(columnsIn(row) - 1, column));
  return { row, column };
}

/**
 * The grid's key handler (on the table): moves among the cells, and calls `activate` for
 * Enter or Space on a cell that is not a link (a link follows itself on Enter).
 */
export function onGridKeyDown(e: KeyboardEvent<HTMLTableElement>, activate: (cell: HTMLTableCellElement) => void): void {
  if (e.altKey || e.shiftKey) return;
  const table = e.currentTarget;
  const cell = gridCellOf(table, e.target);
  if (!cell) return;
  if ((e.key === 'Enter' || e.key === ' ') && !(e.target instanceof HTMLAnchorElement)) {
    e.preventDefault();
    activate(cell);
    return;
  }
  const row = (cell.parentElement as HTMLTableRowElement).rowIndex;
  const to = gridMove(e.key, e.ctrlKey || e.metaKey, { row, column: cell.cellIndex }, table.rows.length, (r) => table.rows[r]!.cells.length);
  if (!to) return;
  e.preventDefault();
  const next = table.rows[to.row]?.cells[to.column];
  if (next) focusCell(table, next);
}
