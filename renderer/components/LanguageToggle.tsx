import type { JSX } from 'react';
import { otherLocale } from '../i18n/i18n';
import { useLocale, useT } from '../i18n/I18nProvider';
import { safeCall } from './call';
import { useOptionalKiot } from './KiotProvider';

/** VI | EN, with the current language highlighted; one tap switches. */
export function LanguageToggle(): JSX.Element {
  const { locale, setLocale } = useLocale();
  const t = useT();
  const api = useOptionalKiot();

  const toggle = (): void => {
    const next = otherLocale(locale);
    setLocale(next);
    // The main process words what it says to the resident (and its audit) in the same language.
    if (api) void safeCall(() => api.session.setLocale({ locale: next }));
  };

  return (
    <button type="button" className="lang-toggle" data-testid="lang-toggle" aria-label={t('common:language.toggle')} onClick={toggle}>
      <span className={locale === 'vi' ? 'lang-option lang-active' : 'lang-option'} lang="vi">
        VI
      </span>
      <span className={locale === 'en' ? 'lang-option lang-active' : 'lang-option'} lang="en">
        EN
      </span>
    </button>
  );
}
