// popup page entry.
export {};
