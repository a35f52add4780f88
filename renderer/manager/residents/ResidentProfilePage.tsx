import { Link, useParams } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { JSX } from 'react';
import { formatInstant } from '../../../shared/dates';
import type { StaffRole } from '../../../shared/domain';
import type { ResidentProfileDetails, ResidentUnitRef } from '../../../shared/hub-api/residents';
import { hubRoutes } from '../../../shared/hub-api/routes';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { EditResidentForm } from './EditResidentForm';
import { MoveOutForm } from './MoveOutForm';
import { useStaffRole } from '../console/staff-context';
import { forgetProfile, useHousehold, useOpenedProfile } from './queries';
import { localPhone, residentErrorOverrides, roleKey } from './resident-text';
import './residents.css';

const day = (iso: string): string => formatInstant(iso).slice(0, 10);

/** Move-out is offered to the roles the hub's route table lets call it (the one place role checks live). */
function mayMoveOut(role: StaffRole | null): boolean {
  const caller = hubRoutes['staff.moveOutResident'].caller;
  return role !== null && caller.kind === 'staff' && (caller.roles as readonly StaffRole[]).includes(role);
}

function Household({ unit, residentId }: { unit: ResidentUnitRef; residentId: string }): JSX.Element {
  const t = useT();
  const household = useHousehold(unit.unitId);
  return (
    <section className="residents-box" aria-labelledby={`household-${unit.unitId}`} data-testid="resident-household">
      <h2 id={`household-${unit.unitId}`} className="console-section-title">
        {t('consoleResidents:household.title', { unit: unit.label })}
      </h2>
      {household.isPending ? <p className="console-muted">{t('consoleResidents:household.loading')}</p> : null}
      {household.isError ? <ErrorMessage error={toAppError(household.error)} overrides={residentErrorOverrides} onRetry={() => void household.refetch()} /> : null}
      {household.data && household.data.members.length === 0 ? <p className="console-muted">{t('consoleResidents:household.empty')}</p> : null}
      {household.data && household.data.members.length > 0 ? (
        <table className="residents-household-table">
          <thead>
            <tr>
              <th scope="col">{t('consoleResidents:column.name')}</th>
              <th scope="col">{t('consoleResidents:household.role')}</th>
              <th scope="col">{t('consoleResidents:column.phone')}</th>
              <th scope="col">{t('consoleResidents:column.email')}</th>
              <th scope="col">{t('consoleResidents:household.since')}</th>
            </tr>
          </thead>
          <tbody>
            {household.data.members.map((m) => (
              <tr key={m.residentId} className={m.residentId === residentId ? 'residents-self' : undefined} data-testid="household-member">
                <td>
                  {m.fullName} {m.residentId === residentId ? <span className="console-muted">{t('consoleResidents:household.self')}</span> : null}
                </td>
                <td>{t(roleKey[m.role])}</td>
                <td className="residents-masked">{m.phoneMasked}</td>
                <td className="residents-masked">{m.emailMasked ?? '—'}</td>
                <td>{day(m.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Details({ resident, reason }: { resident: ResidentProfileDetails; reason: string }): JSX.Element {
  const t = useT();
  const none = <span className="console-muted">{t('consoleResidents:profile.none')}</span>;
  return (
    <section className="residents-box" aria-labelledby="resident-details-title">
      <h2 id="resident-details-title" className="console-section-title">
        {t('consoleResidents:profile.details')}
      </h2>
      <p className="residents-opened-for" data-testid="resident-opened-for">
        {t('consoleResidents:profile.openedFor', { reason })}
      </p>
      <dl className="residents-details">
        <dt>{t('consoleResidents:profile.phone')}</dt>
        <dd data-testid="resident-phone">{localPhone(resident.phoneE164)}</dd>
        <dt>{t('consoleResidents:profile.email')}</dt>
        <dd data-testid="resident-email">{resident.email ?? none}</dd>
        <dt>{t('consoleResidents:profile.address')}</dt>
        <dd data-testid="resident-address">{resident.contactAddress ?? none}</dd>
        <dt>{t('consoleResidents:profile.units')}</dt>
        <dd>
          {resident.units.length === 0
            ? none
            : resident.units.map((u) => (
                <span key={u.unitId} className="residents-unit">
                  <strong>{u.label}</strong> {t(roleKey[u.role])}
                  {u.primary ? <span className="console-muted"> · {t('consoleResidents:profile.primary')}</span> : null}
                </span>
              ))}
        </dd>
        <dt>{t('consoleResidents:profile.building')}</dt>
        <dd>{resident.buildingName}</dd>
        <dt>{t('consoleResidents:profile.createdAt')}</dt>
        <dd>{formatInstant(resident.createdAt)}</dd>
        <dt>{t('consoleResidents:profile.updatedAt')}</dt>
        <dd>{formatInstant(resident.updatedAt)}</dd>
      </dl>
    </section>
  );
}

/**
 * A resident's profile, shown only after an audited opening put it in the cache. Leaving the
 * page drops it, so the next look needs a purpose again.
 */
export function ResidentProfilePage(): JSX.Element {
  const t = useT();
  const { residentId } = useParams({ from: '/residents/$residentId' });
  const opened = useOpenedProfile(residentId);
  const role = useStaffRole();
  const queryClient = useQueryClient();
  useEffect(() => () => forgetProfile(queryClient, residentId), [queryClient, residentId]);

  const back = (
    <Link to="/residents" className="console-link residents-back" data-testid="residents-back">
      {t('consoleResidents:profile.back')}
    </Link>
  );
  if (!opened) {
    return (
      <section className="console-page residents-page" data-testid="resident-closed">
        {back}
        <p className="console-muted">{t('consoleResidents:profile.closed')}</p>
      </section>
    );
  }
  const { resident, reason } = opened;
  return (
    <section className="console-page residents-page" aria-labelledby="resident-title" data-testid="resident-profile">
      {back}
      <header className="residents-profile-head">
        <h1 id="resident-title" className="console-page-title" data-testid="resident-name">
          {resident.fullName}
        </h1>
        <span className={resident.movedOutAt === null ? 'residents-badge' : 'residents-badge residents-badge-out'} data-testid="resident-status">
          {resident.movedOutAt === null ? t('consoleResidents:profile.living') : t('consoleResidents:profile.movedOut', { date: day(resident.movedOutAt) })}
        </span>
      </header>
      <div className="residents-profile-grid">
        <div className="residents-column">
          <Details resident={resident} reason={reason} />
          {resident.units.map((u) => (
            <Household key={u.unitId} unit={u} residentId={resident.id} />
          ))}
        </div>
        <div className="residents-column">
          <EditResidentForm resident={resident} />
          {resident.movedOutAt === null && mayMoveOut(role) ? <MoveOutForm resident={resident} /> : null}
          {resident.movedOutAt === null && role !== null && !mayMoveOut(role) ? <p className="console-muted">{t('consoleResidents:moveOut.onlyManagers')}</p> : null}
        </div>
      </div>
    </section>
  );
}
