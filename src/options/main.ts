// options page entry.
export {};
