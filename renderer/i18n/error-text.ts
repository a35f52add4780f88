import { assertNever } from '../../shared/assert-never';
import type { AppError } from '../../shared/result';
import type { MessageKey, T } from './i18n';

/** Messages that a screen words differently from the generic ones (e.g. `invalid_input` on the phone screen). */
export type ErrorOverrides = Partial<Record<AppError['code'], MessageKey>>;

/** The resident-facing sentence for an error code, in the current language. */
export function errorText(t: T, error: AppError, overrides: ErrorOverrides = {}): string {
  const override = overrides[error.code];
  if (override) return t(override);
  switch (error.code) {
    case 'invalid_input':
      return t('common:error.invalidInput');
    case 'wrong_code':
      if (error.attemptsLeft === undefined) return t('auth:code.wrongNoCount');
      return t('auth:code.wrong', { count: error.attemptsLeft });
    case 'code_expired':
      return t('auth:code.expired');
    case 'code_locked':
      return t('auth:code.locked');
    case 'rate_limited':
      return rateLimitedText(t, error.retryAfterSeconds);
    case 'hub_unavailable':
      return t('common:error.hubUnavailable');
    case 'wrong_state':
      return t('common:error.wrongState');
    // The staff sign-in errors among these: the manager console words them itself; a kiosk never meets them.
    case 'unauthorized':
    case 'forbidden':
    case 'password_change_required':
    case 'session_locked':
      return t('common:error.unauthorized');
    case 'password_weak':
      return t('common:error.invalidInput');
    case 'account_locked':
      return rateLimitedText(t, error.retryAfterSeconds);
    case 'not_found':
      return t('common:error.notFound');
    case 'phone_in_use':
      return t('common:error.phoneInUse');
    case 'phone_not_vietnamese':
      return t('common:error.phoneNotVietnamese');
    case 'email_invalid':
      return t('common:error.emailInvalid');
    case 'unknown_purpose':
      return t('common:error.unknownPurpose');
    case 'policy_outdated':
      return t('common:error.policyOutdated');
    case 'consent_necessary':
      return t('common:error.consentNecessary');
    case 'internal':
    case 'resync_required':
      return t('common:error.generic');
    default:
      return assertNever(error.code, 'error code');
  }
}

function rateLimitedText(t: T, seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return t('common:error.rateLimited');
  if (seconds < 120) return t('common:error.rateLimitedSeconds', { count: seconds });
  return t('common:error.rateLimitedMinutes', { count: Math.ceil(seconds / 60) });
}

/** Errors worth a Retry button: the same request may well succeed a moment later. */
export function isRetryable(error: AppError): boolean {
  return error.code === 'hub_unavailable' || error.code === 'internal';
}
