// Content script entry.
export {};
