/** A string id that cannot be mixed up with another kind of id. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type DocumentId = Brand<string, 'DocumentId'>;
export type FragmentId = Brand<string, 'FragmentId'>;
export type CodebookId = Brand<string, 'CodebookId'>;
export type CodeId = Brand<string, 'CodeId'>;
export type CoderId = Brand<string, 'CoderId'>;
export type SearchId = Brand<string, 'SearchId'>;

/** Makes a fresh random id (crypto.randomUUID exists in browsers and Node ≥ 19). */
export function newId<T extends string>(): T {
  return globalThis.crypto.randomUUID() as T;
}
