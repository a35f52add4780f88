import { assertNever } from '../../shared/assert-never';
import type { AppError } from '../../shared/result';
import type { MessageKey, Translate } from './translate';

/** Messages that a screen words differently from the generic ones (e.g. `invalid_input` on the phone screen). */
export type ErrorOverrides = Partial<Record<AppError['code'], MessageKey>>;

/** The resident-facing sentence for an error code, in the current language. */
export function errorText(t: Translate, error: AppError, overrides: ErrorOverrides = {}): string {
  const override = overrides[error.code];
  if (override) return t(override);
  switch (error.code) {
    case 'invalid_input':
      return t('error.invalidInput');
    case 'wrong_code':
      if (error.attemptsLeft === undefined) return t('code.wrongNoCount');
      return error.attemptsLeft === 1 ? t('code.wrongOne') : t('code.wrong', { n: error.attemptsLeft });
    case 'code_expired':
      return t('code.expired');
    case 'code_locked':
      return t('code.locked');
    case 'rate_limited':
      return rateLimitedText(t, error.retryAfterSeconds);
    case 'hub_unavailable':
      return t('error.hubUnavailable');
    case 'wrong_state':
      return t('error.wrongState');
    case 'unauthorized':
    case 'forbidden':
      return t('error.unauthorized');
    case 'not_found':
      return t('error.notFound');
    case 'internal':
      return t('error.generic');
    default:
      return assertNever(error.code, 'error code');
  }
}

function rateLimitedText(t: Translate, seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return t('error.rateLimited');
  if (seconds < 120) return t('error.rateLimitedSeconds', { n: seconds });
  return t('error.rateLimitedMinutes', { n: Math.ceil(seconds / 60) });
}

/** Errors worth a Retry button: the same request may well succeed a moment later. */
export function isRetryable(error: AppError): boolean {
  return error.code === 'hub_unavailable' || error.code === 'internal';
}
