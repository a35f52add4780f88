import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { JSX } from 'react';
import { formatInstant } from '../../../shared/dates';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { useAppInfo } from '../app-info';
import { categoryKey, clockText, statusKey, timelineText } from './incident-text';
import { useIncident } from './queries';

/**
 * The report for the authority, laid out for A4 paper: the facts, the 72-hour clock's result,
 * how many residents were identified and notified and when, and the timeline. Residents are
 * counted, not named: the report leaves the building.
 */
export function IncidentReportPage(): JSX.Element {
  const t = useT();
  const info = useAppInfo();
  const { incidentId } = useParams({ from: '/incidents/$incidentId/report' });
  const query = useIncident(incidentId);
  // The moment the report was opened: what it prints as "printed at" and the clock it shows.
  const [now] = useState(() => Date.now());
  if (query.error) return <ErrorMessage error={toAppError(query.error)} onRetry={() => void query.refetch()} />;
  if (!query.data) return <p>{t('consoleIncidents:loading')}</p>;
  const { incident, residents, timeline } = query.data;
  const notifiedTimes = residents.flatMap((r) => r.notices.map((n) => n.sentAt)).sort();
  return (
    <article className="incident-report" data-testid="incident-report">
      <div className="incident-report-tools">
        <Link to="/incidents/$incidentId" params={{ incidentId }}>
          ← {t('consoleIncidents:back')}
        </Link>
        <button type="button" className="button button-primary" data-testid="report-print" onClick={() => window.print()}>
          {t('consoleIncidents:report.print')}
        </button>
      </div>
      <h1>{t('consoleIncidents:report.title')}</h1>
      <table className="incident-report-facts">
        <tbody>
          <tr>
            <th scope="row">{t('consoleIncidents:report.building')}</th>
            <td>{info.data?.buildingName ?? ''}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.reference')}</th>
            <td>{incident.id}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:column.title')}</th>
            <td>{incident.title}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.description')}</th>
            <td className="incident-description">{incident.description}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.categories')}</th>
            <td>{incident.categories.map((c) => t(categoryKey[c])).join(', ')}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.detected')}</th>
            <td>{formatInstant(incident.detectedAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.deadline')}</th>
            <td>{formatInstant(incident.deadlineAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.authority')}</th>
            <td>
              {incident.authorityNotifiedAt === null
                ? t('consoleIncidents:report.notYet')
                : `${formatInstant(incident.authorityNotifiedAt)} (${incident.authorityNotifiedBy ?? ''})${incident.authorityReference !== null ? ` — ${incident.authorityReference}` : ''}`}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.result')}</th>
            <td data-testid="report-clock">
              {incident.overdue ? '⚠ ' : ''}
              {clockText(t, incident, now)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:column.status')}</th>
            <td>{t(statusKey[incident.status])}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.estimated')}</th>
            <td>{incident.estimatedAffected}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.linked')}</th>
            <td>{incident.linkedResidents}</td>
          </tr>
          <tr>
            <th scope="row">{t('consoleIncidents:report.notified')}</th>
            <td data-testid="report-notified">
              {incident.notifiedResidents}
              {notifiedTimes.length > 0 ? ` (${formatInstant(notifiedTimes[0]!)} – ${formatInstant(notifiedTimes.at(-1)!)})` : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>{t('consoleIncidents:timeline.title')}</h2>
      <ol className="incident-timeline">
        {timeline.map((entry, i) => (
          <li key={`${entry.kind}-${entry.at}-${i}`}>
            <time dateTime={entry.at}>{formatInstant(entry.at)}</time> {timelineText(t, entry)}
          </li>
        ))}
      </ol>
      <p className="incident-report-footer">{t('consoleIncidents:report.printedAt', { at: formatInstant(new Date(now).toISOString()) })}</p>
    </article>
  );
}
