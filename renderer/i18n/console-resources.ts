import type { i18n as I18next } from 'i18next';
import { consoleAudit as enConsoleAudit } from './en/console-audit';
import { consoleBroadcast as enConsoleBroadcast } from './en/console-broadcast';
import { consoleDevices as enConsoleDevices } from './en/console-devices';
import { consoleIncidents as enConsoleIncidents } from './en/console-incidents';
import { consolePayments as enConsolePayments } from './en/console-payments';
import { consoleRequests as enConsoleRequests } from './en/console-requests';
import { consoleResidents as enConsoleResidents } from './en/console-residents';
import { manager as enManager } from './en/manager';
import { locales } from './i18n';
import { consoleNamespaces } from './resources';
import type { ConsoleNamespace, ResourceSet } from './resources';
import { consoleAudit as viConsoleAudit } from './vi/console-audit';
import { consoleBroadcast as viConsoleBroadcast } from './vi/console-broadcast';
import { consoleDevices as viConsoleDevices } from './vi/console-devices';
import { consoleIncidents as viConsoleIncidents } from './vi/console-incidents';
import { consolePayments as viConsolePayments } from './vi/console-payments';
import { consoleRequests as viConsoleRequests } from './vi/console-requests';
import { consoleResidents as viConsoleResidents } from './vi/console-residents';
import { manager as viManager } from './vi/manager';

/** The manager console's strings: imported only by the console, so they load with its chunk. */
export const consoleResources: ResourceSet<ConsoleNamespace> = {
  vi: { manager: viManager, consoleRequests: viConsoleRequests, consoleResidents: viConsoleResidents, consoleIncidents: viConsoleIncidents, consoleAudit: viConsoleAudit, consoleDevices: viConsoleDevices, consolePayments: viConsolePayments, consoleBroadcast: viConsoleBroadcast },
  en: { manager: enManager, consoleRequests: enConsoleRequests, consoleResidents: enConsoleResidents, consoleIncidents: enConsoleIncidents, consoleAudit: enConsoleAudit, consoleDevices: enConsoleDevices, consolePayments: enConsolePayments, consoleBroadcast: enConsoleBroadcast },
};

/** Adds the console's namespaces to the app's instance (again is harmless); returns it. */
export function addConsoleResources(i18n: I18next): I18next {
  for (const locale of locales) {
    for (const ns of consoleNamespaces) {
      if (!i18n.hasResourceBundle(locale, ns)) i18n.addResourceBundle(locale, ns, consoleResources[locale][ns]);
    }
  }
  return i18n;
}
