import { describe, expect, it } from 'vitest';
import { gridMove } from '../../../src/ui/grid-keys.ts';

// A grid of 4 rows; row 3 is shorter (3 cells) than the others (5).
const width = (row: number) => (row === 3 ? 3 : 5);
const move = (key: string, at: { row: number; column: number }, ctrl = false) => gridMove(key, ctrl, at, 4, width);

describe('the data grid keys', () => {
  it('moves one cell with the arrow keys and stops at the edges', () => {
    expect(move('ArrowRight', { row: 1, column: 1 })).toEqual({ row: 1, column: 2 });
    expect(move('ArrowLeft', { row: 1, column: 1 })).toEqual({ row: 1, column: 0 });
    expect(move('ArrowDown', { row: 1, column: 1 })).toEqual({ row: 2, column: 1 });
    expect(move('ArrowUp', { row: 1, column: 1 })).toEqual({ row: 0, column: 1 });
    expect(move('ArrowLeft', { row: 1, column: 0 })).toEqual({ row: 1, column: 0 });
    expect(move('ArrowRight', { row: 1, column: 4 })).toEqual({ row: 1, column: 4 });
    expect(move('ArrowUp', { row: 0, column: 2 })).toEqual({ row: 0, column: 2 });
    expect(move('ArrowDown', { row: 3, column: 2 })).toEqual({ row: 3, column: 2 });
  });

  it('keeps the column inside a shorter row', () => {
    expect(move('ArrowDown', { row: 2, column: 4 })).toEqual({ row: 3, column: 2 });
  });

  it('goes to the row ends with Home and End, to the corners with Ctrl, ten rows with the page keys', () => {
    expect(move('Home', { row: 2, column: 3 })).toEqual({ row: 2, column: 0 });
    expect(move('End', { row: 2, column: 1 })).toEqual({ row: 2, column: 4 });
    expect(move('Home', { row: 2, column: 3 }, true)).toEqual({ row: 0, column: 0 });
    expect(move('End', { row: 1, column: 1 }, true)).toEqual({ row: 3, column: 2 });
    expect(move('PageDown', { row: 0, column: 1 })).toEqual({ row: 3, column: 1 });
    expect(move('PageUp', { row: 3, column: 1 })).toEqual({ row: 0, column: 1 });
  });

  it('leaves other keys to the page', () => {
    expect(move('Tab', { row: 1, column: 1 })).toBeNull();
    expect(move('a', { row: 1, column: 1 })).toBeNull();
    expect(move('Enter', { row: 1, column: 1 })).toBeNull();
  });
});
