import { createInstance } from 'i18next';
import type { i18n as I18next, ParseKeys, TFunction } from 'i18next';
import type { Locale } from '../../shared/domain';
import { namespaces, resources } from './resources';
import type { Resources } from './resources';

declare module 'i18next' {
  // Module augmentation only merges into interfaces.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Resources;
    /** A wrong key does not compile, and neither does a message without its `{{values}}`. */
    strictKeyChecks: true;
    strictInterpolationChecks: true;
  }
}

export type Namespaces = typeof namespaces;
/** A translate function that takes any key as `ns:key`. */
export type T = TFunction<Namespaces>;
/** Any message key, `ns:key`; plural keys without their `_one`/`_other` suffix. */
export type MessageKey = ParseKeys<Namespaces>;

/** The kiosk speaks Vietnamese first; a building may choose another default (`app:info`). */
export const DEFAULT_LOCALE: Locale = 'vi';

export const locales: readonly Locale[] = ['vi', 'en'];

export function otherLocale(locale: Locale): Locale {
  return locale === 'vi' ? 'en' : 'vi';
}

export function toLocale(language: string | undefined): Locale {
  return language === 'en' ? 'en' : 'vi';
}

/**
 * One i18next instance per app, ready when this returns: the strings are bundled, so
 * there is nothing to wait for, and the language is the app's to set (no detector: the
 * resident picks it, and a lock resets it).
 */
export function createI18n(locale: Locale = DEFAULT_LOCALE): I18next {
  const i18n = createInstance();
  void i18n.init({
    resources,
    lng: locale,
    supportedLngs: [...locales],
    fallbackLng: DEFAULT_LOCALE,
    ns: [...namespaces],
    defaultNS: 'common',
    initAsync: false,
    // React escapes what it renders; escaping here as well would show `&amp;` in names.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return i18n;
}
