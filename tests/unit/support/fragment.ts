/** Test support: comparing a fragment an undo or redo brought back with the state it had. */
import { expect } from 'vitest';
import { compareVersions, type Fragment } from '../../../src/model/index.ts';

/** A fragment without what every change moves (its time, version vector and who changed it last). */
export function content(f: Fragment | undefined): Omit<Fragment, 'updatedAt' | 'versions' | 'updatedBy'> | undefined {
  if (!f) return undefined;
  const { updatedAt: _at, versions: _v, updatedBy: _by, ...rest } = f;
  return rest;
}

/**
 * Expects `actual` to hold what `state` held (same id, place, codes, coder, creation time …) as a
 * new change: a version vector after `state`'s (an undo or redo is a change, not an old version).
 */
export function expectBroughtBack(actual: Fragment | undefined, state: Fragment): void {
  expect(content(actual)).toEqual(content(state));
  expect(compareVersions(actual!.versions, state.versions)).toBe('after');
}
