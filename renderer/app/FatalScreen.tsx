import type { JSX } from 'react';
import type { AppError } from '../../shared/result';
import { ErrorMessage } from '../components/ErrorMessage';
import { useT } from '../i18n/I18nProvider';

/** Startup failed (hub unreachable, no bridge to the main process): say so, and offer a retry. */
export function FatalScreen({ error, onRetry }: { error: AppError; onRetry(): void }): JSX.Element {
  const t = useT();
  return (
    <section className="screen screen-center" aria-labelledby="fatal-title" data-testid="fatal-screen">
      <h1 id="fatal-title" className="screen-title">
        {t('common:fatal.title')}
      </h1>
      <ErrorMessage error={error} onRetry={onRetry} />
      <p className="screen-hint">{t('common:fatal.body')}</p>
    </section>
  );
}
