import type { Locale } from '../../shared/domain';
import { en } from './en';
import { vi } from './vi';
import type { Dictionary, MessageKey } from './vi';

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const dictionaries: Readonly<Record<Locale, Dictionary>> = { vi, en };

export const DEFAULT_LOCALE: Locale = 'vi';

/** The `{name}` placeholders of a message, sorted. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message = dictionaries[locale][key];
  if (!params) return message;
  // A placeholder without a value stays visible rather than silently vanishing.
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'vi' ? 'en' : 'vi';
}
