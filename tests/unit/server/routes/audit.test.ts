import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../../../shared/domain';
import { createAuditHandlers } from '../../../../server/routes/audit';
import type { AuditService } from '../../../../server/services/audit';
import type { AuditLogService } from '../../../../server/services/audit-log';

const auditLog: AuditLogService = {
  list: async () => ({ events: [], total: 0, headSeq: 0 }),
  exportCsv: async () => ({ filename: 'a.csv', csv: '', rows: 0, truncated: false }),
};

/** Records which building each verify was asked for. */
function fakeAudit(): { audit: AuditService; asked: (string | undefined)[] } {
  const asked: (string | undefined)[] = [];
  const audit: AuditService = {
    record: async () => {},
    verify: async (buildingId) => {
      asked.push(buildingId);
      return { ok: true, buildings: [] };
    },
    accessLog: async () => [],
    list: async () => ({ events: [], total: 0, headSeq: 0 }),
  };
  return { audit, asked };
}

const staff = (role: StaffRole): { kind: 'staff'; device: { id: string; buildingId: string; mode: 'manager' }; staffId: string; role: StaffRole; buildingId: string | null; sessionId: string } => ({
  kind: 'staff',
  device: { id: 'd1', buildingId: 'home', mode: 'manager' },
  staffId: 's1',
  role,
  buildingId: role === 'admin' ? null : 'home',
  sessionId: 'ss1',
});

describe('GET /v1/audit/verify handler', () => {
  it('lets an administrator check one building or every building', async () => {
    const { audit, asked } = fakeAudit();
    const verify = createAuditHandlers({ audit, auditLog })['audit.verify'];
    await verify({ body: undefined as never, params: undefined, query: {} }, staff('admin'));
    await verify({ body: undefined as never, params: undefined, query: { buildingId: 'elsewhere' } }, staff('admin'));
    expect(asked).toEqual([undefined, 'elsewhere']);
  });

  it("keeps a manager to their workstation's building", async () => {
    const { audit, asked } = fakeAudit();
    const verify = createAuditHandlers({ audit, auditLog })['audit.verify'];
    await verify({ body: undefined as never, params: undefined, query: {} }, staff('manager'));
    await verify({ body: undefined as never, params: undefined, query: { buildingId: 'home' } }, staff('manager'));
    await expect(verify({ body: undefined as never, params: undefined, query: { buildingId: 'elsewhere' } }, staff('manager'))).rejects.toMatchObject({ code: 'forbidden' });
    expect(asked).toEqual(['home', 'home']);
  });
});
