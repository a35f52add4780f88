import { en } from './en';
import { vi } from './vi';
import type { Locale } from '../../shared/domain';

/** Vietnamese is the source of every key; the other languages are checked against it. */
export type Resources = typeof vi;
export type Namespace = keyof Resources;

/** Every namespace, for the hook that may use keys of any of them (always written `ns:key`). */
export const namespaces = ['common', 'attract', 'auth', 'bills', 'home', 'session', 'manager', 'privacy', 'profile', 'consents', 'accessLog', 'keyboard', 'requests', 'payments', 'consoleRequests', 'consoleResidents', 'consoleIncidents', 'consoleAudit', 'consoleDevices', 'consolePayments', 'consoleBroadcast'] as const satisfies readonly Namespace[];
// A namespace added to vi/index.ts but not above does not compile.
const everyNamespace: [Exclude<Namespace, (typeof namespaces)[number]>] extends [never] ? true : false = true;
void everyNamespace;

/** English has two plural forms where Vietnamese has one: `x_other` asks for `x_one` as well. */
type PluralForms<K extends string> = K extends `${infer Base}_other` ? `${Base}_one` | K : K;

/**
 * The English copy of a Vietnamese namespace: the same keys (so a missing one does not
 * compile), any wording, and both English plural forms.
 */
export type Translation<T> = {
  readonly [K in keyof T & string as PluralForms<K>]: T[K] extends string ? string : Translation<T[K]>;
};

export type Translations = { readonly [N in Namespace]: Translation<Resources[N]> };

/** Bundled with the renderer: no backend, nothing fetched. */
export const resources: { readonly [L in Locale]: L extends 'vi' ? Resources : Translations } = { vi, en };
