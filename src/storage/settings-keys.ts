/** Keys of the settings table used across the app. */
export const SETTINGS = {
  initialized: 'initialized',
  lang: 'lang',
  coderId: 'coderId',
  codebookId: 'codebookId',
  sampleLoaded: 'sampleLoaded',
  csvSeparator: 'csvSeparator',
} as const;
