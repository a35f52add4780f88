import { Link, Outlet, useRouter } from '@tanstack/react-router';
import type { JSX } from 'react';
import { assertNever } from '../../../shared/assert-never';
import type { StaffRole } from '../../../shared/domain';
import { safeCall } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';
import { LanguageToggle } from '../../components/LanguageToggle';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import { useAppInfo } from '../app-info';
import { navFor } from './nav';
import { isReadOnly, useStaff } from './staff-context';

/** The console's frame: which building, who is signed in, the sections their role may use, and the page. */
function roleKey(role: StaffRole): MessageKey {
  switch (role) {
    case 'admin':
      return 'manager:role.admin';
    case 'manager':
      return 'manager:role.manager';
    case 'care':
      return 'manager:role.care';
    case 'auditor':
      return 'manager:role.auditor';
    default:
      return assertNever(role, 'staff role');
  }
}

export function ConsoleLayout(): JSX.Element {
  const t = useT();
  const info = useAppInfo();
  const api = useKiot();
  const staff = useStaff();
  const router = useRouter();
  const routes = router.routesByPath as Record<string, unknown>;
  const entries = navFor(staff?.role ?? null).filter((e) => e.to in routes);
  return (
    <div className="console">
      <header className="console-header">
        <div className="console-heading">
          <span className="console-building" data-testid="console-building">
            {info.data?.buildingName ?? ''}
          </span>
          <span className="console-product">{t('manager:title')}</span>
        </div>
        <div className="console-user">
          {staff !== null ? (
            <div className="console-user-name" aria-label={t('manager:shell.who')} data-testid="console-user">
              <strong>{staff.fullName}</strong>
              <span className="console-user-role" data-testid="console-role">
                {t(roleKey(staff.role))}
                {isReadOnly(staff.role) ? ` · ${t('manager:shell.readOnly')}` : ''}
              </span>
            </div>
          ) : null}
          <LanguageToggle />
          {staff !== null ? (
            <button type="button" className="console-button" data-testid="console-sign-out" onClick={() => void safeCall(() => api.staff.signOut({}))}>
              {t('manager:shell.signOut')}
            </button>
          ) : null}
        </div>
      </header>
      <div className="console-body">
        <nav className="console-nav" aria-label={t('manager:nav.label')}>
          {entries.map((e) => (
            // The paths come from the list above, each checked against the router's own routes.
            <Link key={e.to} to={e.to as '/'} className="console-nav-link" activeOptions={{ exact: e.exact === true }} data-testid={e.testId}>
              {t(e.label)}
            </Link>
          ))}
        </nav>
        <main className="console-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
