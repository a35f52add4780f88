import type { AppError, Result } from '../../shared/result';

/**
 * Runs a `window.kiot` call and always comes back with a Result: a rejected promise (the
 * bridge went away, a WebSocket dropped) becomes `hub_unavailable`, so no button stays
 * disabled and no screen waits forever.
 */
export async function safeCall<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: { code: 'hub_unavailable', message: 'The call to the main process failed' } };
  }
}

/** A failed call, thrown: for TanStack Query, which learns of a failure by a throw. */
export class CallError extends Error {
  readonly error: AppError;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'CallError';
    this.error = error;
  }
}

/** `safeCall`, with the value returned and a failure thrown as a `CallError`. */
export async function callOrThrow<T>(call: () => Promise<Result<T>>): Promise<T> {
  const result = await safeCall(call);
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

/** The AppError behind anything a query threw; a bug in our own code reads as `internal`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof CallError) return error.error;
  return { code: 'internal', message: error instanceof Error ? error.message : 'Unexpected error' };
}
