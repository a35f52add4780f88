import { z } from 'zod';
import { errorCodes } from './result-rules';

/** Every error a caller can act on (listed in result-rules.ts, zod-free for the kiosk renderer). */
export { errorCodes, isErrorCode } from './result-rules';

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
