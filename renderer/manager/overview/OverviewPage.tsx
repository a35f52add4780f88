import type { JSX } from 'react';
import { assertNever } from '../../../shared/assert-never';
import type { DeviceMode } from '../../../shared/domain';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import { useAppInfo } from '../app-info';
import { RequestsSummary } from '../requests/RequestsSummary';

function modeKey(mode: DeviceMode): MessageKey {
  switch (mode) {
    case 'kiosk':
      return 'manager:mode.kiosk';
    case 'manager':
      return 'manager:mode.manager';
    default:
      return assertNever(mode, 'device mode');
  }
}

/** The console's start page: what this workstation knows about itself. */
export function OverviewPage(): JSX.Element {
  const t = useT();
  const info = useAppInfo();
  return (
    <section className="console-page" aria-labelledby="overview-title" data-testid="overview">
      <h1 id="overview-title" className="console-page-title">
        {t('manager:overview.title')}
      </h1>
      {info.isPending ? (
        <p className="console-muted" role="status">
          {t('manager:overview.loading')}
        </p>
      ) : null}
      {info.isError ? <ErrorMessage error={toAppError(info.error)} onRetry={() => void info.refetch()} retryDisabled={info.isFetching} /> : null}
      {info.data ? (
        <>
          <h2 className="console-section-title">{t('manager:overview.device')}</h2>
          <dl className="console-facts" data-testid="device-facts">
            <div className="console-fact">
              <dt>{t('manager:overview.building')}</dt>
              <dd data-testid="fact-building">{info.data.buildingName}</dd>
            </div>
            <div className="console-fact">
              <dt>{t('manager:overview.version')}</dt>
              <dd data-testid="fact-version">{info.data.version}</dd>
            </div>
            <div className="console-fact">
              <dt>{t('manager:overview.mode')}</dt>
              <dd data-testid="fact-mode">{t(modeKey(info.data.mode))}</dd>
            </div>
          </dl>
        </>
      ) : null}
      {info.data ? <RequestsSummary /> : null}
      <p className="console-notice">{t('manager:overview.notice')}</p>
    </section>
  );
}
