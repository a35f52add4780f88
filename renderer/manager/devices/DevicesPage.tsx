import { useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { RevokeInput } from '../../../shared/contract/console-devices';
import { formatInstant } from '../../../shared/dates';
import type { DeviceMode } from '../../../shared/domain';
import type { FleetDevice, IssueEnrollmentCodeResponse } from '../../../shared/hub-api/devices';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ErrorOverrides } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import { useStaffRole } from '../console/staff-context';
import './devices.css';
import { EnrollmentCodeQr } from './EnrollmentCodeQr';
import { useFleet, useIssueCode, useRevoke } from './queries';

const overrides: ErrorOverrides = { forbidden: 'consoleDevices:error.forbidden', wrong_state: 'consoleDevices:error.wrongState', not_found: 'consoleDevices:error.notFound' };

const modeKeys: Readonly<Record<DeviceMode, MessageKey>> = { kiosk: 'consoleDevices:mode.kiosk', manager: 'consoleDevices:mode.manager' };

function IssueCodePanel(): JSX.Element {
  const t = useT();
  const [mode, setMode] = useState<DeviceMode>('kiosk');
  const [issued, setIssued] = useState<IssueEnrollmentCodeResponse | null>(null);
  const issue = useIssueCode();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setIssued(null);
    issue.mutate({ mode }, { onSuccess: setIssued });
  };
  return (
    <section className="device-panel" aria-labelledby="issue-title" data-testid="issue-code">
      <h2 id="issue-title" className="device-panel-title">
        {t('consoleDevices:issue.title')}
      </h2>
      <p className="console-muted">{t('consoleDevices:issue.help')}</p>
      <form className="device-toolbar" onSubmit={submit}>
        <label className="device-field">
          <span>{t('consoleDevices:issue.mode')}</span>
          <select data-testid="issue-mode" value={mode} onChange={(e) => setMode(e.target.value === 'manager' ? 'manager' : 'kiosk')}>
            <option value="kiosk">{t(modeKeys.kiosk)}</option>
            <option value="manager">{t(modeKeys.manager)}</option>
          </select>
        </label>
        <button type="submit" className="button" data-testid="issue-submit" disabled={issue.isPending}>
          {issue.isPending ? t('consoleDevices:issue.working') : t('consoleDevices:issue.button')}
        </button>
      </form>
      {issue.isError ? <ErrorMessage error={toAppError(issue.error)} overrides={overrides} /> : null}
      {issued ? (
        <div className="enrollment-code" data-testid="issued-code-box">
          <div>
            <p className="console-muted">
              {t('consoleDevices:issue.code')} · {t(modeKeys[issued.mode])}
            </p>
            <p className="enrollment-code-text" data-testid="issued-code">
              {issued.code}
            </p>
            <p data-testid="issued-expires">{t('consoleDevices:issue.expires', { at: formatInstant(issued.expiresAt) })}</p>
            <p className="console-muted">{t('consoleDevices:issue.once')}</p>
            <button type="button" className="button button-secondary" onClick={() => setIssued(null)}>
              {t('consoleDevices:issue.hide')}
            </button>
          </div>
          <EnrollmentCodeQr code={issued.code} label={t('consoleDevices:issue.qr', { code: issued.code })} />
        </div>
      ) : null}
    </section>
  );
}

function StatusCell({ device }: { device: FleetDevice }): JSX.Element {
  const t = useT();
  if (device.revokedAt !== null) return <span className="device-status device-status-revoked">{t('consoleDevices:status.revoked', { at: formatInstant(device.revokedAt) })}</span>;
  if (device.stale)
    return (
      <span className="device-status device-status-stale" data-testid="device-stale">
        <span aria-hidden="true">⚠ </span>
        {t('consoleDevices:status.stale')}
      </span>
    );
  return <span className="device-status device-status-ok">{t('consoleDevices:status.ok')}</span>;
}

function RevokeForm({ device, onDone }: { device: FleetDevice; onDone: (name: string | null) => void }): JSX.Element {
  const t = useT();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const revoke = useRevoke();
  const valid = RevokeInput.safeParse({ deviceId: device.id, reason }).success;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (!valid) return;
    revoke.mutate({ deviceId: device.id, reason: reason.trim() }, { onSuccess: () => onDone(device.name) });
  };
  return (
    <form className="revoke-form" onSubmit={submit} aria-labelledby={`revoke-${device.id}`} data-testid="revoke-form" noValidate>
      <h3 id={`revoke-${device.id}`}>{t('consoleDevices:revoke.title', { name: device.name })}</h3>
      <p className="console-muted">{t('consoleDevices:revoke.help')}</p>
      <label className="device-field">
        <span>{t('consoleDevices:revoke.reason')}</span>
        <textarea data-testid="revoke-reason" value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} aria-invalid={touched && !valid} />
      </label>
      {touched && !valid ? (
        <p className="form-error" role="alert">
          {t('consoleDevices:revoke.tooShort')}
        </p>
      ) : null}
      {revoke.isError ? <ErrorMessage error={toAppError(revoke.error)} overrides={overrides} /> : null}
      <div className="revoke-actions">
        <button type="submit" className="button button-danger" data-testid="revoke-confirm" disabled={revoke.isPending}>
          {revoke.isPending ? t('consoleDevices:revoke.working') : t('consoleDevices:revoke.confirm')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('consoleDevices:revoke.cancel')}
        </button>
      </div>
    </form>
  );
}

