import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { JSX } from 'react';
import { formatInstant } from '../../../shared/dates';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { useNow } from '../requests/use-now';
import { clockText, overdueNow, statusKey } from './incident-text';
import { useIncidentList } from './queries';
import { RegisterIncidentForm } from './RegisterIncidentForm';
import { useStaffRole } from './use-staff-role';

/** The breach register: every incident with its 72-hour clock, overdue ones first and marked in words and with an icon. */
export function IncidentsPage(): JSX.Element {
  const t = useT();
  const navigate = useNavigate();
  const list = useIncidentList({ limit: 200 });
  const now = useNow(30_000);
  const [registering, setRegistering] = useState(false);
  const canWrite = useStaffRole() !== 'auditor';

  return (
    <section className="console-page" aria-labelledby="incidents-title" data-testid="incidents-page">
      <div className="incident-page-head">
        <h1 id="incidents-title" className="console-page-title">
          {t('consoleIncidents:title')}
        </h1>
        {registering || !canWrite ? null : (
          <button type="button" className="button button-primary" data-testid="incident-register" onClick={() => setRegistering(true)}>
            {t('consoleIncidents:registerButton')}
          </button>
        )}
      </div>
      {registering ? (
        <RegisterIncidentForm
          onCancel={() => setRegistering(false)}
          onDone={(detail) => {
            setRegistering(false);
            void navigate({ to: '/incidents/$incidentId', params: { incidentId: detail.incident.id } });
          }}
        />
      ) : null}
      {list.error ? <ErrorMessage error={toAppError(list.error)} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <p>{t('consoleIncidents:loading')}</p> : null}
      {list.data && list.data.incidents.length === 0 ? <p data-testid="incidents-empty">{t('consoleIncidents:empty')}</p> : null}
      {list.data && list.data.incidents.length > 0 ? (
        <table className="data-table incident-table" data-testid="incidents-table">
          <thead>
            <tr>
              <th scope="col">{t('consoleIncidents:column.title')}</th>
              <th scope="col">{t('consoleIncidents:column.detected')}</th>
              <th scope="col">{t('consoleIncidents:column.deadline')}</th>
              <th scope="col">{t('consoleIncidents:column.clock')}</th>
              <th scope="col">{t('consoleIncidents:column.status')}</th>
              <th scope="col">{t('consoleIncidents:column.residents')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.incidents.map((incident) => {
              const overdue = overdueNow(incident, now);
              return (
                <tr key={incident.id} className={overdue ? 'incident-row-overdue' : undefined} data-testid="incident-row">
                  <td>
                    <Link to="/incidents/$incidentId" params={{ incidentId: incident.id }}>
                      {incident.title}
                    </Link>
                  </td>
                  <td>{formatInstant(incident.detectedAt)}</td>
                  <td>{formatInstant(incident.deadlineAt)}</td>
                  <td>
                    {overdue ? (
                      <span className="incident-overdue" data-testid="incident-overdue">
                        <span className="incident-overdue-icon" aria-hidden="true">
                          ⚠
                        </span>
                        {t('consoleIncidents:clock.overdueMark')}{' '}
                      </span>
                    ) : null}
                    {incident.status === 'closed' && incident.authorityNotifiedAt === null ? null : clockText(t, incident, now)}
                  </td>
                  <td>{t(statusKey[incident.status])}</td>
                  <td>
                    {incident.notifiedResidents}/{incident.linkedResidents}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
