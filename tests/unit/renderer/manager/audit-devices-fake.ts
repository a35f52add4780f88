/**
 * The `consoleAudit` and `consoleDevices` domains of the fake `window.kiot`: the building's
 * audit events with the hub's filters and newest-first order, a chain check, the CSV export
 * (neutralized like the hub's), and a fleet where codes are issued, enrolled and revoked
 * (`wrong_state` for a second revocation). Set `role` to see the hub's refusals.
 */
import type { ChannelName } from '../../../../shared/channels';
import type { KiotApi } from '../../../../shared/kiot-api';
import type { AuditEventView, AuditVerifyResponse, FleetDevice } from '../../../../shared/hub-api';
import type { StaffRole } from '../../../../shared/domain';
import type { Result } from '../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

export type FakeConsoleAuditOptions = {
  events?: AuditEventView[];
  verify?: AuditVerifyResponse;
  /** Who is signed in, for the hub's role checks (admin by default). */
  role?: StaffRole;
};

export type FakeConsoleDevicesOptions = {
  devices?: FleetDevice[];
  role?: StaffRole;
};

const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'role' } };

export function auditEvent(partial: Partial<AuditEventView> & Pick<AuditEventView, 'seq'>): AuditEventView {
  return {
    id: `e-${partial.seq}`,
    at: '2026-11-25T02:35:00.000Z',
    actor: { kind: 'staff', id: 's-1', role: 'manager', name: 'Nguyễn Thị Thu' },
    action: 'profile.viewed',
    residentId: 'r-1',
    reason: 'Kiểm tra hóa đơn',
    detail: null,
    ...partial,
  };
}

export function fleetDevice(partial: Partial<FleetDevice> & Pick<FleetDevice, 'id'>): FleetDevice {
  return {
    name: 'Sảnh tòa A',
    mode: 'kiosk',
    enrolledAt: '2026-11-20T02:00:00.000Z',
    revokedAt: null,
    lastSeenAt: '2026-11-25T02:34:00.000Z',
    version: '1.4.2',
    outboxDepth: 0,
    oldestPendingSeconds: null,
    lastSyncAt: '2026-11-25T02:34:00.000Z',
    lastError: null,
    stale: false,
    ...partial,
  };
}

export function createFakeConsoleAudit(handle: Handle, options: FakeConsoleAuditOptions = {}): KiotApi['consoleAudit'] {
  const events = [...(options.events ?? [])].sort((a, b) => b.seq - a.seq);
  const allowed = (options.role ?? 'admin') !== 'care';
  type Filters = { staffId?: string | undefined; residentId?: string | undefined; action?: string | undefined; from?: string | undefined; to?: string | undefined };
  const matching = (f: Filters): AuditEventView[] =>
    events.filter(
      (e) =>
        (f.staffId === undefined || (e.actor.kind === 'staff' && e.actor.id === f.staffId)) &&
        (f.residentId === undefined || e.residentId === f.residentId) &&
        (f.action === undefined || e.action === f.action) &&
        (f.from === undefined || e.at >= f.from) &&
        (f.to === undefined || e.at < f.to),
    );
  const cell = (v: string): string => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
  return {
    list: (request) =>
      handle('consoleAudit:list', request, () => {
        if (!allowed) return forbidden;
        const found = matching(request).filter((e) => request.upToSeq === undefined || e.seq <= request.upToSeq);
        const offset = request.offset ?? 0;
        const limit = request.limit ?? 50;
        return { ok: true, value: { events: structuredClone(found.slice(offset, offset + limit)), total: found.length, headSeq: request.upToSeq ?? events[0]?.seq ?? 0 } };
      }),
    verify: (request) =>
      handle('consoleAudit:verify', request, () => (allowed ? { ok: true, value: options.verify ?? { ok: true, buildings: [{ buildingId: 'b-1', events: events.length }] } } : forbidden)),
    export: (request) =>
      handle('consoleAudit:export', request, () => {
        if (!allowed) return forbidden;
        const rows = matching(request);
        const csv = `\ufeff"seq","action","reason"\r\n${rows.map((e) => [String(e.seq), e.action, e.reason ?? ''].map(cell).join(',')).join('\r\n')}\r\n`;
        return { ok: true, value: { filename: 'audit-b-1.csv', csv, rows: rows.length, truncated: false } };
      }),
  };
}

export function createFakeConsoleDevices(handle: Handle, options: FakeConsoleDevicesOptions = {}): KiotApi['consoleDevices'] {
  const devices = new Map((options.devices ?? []).map((d) => [d.id, structuredClone(d)]));
  const role = options.role ?? 'admin';
  let codes = 0;
  return {
    list: (request) =>
      handle('consoleDevices:list', request, () =>
        role === 'admin' || role === 'manager' ? { ok: true, value: { devices: structuredClone([...devices.values()]), checkedAt: new Date().toISOString() } } : forbidden,
      ),
    issueCode: (request) =>
      handle('consoleDevices:issueCode', request, () => {
        if (role !== 'admin') return forbidden;
        codes += 1;
        return { ok: true, value: { code: `K7Q2-M9X${codes}`, mode: request.mode, expiresAt: new Date(Date.now() + 86_400_000).toISOString() } };
      }),
    revoke: (request) =>
      handle('consoleDevices:revoke', request, () => {
        if (role !== 'admin') return forbidden;
        const found = devices.get(request.deviceId);
        if (!found) return { ok: false, error: { code: 'not_found', message: 'no such device' } };
        if (found.revokedAt !== null) return { ok: false, error: { code: 'wrong_state', message: 'already revoked' } };
        const revoked: FleetDevice = { ...found, revokedAt: new Date().toISOString(), stale: false };
        devices.set(found.id, revoked);
        return { ok: true, value: { device: structuredClone(revoked) } };
      }),
  };
}
