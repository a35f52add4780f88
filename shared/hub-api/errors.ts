/** The one error body every hub failure has, and the HTTP status each error code travels with. */
import { z } from 'zod';
import { AppError } from '../result';

export const ErrorBody = z.object({ error: AppError });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** HTTP status the hub uses for each error code. */
export const httpStatusFor = {
  invalid_input: 400,
  wrong_code: 401,
  code_expired: 401,
  code_locked: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  wrong_state: 409,
  rate_limited: 429,
  hub_unavailable: 503,
  internal: 500,
  /** A sync cursor the hub cannot continue from: pull a fresh snapshot. */
  resync_required: 410,
  phone_in_use: 409,
  phone_not_vietnamese: 400,
  email_invalid: 400,
  unknown_purpose: 400,
  policy_outdated: 409,
  consent_necessary: 409,
  password_weak: 400,
  account_locked: 423,
  password_change_required: 403,
  session_locked: 401,
} as const satisfies Record<AppError['code'], number>;
