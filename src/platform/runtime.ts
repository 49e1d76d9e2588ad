// The content script's platform moved to content.ts; this name stays until the content script imports it there.
export * from './content.ts';
