import type { JSX } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { otherLocale } from '../i18n/translate';

/** VI | EN, with the current language highlighted; one tap switches. */
export function LanguageToggle(): JSX.Element {
  const { locale, setLocale, t } = useI18n();
  return (
    <button type="button" className="lang-toggle" data-testid="lang-toggle" aria-label={t('lang.toggle')} onClick={() => setLocale(otherLocale(locale))}>
      <span className={locale === 'vi' ? 'lang-option lang-active' : 'lang-option'} lang="vi">
        VI
      </span>
      <span className={locale === 'en' ? 'lang-option lang-active' : 'lang-option'} lang="en">
        EN
      </span>
    </button>
  );
}
