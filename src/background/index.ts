// Background service worker entry: listeners are registered at top level (MV3 stops idle workers).
export {};
