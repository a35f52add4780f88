import type { vi } from './vi';
import type { Locale } from '../../shared/domain';
import { accessLog as enAccessLog } from './en/access-log';
import { attract as enAttract } from './en/attract';
import { auth as enAuth } from './en/auth';
import { bills as enBills } from './en/bills';
import { common as enCommon } from './en/common';
import { consents as enConsents } from './en/consents';
import { home as enHome } from './en/home';
import { keyboard as enKeyboard } from './en/keyboard';
import { payments as enPayments } from './en/payments';
import { privacy as enPrivacy } from './en/privacy';
import { profile as enProfile } from './en/profile';
import { requests as enRequests } from './en/requests';
import { session as enSession } from './en/session';
import { accessLog as viAccessLog } from './vi/access-log';
import { attract as viAttract } from './vi/attract';
import { auth as viAuth } from './vi/auth';
import { bills as viBills } from './vi/bills';
import { common as viCommon } from './vi/common';
import { consents as viConsents } from './vi/consents';
import { home as viHome } from './vi/home';
import { keyboard as viKeyboard } from './vi/keyboard';
import { payments as viPayments } from './vi/payments';
import { privacy as viPrivacy } from './vi/privacy';
import { profile as viProfile } from './vi/profile';
import { requests as viRequests } from './vi/requests';
import { session as viSession } from './vi/session';

/** Vietnamese is the source of every key; the other languages are checked against it. */
export type Resources = typeof vi;
export type Namespace = keyof Resources;

/** Every namespace, for the hook that may use keys of any of them (always written `ns:key`). */
export const namespaces = ['common', 'attract', 'auth', 'bills', 'home', 'session', 'manager', 'privacy', 'profile', 'consents', 'accessLog', 'keyboard', 'requests', 'payments', 'consoleRequests', 'consoleResidents', 'consoleIncidents', 'consoleAudit', 'consoleDevices', 'consolePayments', 'consoleBroadcast'] as const satisfies readonly Namespace[];
// A namespace added to vi/index.ts but not above does not compile.
const everyNamespace: [Exclude<Namespace, (typeof namespaces)[number]>] extends [never] ? true : false = true;
void everyNamespace;

/**
 * The manager console's namespaces: they travel with the console's chunk (see
 * console-resources.ts), so a lobby kiosk never downloads them.
 */
export const consoleNamespaces = ['manager', 'consoleRequests', 'consoleResidents', 'consoleIncidents', 'consoleAudit', 'consoleDevices', 'consolePayments', 'consoleBroadcast'] as const satisfies readonly Namespace[];
export type ConsoleNamespace = (typeof consoleNamespaces)[number];
export type KioskNamespace = Exclude<Namespace, ConsoleNamespace>;

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

/** One language's namespaces of a set: Vietnamese as written, any other as its translation. */
export type ResourceSet<N extends Namespace> = { readonly [L in Locale]: L extends 'vi' ? Pick<Resources, N> : Pick<Translations, N> };

/**
 * What the kiosk needs, in the renderer's first chunk: no backend, nothing fetched. A
 * namespace that is neither here nor in `consoleNamespaces` does not compile.
 */
export const resources: ResourceSet<KioskNamespace> = {
  vi: { common: viCommon, attract: viAttract, auth: viAuth, bills: viBills, home: viHome, session: viSession, privacy: viPrivacy, profile: viProfile, consents: viConsents, accessLog: viAccessLog, keyboard: viKeyboard, requests: viRequests, payments: viPayments },
  en: { common: enCommon, attract: enAttract, auth: enAuth, bills: enBills, home: enHome, session: enSession, privacy: enPrivacy, profile: enProfile, consents: enConsents, accessLog: enAccessLog, keyboard: enKeyboard, requests: enRequests, payments: enPayments },
};
