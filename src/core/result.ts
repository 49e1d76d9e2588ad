// Errors cross layers (and extension contexts) as data, never thrown: `{ code, message }` with a stable code.
export interface CoreError<C extends string = string> {
  code: C;
  message: string;
}

export type Result<T, E extends CoreError = CoreError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const err = <C extends string>(code: C, message: string): { ok: false; error: CoreError<C> } => ({
  ok: false,
  error: { code, message },
});
