/** Test support: fresh Worthmark databases (on fake-indexeddb), each closed after its test. */
import { afterEach } from 'vitest';
import { WorthmarkDb } from '../../../src/storage/db.ts';

/**
 * Registers the closing of every database it makes after each test, and returns the maker:
 * a new database named `<prefix>-<n>` unless a name is given.
 */
export function freshDbs(prefix: string): (name?: string) => WorthmarkDb {
  let n = 0;
  const open: WorthmarkDb[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  return (name = `${prefix}-${++n}`) => {
    const db = new WorthmarkDb(name);
    open.push(db);
    return db;
  };
}
