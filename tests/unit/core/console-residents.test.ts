import { describe, expect, it } from 'vitest';
import { createConsoleResidentsHandlers } from '../../../electron/core/features/console-residents/handlers';
import { createConsoleResidentsService } from '../../../electron/core/features/console-residents/service';
import type { ConsoleResidentRoute } from '../../../electron/core/features/console-residents/service';
import { KiotError } from '../../../shared/result';
import { fakeStaffHub as fakeStaffHubOf } from './fake-staff-hub';
import { fakeResident } from '../renderer/manager/residents-fake';

function fakeStaffHub(answer: (key: ConsoleResidentRoute) => unknown = () => ({ resident: fakeResident({ id: 'r1', fullName: 'Nguyễn Văn A' }) })): ReturnType<typeof fakeStaffHubOf<ConsoleResidentRoute>> {
  return fakeStaffHubOf<ConsoleResidentRoute>(answer);
}

const ctx = { requestId: 'r', device: { deviceId: 'd', buildingId: 'b', mode: 'manager' as const }, actor: { kind: 'anonymous' as const }, locale: 'vi' as const };

describe('the console resident directory in the core', () => {
  it('searches with the trimmed text and a page of 25 unless told otherwise', async () => {
    const { hub, calls } = fakeStaffHub(() => ({ residents: [], total: 0, limit: 25, offset: 0 }));
    const handlers = createConsoleResidentsHandlers(createConsoleResidentsService({ staffHub: hub }));
    await handlers['consoleResidents:search']({ q: '  nguyen van a ' }, ctx);
    await handlers['consoleResidents:search']({ q: '0901', limit: 10, offset: 20 }, ctx);
    expect(calls).toEqual([
      { key: 'staff.residents', input: { query: { q: 'nguyen van a', limit: 25, offset: 0 } } },
      { key: 'staff.residents', input: { query: { q: '0901', limit: 10, offset: 20 } } },
    ]);
  });

  it('sends the purpose and reason of an opening, each edit and the move-out to their routes with the id in the path', async () => {
    const { hub, calls } = fakeStaffHub();
    const handlers = createConsoleResidentsHandlers(createConsoleResidentsService({ staffHub: hub }));
    const opened = await handlers['consoleResidents:open']({ residentId: 'r1', purpose: 'billing', reason: 'Hỏi về hoá đơn tháng 11' }, ctx);
    await handlers['consoleResidents:edit']({ residentId: 'r1', field: 'email', value: 'a@example.vn', reason: 'Cư dân báo sai email' }, ctx);
    await handlers['consoleResidents:moveOut']({ residentId: 'r1', date: '2026-11-20', reason: 'Đã bàn giao căn hộ' }, ctx);
    expect(opened.resident.fullName).toBe('Nguyễn Văn A');
    expect(calls).toEqual([
      { key: 'staff.openResident', input: { params: { id: 'r1' }, body: { purpose: 'billing', reason: 'Hỏi về hoá đơn tháng 11' } } },
      { key: 'staff.editResident', input: { params: { id: 'r1' }, body: { field: 'email', value: 'a@example.vn', reason: 'Cư dân báo sai email' } } },
      { key: 'staff.moveOutResident', input: { params: { id: 'r1' }, body: { date: '2026-11-20', reason: 'Đã bàn giao căn hộ' } } },
    ]);
  });

  it("asks for a unit's household by the unit id", async () => {
    const { hub, calls } = fakeStaffHub(() => ({ unit: { id: 'u1', label: 'A-1203' }, members: [] }));
    const handlers = createConsoleResidentsHandlers(createConsoleResidentsService({ staffHub: hub }));
    expect(await handlers['consoleResidents:household']({ unitId: 'u1' }, ctx)).toEqual({ unit: { id: 'u1', label: 'A-1203' }, members: [] });
    expect(calls).toEqual([{ key: 'staff.household', input: { params: { unitId: 'u1' } } }]);
  });

  it('passes the hub refusal through as a typed error', async () => {
    const { hub } = fakeStaffHub(() => new KiotError('wrong_state', 'already moved out'));
    const residents = createConsoleResidentsService({ staffHub: hub });
    await expect(residents.moveOut({ residentId: 'r1', date: '2026-11-20', reason: 'Lần hai' })).rejects.toMatchObject({ code: 'wrong_state' });
  });
});
