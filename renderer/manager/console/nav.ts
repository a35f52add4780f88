import type { StaffRole } from '../../../shared/domain';
import type { MessageKey } from '../../i18n/i18n';

export type NavEntry = {
  to: string;
  label: MessageKey;
  /** The roles that may use the section, as the hub's route table allows them; hidden from the others. */
  roles: readonly StaffRole[];
  testId: string;
  exact?: boolean;
};

const ALL: readonly StaffRole[] = ['admin', 'manager', 'care', 'auditor'];

/**
 * The console's sections, in order. A new section is one entry here (and its route in
 * renderer/app/manager-router.tsx); an entry whose route does not exist yet is not shown.
 */
export const consoleNav: readonly NavEntry[] = [
  { to: '/', label: 'manager:nav.overview', roles: ALL, testId: 'nav-overview', exact: true },
  { to: '/residents', label: 'manager:nav.residents', roles: ['admin', 'manager', 'care'], testId: 'nav-residents' },
  { to: '/requests', label: 'consoleRequests:nav', roles: ALL, testId: 'nav-requests' },
  { to: '/incidents', label: 'consoleIncidents:nav', roles: ['admin', 'manager', 'auditor'], testId: 'nav-incidents' },
  { to: '/audit', label: 'consoleAudit:nav', roles: ['admin', 'manager', 'auditor'], testId: 'nav-audit' },
  { to: '/devices', label: 'consoleDevices:nav', roles: ['admin', 'manager'], testId: 'nav-devices' },
  { to: '/payments', label: 'consolePayments:nav', roles: ALL, testId: 'nav-payments' },
  { to: '/broadcast', label: 'consoleBroadcast:nav', roles: ['admin', 'manager', 'care'], testId: 'nav-broadcast' },
];

/** The entries a role sees. Outside the shell (no role known), every entry. */
export function navFor(role: StaffRole | null): NavEntry[] {
  return consoleNav.filter((e) => role === null || e.roles.includes(role));
}