function seconds(t: ReturnType<typeof useT>, value: number | null): string {
  if (value === null) return t('consoleDevices:none');
  return value >= 60 ? t('consoleDevices:minutes', { count: Math.floor(value / 60) }) : t('consoleDevices:seconds', { count: value });
}

function DeviceRow({ device, revoking: open, canRevoke, onRevoke, onDone }: { device: FleetDevice; revoking: boolean; canRevoke: boolean; onRevoke: () => void; onDone: (name: string | null) => void }): JSX.Element {
  const t = useT();
  const rowClass = device.revokedAt !== null ? 'device-row device-row-revoked' : device.stale ? 'device-row device-row-stale' : 'device-row';
  return (
    <>
      <tr className={rowClass} data-testid="device-row" data-device-id={device.id}>
        <td data-testid="device-name">{device.name}</td>
        <td>{t(modeKeys[device.mode])}</td>
        <td>{device.version ?? t('consoleDevices:none')}</td>
        <td className="console-nowrap">{device.lastSeenAt !== null ? formatInstant(device.lastSeenAt) : t('consoleDevices:never')}</td>
        <td>{device.outboxDepth ?? t('consoleDevices:none')}</td>
        <td>{seconds(t, device.oldestPendingSeconds)}</td>
        <td>{device.lastError ?? t('consoleDevices:none')}</td>
        <td>
          <StatusCell device={device} />
        </td>
        <td>
          {device.revokedAt === null && canRevoke ? (
            <button type="button" className="button button-secondary" data-testid="device-revoke" onClick={onRevoke} disabled={open}>
              {t('consoleDevices:revoke.button')}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={9}>
            <RevokeForm device={device} onDone={onDone} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The building's kiosks and workstations: health from their heartbeats, enrollment codes, revocation. */
export function DevicesPage(): JSX.Element {
  const t = useT();
  const fleet = useFleet();
  // Codes and revocation are the administrators' (the hub refuses anyone else); a manager sees the fleet only.
  const role = useStaffRole();
  const isAdmin = role === null || role === 'admin';
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);

  return (
    <section className="console-page devices-page" aria-labelledby="devices-title" data-testid="devices-page">
      <h1 id="devices-title" className="console-page-title">
        {t('consoleDevices:title')}
      </h1>
      {isAdmin ? <IssueCodePanel /> : null}
      <div className="device-toolbar">
        <span className="console-muted">{fleet.data ? t('consoleDevices:checkedAt', { at: formatInstant(fleet.data.checkedAt) }) : ''}</span>
        <button type="button" className="button button-secondary" data-testid="devices-refresh" disabled={fleet.isFetching} onClick={() => void fleet.refetch()}>
          {t('consoleDevices:refresh')}
        </button>
      </div>
      {revokedName !== null ? (
        <p role="status" data-testid="revoke-done">
          {t('consoleDevices:revoke.done', { name: revokedName })}
        </p>
      ) : null}
      {fleet.isPending ? (
        <p className="console-muted" role="status">
          {t('consoleDevices:loading')}
        </p>
      ) : null}
      {fleet.isError ? <ErrorMessage error={toAppError(fleet.error)} overrides={overrides} onRetry={() => void fleet.refetch()} retryDisabled={fleet.isFetching} /> : null}
      {fleet.data && fleet.data.devices.length === 0 ? <p className="console-muted">{t('consoleDevices:empty')}</p> : null}
      {fleet.data && fleet.data.devices.length > 0 ? (
        <div className="console-table-wrap">
          <table className="console-table device-table" data-testid="devices-table">
            <thead>
              <tr>
                <th scope="col">{t('consoleDevices:column.name')}</th>
                <th scope="col">{t('consoleDevices:column.mode')}</th>
                <th scope="col">{t('consoleDevices:column.version')}</th>
                <th scope="col">{t('consoleDevices:column.lastSeen')}</th>
                <th scope="col">{t('consoleDevices:column.outbox')}</th>
                <th scope="col">{t('consoleDevices:column.oldest')}</th>
                <th scope="col">{t('consoleDevices:column.lastError')}</th>
                <th scope="col">{t('consoleDevices:column.status')}</th>
                <th scope="col">{t('consoleDevices:column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {fleet.data.devices.map((device) => (
                <DeviceRow key={device.id} device={device} revoking={revoking === device.id} canRevoke={isAdmin} onRevoke={() => { setRevokedName(null); setRevoking(device.id); }} onDone={(name) => { setRevoking(null); setRevokedName(name); }} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );

}
