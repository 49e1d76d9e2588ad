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

/**
 * An error that also says why as data: a stable `reason` finer than its code and the values its words need
 * (`params`: the value given, a limit), so an extension view can say it in the user's language (shared/display.ts
 * errorWords, README "Languages") while `message` stays the English the CLI prints.
 */
export interface ReasonedError<C extends string, R extends string> extends CoreError<C> {
  reason: R;
  params: string[];
}

export const refuse = <C extends string, R extends string>(
  code: C,
  reason: R,
  message: string,
  ...params: string[]
): { ok: false; error: ReasonedError<C, R> } => ({ ok: false, error: { code, message, reason, params } });
