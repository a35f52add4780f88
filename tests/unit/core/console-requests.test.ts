import { describe, expect, it } from 'vitest';
import { createConsoleRequestsHandlers } from '../../../electron/core/features/console-requests/handlers';
import { createConsoleRequestsService } from '../../../electron/core/features/console-requests/service';
import type { ConsoleRequestRoute } from '../../../electron/core/features/console-requests/service';
import { KiotError } from '../../../shared/result';
import { fakeStaffHub as fakeStaffHubOf } from './fake-staff-hub';
import { staffRequest } from '../renderer/manager/requests-fake';

function fakeStaffHub(answer: (key: ConsoleRequestRoute) => unknown = () => ({ request: staffRequest({ id: 'q1', kind: 'objection' }) })): ReturnType<typeof fakeStaffHubOf<ConsoleRequestRoute>> {
  return fakeStaffHubOf<ConsoleRequestRoute>(answer);
}

describe('the console request queue in the core', () => {
  it('asks the hub for a page of the queue with the filters in its wire form', async () => {
    const { hub, calls } = fakeStaffHub(() => ({ requests: [], total: 0 }));
    const queue = createConsoleRequestsService({ staffHub: hub });
    await queue.list({});
    await queue.list({ status: 'on_hold', kind: 'deletion', overdueOnly: true, limit: 10, offset: 20 });
    await queue.list({ overdueOnly: false });
    expect(calls).toEqual([
      { key: 'staff.requests', input: { query: { limit: 50, offset: 0 } } },
      { key: 'staff.requests', input: { query: { status: 'on_hold', kind: 'deletion', overdue: 'true', limit: 10, offset: 20 } } },
      { key: 'staff.requests', input: { query: { limit: 50, offset: 0 } } },
    ]);
  });

  it('sends each action to its route with the request id in the path and the reason in the body', async () => {
    const { hub, calls } = fakeStaffHub();
    const handlers = createConsoleRequestsHandlers(createConsoleRequestsService({ staffHub: hub }));
    const ctx = { requestId: 'r', device: { deviceId: 'd', buildingId: 'b', mode: 'manager' as const }, actor: { kind: 'anonymous' as const }, locale: 'vi' as const };
    await handlers['consoleRequests:acknowledge']({ requestId: 'q1', thirdPartyInvolved: true }, ctx);
    await handlers['consoleRequests:extend']({ requestId: 'q1', days: 5, reason: 'Chờ bên cấp nước' }, ctx);
    await handlers['consoleRequests:hold']({ requestId: 'q1', category: 'dispute', reason: 'Đang tranh chấp' }, ctx);
    await handlers['consoleRequests:release']({ requestId: 'q1', reason: 'Hết tranh chấp' }, ctx);
    await handlers['consoleRequests:refuse']({ requestId: 'q1', reason: 'Không có căn cứ' }, ctx);
    await handlers['consoleRequests:complete']({ requestId: 'q1', note: '' }, ctx);
    await handlers['consoleRequests:complete']({ requestId: 'q1', note: 'Đã giao' }, ctx);
    expect(calls).toEqual([
      { key: 'staff.acknowledgeRequest', input: { params: { id: 'q1' }, body: { thirdPartyInvolved: true } } },
      { key: 'staff.extendRequest', input: { params: { id: 'q1' }, body: { days: 5, reason: 'Chờ bên cấp nước' } } },
      { key: 'staff.holdRequest', input: { params: { id: 'q1' }, body: { category: 'dispute', reason: 'Đang tranh chấp' } } },
      { key: 'staff.releaseRequest', input: { params: { id: 'q1' }, body: { reason: 'Hết tranh chấp' } } },
      { key: 'staff.refuseRequest', input: { params: { id: 'q1' }, body: { reason: 'Không có căn cứ' } } },
      { key: 'staff.completeRequest', input: { params: { id: 'q1' }, body: {} } },
      { key: 'staff.completeRequest', input: { params: { id: 'q1' }, body: { note: 'Đã giao' } } },
    ]);
  });

  it('passes the hub refusal through as a typed error', async () => {
    const { hub } = fakeStaffHub(() => new KiotError('wrong_state', 'already extended'));
    const queue = createConsoleRequestsService({ staffHub: hub });
    await expect(queue.extend({ requestId: 'q1', days: 1, reason: 'Thêm' })).rejects.toMatchObject({ code: 'wrong_state' });
  });
});
