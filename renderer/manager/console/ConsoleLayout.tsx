import { Link, Outlet } from '@tanstack/react-router';
import type { JSX } from 'react';
import { LanguageToggle } from '../../components/LanguageToggle';
import { useT } from '../../i18n/I18nProvider';
import { useAppInfo } from '../app-info';

/** The console's frame: which building, the sections, and the page of the current route. */
export function ConsoleLayout(): JSX.Element {
  const t = useT();
  const info = useAppInfo();
  return (
    <div className="console">
      <header className="console-header">
        <div className="console-heading">
          <span className="console-building" data-testid="console-building">
            {info.data?.buildingName ?? ''}
          </span>
          <span className="console-product">{t('manager:title')}</span>
        </div>
        <LanguageToggle />
      </header>
      <div className="console-body">
        <nav className="console-nav" aria-label={t('manager:nav.label')}>
          <Link to="/" className="console-nav-link" activeOptions={{ exact: true }} data-testid="nav-overview">
            {t('manager:nav.overview')}
          </Link>
          <Link to="/requests" className="console-nav-link" data-testid="nav-requests">
            {t('consoleRequests:nav')}
          </Link>
          <Link to="/incidents" className="console-nav-link" data-testid="nav-incidents">
            {t('consoleIncidents:nav')}
          </Link>
          <Link to="/audit" className="console-nav-link" data-testid="nav-audit">
            {t('consoleAudit:nav')}
          </Link>
          <Link to="/devices" className="console-nav-link" data-testid="nav-devices">
            {t('consoleDevices:nav')}
          </Link>
        </nav>
        <main className="console-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
