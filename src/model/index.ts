export * from './ids.ts';
export * from './document.ts';
export * from './codebook.ts';
export * from './fragment.ts';
export * from './result.ts';
export * from './search.ts';
