import { z } from 'zod';

/** Every error a caller can act on. The renderer translates these codes; the message is for logs. */
export const errorCodes = [
  'invalid_input',
  'wrong_code',
  'code_expired',
  'code_locked',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'not_found',
  'wrong_state',
  'hub_unavailable',
  'internal',
  'resync_required',
  /** A phone number another resident already uses (the answer never says whose). */
  'phone_in_use',
  /** A phone number that is not a Vietnamese mobile or landline number. */
  'phone_not_vietnamese',
  /** An email address that cannot be right (no @, no domain, spaces…). */
  'email_invalid',
  /** A consent for a purpose the current policy does not list. */
  'unknown_purpose',
  /** A consent given under a policy version that is no longer (or not yet) the current one. */
  'policy_outdated',
  /** Withdrawing a purpose the service needs: it is informed, not asked. */
  'consent_necessary',
  /** A new staff password that is too short, too common, or contains the username. */
  'password_weak',
  /** A staff account locked after repeated failures; `retryAfterSeconds` says until when. */
  'account_locked',
  /** A staff member who must change their one-time password before anything else. */
  'password_change_required',
  /** A staff session idle too long: the password alone unlocks it (`POST /v1/staff/unlock`). */
  'session_locked',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Present with `wrong_code`: how many tries the code has left. */
  attemptsLeft: z.number().int().min(0).optional(),
  /** Present with `rate_limited`: seconds until another try is allowed. */
  retryAfterSeconds: z.number().int().min(0).optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/** An error thrown inside a handler or service that should reach the caller as a typed result. */
export class KiotError extends Error {
  readonly code: ErrorCode;
  readonly attemptsLeft: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, extra: { attemptsLeft?: number; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'KiotError';
    this.code = code;
    this.attemptsLeft = extra.attemptsLeft;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.attemptsLeft !== undefined) error.attemptsLeft = this.attemptsLeft;
    if (this.retryAfterSeconds !== undefined) error.retryAfterSeconds = this.retryAfterSeconds;
    return error;
  }
}

/** Converts anything thrown into an AppError without leaking internals. */
export function toAppError(err: unknown): AppError {
  if (err instanceof KiotError) return err.toAppError();
  const parsed = AppError.safeParse(err);
  if (parsed.success) return parsed.data;
  return { code: 'internal', message: 'Unexpected error' };
}
