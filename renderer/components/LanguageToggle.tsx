import type { JSX } from 'react';
import type { Locale } from '../../shared/domain';
import { locales } from '../i18n/i18n';
import { useLocale, useT } from '../i18n/I18nProvider';
import { safeCall } from './call';
import { useOptionalKiot } from './KiotProvider';

/** Each language named in itself, so a resident finds theirs whatever the screen speaks now. */
const NAMES: Readonly<Record<Locale, string>> = { vi: 'Tiếng Việt', en: 'English' };

export type LanguageToggleProps = {
  /** Extra classes for where the parent places it (e.g. low on a portrait screen). */
  className?: string;
};

/**
 * Two real choices, "Tiếng Việt" and "English". The one in use is marked pressed and does
 * nothing when tapped; only the other one changes the language. Each button's accessible name
 * is its visible text. The switching choice keeps the `lang-toggle` test id.
 */
export function LanguageToggle({ className }: LanguageToggleProps): JSX.Element {
  const { locale, setLocale } = useLocale();
  const t = useT();
  const api = useOptionalKiot();

  const choose = (next: Locale): void => {
    if (next === locale) return;
    setLocale(next);
    // The main process words what it says to the resident (and its audit) in the same language.
    if (api) void safeCall(() => api.session.setLocale({ locale: next }));
  };

  return (
    <div className={className ? `lang-toggle ${className}` : 'lang-toggle'} role="group" aria-label={t('common:language.group')} data-testid="lang-switch">
      {locales.map((option) => {
        const current = option === locale;
        return (
          <button
            key={option}
            type="button"
            lang={option}
            className={current ? 'lang-option lang-active' : 'lang-option'}
            aria-pressed={current}
            data-lang={option}
            data-testid={current ? 'lang-current' : 'lang-toggle'}
            onClick={() => choose(option)}
          >
            {current ? (
              <span className="lang-check" aria-hidden="true">
                ✓
              </span>
            ) : null}
            {NAMES[option]}
          </button>
        );
      })}
    </div>
  );
}
