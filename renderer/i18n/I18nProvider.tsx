import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import type { Locale } from '../../shared/domain';
import { DEFAULT_LOCALE, translate } from './translate';
import type { Translate } from './translate';

export type I18n = {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLocale = DEFAULT_LOCALE }: { children: ReactNode; initialLocale?: Locale }): JSX.Element {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => setLocaleState(next), []);
  const t = useCallback<Translate>((key, params) => translate(locale, key, params), [locale]);

  useEffect(() => {
    // Screen readers pick their voice from the document language.
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
