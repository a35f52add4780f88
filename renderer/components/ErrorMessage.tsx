import type { JSX } from 'react';
import type { AppError } from '../../shared/result';
import { errorText } from '../i18n/error-text';
import type { ErrorOverrides } from '../i18n/error-text';
import { useT } from '../i18n/I18nProvider';

export type ErrorMessageProps = {
  error: AppError;
  overrides?: ErrorOverrides;
  /** Shown as a Retry button when given. */
  onRetry?: (() => void) | null;
  retryDisabled?: boolean;
};

/** A translated error, announced to screen readers, with an optional Retry button. */
export function ErrorMessage({ error, overrides, onRetry, retryDisabled = false }: ErrorMessageProps): JSX.Element {
  const t = useT();
  return (
    <div className="error-box" role="alert">
      <p className="error-text" data-testid="error-message">
        <span className="error-icon" aria-hidden="true">!</span>
        {errorText(t, error, overrides)}
      </p>
      {onRetry ? (
        <button type="button" className="button button-secondary" data-testid="retry" disabled={retryDisabled} onClick={onRetry}>
          {t('common:retry')}
        </button>
      ) : null}
    </div>
  );
}
