import { createContext, useCallback, useContext, useEffect, useMemo } from 'react';
import type { JSX, ReactNode } from 'react';
import type { i18n as I18next } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/domain';
import type { Namespace } from './resources';
import { toLocale } from './i18n';
import type { T } from './i18n';

/**
 * The instance itself. react-i18next hands out a new wrapper of it whenever the language
 * changes; callbacks that change the language hold on to this one, so they stay the same.
 */
const InstanceContext = createContext<I18next | null>(null);

/** Provides the app's i18next instance and keeps `<html lang>` in step with it. */
export function I18nProvider({ i18n, children }: { i18n: I18next; children: ReactNode }): JSX.Element {
  useEffect(() => {
    // Screen readers pick their voice from the document language.
    const apply = (language: string): void => {
      document.documentElement.lang = toLocale(language);
    };
    apply(i18n.language);
    i18n.on('languageChanged', apply);
    return () => i18n.off('languageChanged', apply);
  }, [i18n]);
  return (
    <InstanceContext.Provider value={i18n}>
      <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
    </InstanceContext.Provider>
  );
}

/** The app's i18next instance itself (for the console, which adds its own strings to it). */
export function useI18nInstance(): I18next {
  const instance = useContext(InstanceContext);
  if (!instance) throw new Error('useI18nInstance outside <I18nProvider>');
  return instance;
}

/**
 * Every key is written with its namespace (`auth:code.title`), and every namespace is loaded
 * at start-up, so the hook needs to watch only one of them. Naming all of them made
 * react-i18next check each one, in every component that translates, on every render.
 */
const WATCHED: Namespace = 'common';

/** The translate function; keys are written in full (`auth:code.title`). */
export function useT(): T {
  // The `T` type checks keys of every namespace; at run time the namespace in the key decides.
  return useTranslation(WATCHED).t as unknown as T;
}

export type LocaleState = { locale: Locale; setLocale(locale: Locale): void };

/** The language on screen, and a way to change it (for the toggle and for a lock's reset). */
export function useLocale(): LocaleState {
  const instance = useContext(InstanceContext);
  if (!instance) throw new Error('useLocale outside <I18nProvider>');
  // Subscribes this component to language changes.
  const locale = toLocale(useTranslation(WATCHED).i18n.language);
  const setLocale = useCallback((next: Locale) => void instance.changeLanguage(next), [instance]);
  return useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
}
