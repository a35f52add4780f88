import type { Result } from '../../shared/result';

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
