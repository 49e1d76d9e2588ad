// Type guards for untrusted values (JSON bodies, stored settings, messages between contexts).

/** A plain object (not null, not an array): the shape JSON objects, stored records and messages have. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
