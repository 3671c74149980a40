/** Persistent storage: asks the browser not to evict the project under storage pressure. */

/** The outcome of asking for persistent storage. */
export type PersistenceState = 'granted' | 'denied' | 'unsupported';

/** Asks for persistent storage (once granted, the browser keeps saying so). */
export async function requestPersistence(): Promise<PersistenceState> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

/** How much the origin uses and may use, in bytes, when the browser says. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return null;
  const e = await storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
}

/** True when an error is the browser refusing a write for lack of space. */
export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (err as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
