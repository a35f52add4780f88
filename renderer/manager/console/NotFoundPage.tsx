import { Link } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useT } from '../../i18n/I18nProvider';

/** A console address that leads nowhere (an old bookmark, a mistyped route). */
export function NotFoundPage(): JSX.Element {
  const t = useT();
  return (
    <section className="console-page" aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title" className="console-page-title">
        {t('manager:notFound.title')}
      </h1>
      <p>{t('manager:notFound.body')}</p>
      <Link to="/" className="console-link">
        {t('manager:notFound.home')}
      </Link>
    </section>
  );
}
