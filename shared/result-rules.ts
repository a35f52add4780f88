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

/** One of `errorCodes`, checked without zod (the kiosk renderer's first chunk has none). */
export function isErrorCode(value: unknown): value is (typeof errorCodes)[number] {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
