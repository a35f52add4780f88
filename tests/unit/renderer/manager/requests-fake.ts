/**
 * The `consoleRequests` domain of the fake `window.kiot`: the queue as the hub keeps it, with
 * the hub's order (overdue first, then the nearest deadline), its filters, and its refusals
 * (`wrong_state` for a step the status does not allow, one extension only, no deletion
 * completed by hand, no export before it is prepared).
 */
import type { ChannelName } from '../../../../shared/channels';
import type { KiotApi } from '../../../../shared/kiot-api';
import type { StaffExportResponse, StaffRequest } from '../../../../shared/hub-api/requests';
import type { RequestEvent, RequestStatus } from '../../../../shared/requests';
import type { AppError, Result } from '../../../../shared/result';
import { myRequest } from '../kiosk/requests/fake-requests';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

const DAY_MS = 86_400_000;

export type FakeConsoleRequestsOptions = {
  requests?: StaffRequest[];
  /** Exports prepared by the job, by request id. */
  exports?: Record<string, Omit<StaffExportResponse, 'requestId'>>;
};

/** A request as the hub's staff routes answer it, received at `createdAt`: the resident's view of it, and what only staff see. */
export function staffRequest(partial: Partial<StaffRequest> & Pick<StaffRequest, 'id' | 'kind'>): StaffRequest {
  return {
    // An export in the office is picked up there unless the resident asked otherwise.
    ...myRequest({ exportDelivery: partial.kind === 'export' ? 'pickup' : null, ...partial }),
    buildingId: 'b-1',
    residentId: 'r-1',
    residentName: 'Nguyễn Thị Lan',
    unitLabels: ['A-1203'],
    overdueAcknowledge: false,
    overdueAct: false,
    holdReason: null,
    thirdPartyInvolved: false,
    ...partial,
  };
}

const working: readonly RequestStatus[] = ['received', 'acknowledged', 'in_progress'];
const open: readonly RequestStatus[] = [...working, 'on_hold'];

export function createFakeConsoleRequests(handle: Handle, options: FakeConsoleRequestsOptions = {}): KiotApi['consoleRequests'] {
  const requests = new Map((options.requests ?? []).map((r) => [r.id, structuredClone(r)]));
  const fail = (code: AppError['code'], message: string = code): Result<never> => ({ ok: false, error: { code, message } });
  const step = (
    requestId: string,
    from: readonly RequestStatus[],
    change: (r: StaffRequest) => Partial<StaffRequest> | AppError,
    event: Omit<RequestEvent, 'at' | 'actor'>,
  ): Result<{ request: StaffRequest }> => {
    const found = requests.get(requestId);
    if (!found) return fail('not_found');
    if (!from.includes(found.status)) return fail('wrong_state', `the request is ${found.status}`);
    const changed = change(found);
    if ('code' in changed) return { ok: false, error: changed as AppError };
    const next: StaffRequest = { ...found, ...changed, history: [...found.history, { at: new Date().toISOString(), actor: 'staff', ...event }] };
    requests.set(requestId, next);
    return { ok: true, value: { request: structuredClone(next) } };
  };
  const late = (r: StaffRequest): number => (r.overdueAcknowledge || r.overdueAct ? 0 : 1);
  const nearest = (r: StaffRequest): number => Math.min(Date.parse(r.acknowledgeDueAt), Date.parse(r.actDueAt));

  return {
    list: (request) =>
      handle('consoleRequests:list', request, () => {
        const matching = [...requests.values()]
          .filter((r) => (request.status === undefined || r.status === request.status) && (request.kind === undefined || r.kind === request.kind))
          .filter((r) => request.overdueOnly !== true || r.overdueAcknowledge || r.overdueAct)
          .sort((a, b) => late(a) - late(b) || nearest(a) - nearest(b));
        const offset = request.offset ?? 0;
        return { ok: true, value: { requests: structuredClone(matching.slice(offset, offset + (request.limit ?? 50))), total: matching.length } };
      }),
    get: (request) =>
      handle('consoleRequests:get', request, () => {
        const found = requests.get(request.requestId);
        return found ? { ok: true, value: { request: structuredClone(found) } } : fail('not_found');
      }),
    acknowledge: (request) =>
      handle('consoleRequests:acknowledge', request, () =>
        step(request.requestId, ['received'], () => ({ status: 'acknowledged', acknowledgedAt: new Date().toISOString(), thirdPartyInvolved: request.thirdPartyInvolved, overdueAcknowledge: false }), { action: 'acknowledged', reason: null }),
      ),
    extend: (request) =>
      handle('consoleRequests:extend', request, () =>
        step(
          request.requestId,
          open,
          (r) => (r.extendedDays > 0 ? { code: 'wrong_state', message: 'already extended' } : { extendedDays: request.days, extensionReason: request.reason, actDueAt: new Date(Date.parse(r.actDueAt) + request.days * DAY_MS).toISOString() }),
          { action: 'extended', reason: request.reason },
        ),
      ),
    hold: (request) =>
      handle('consoleRequests:hold', request, () =>
        step(request.requestId, working, () => ({ status: 'on_hold', holdCategory: request.category, holdReason: request.reason }), { action: 'held', reason: request.reason }),
      ),
    release: (request) =>
      handle('consoleRequests:release', request, () =>
        step(request.requestId, ['on_hold'], (r) => ({ status: r.acknowledgedAt !== null ? 'acknowledged' : 'received', holdCategory: null, holdReason: null }), { action: 'released', reason: request.reason }),
      ),
    refuse: (request) =>
      handle('consoleRequests:refuse', request, () =>
        step(request.requestId, open, () => ({ status: 'refused', refusalReason: request.reason, closedAt: new Date().toISOString(), holdCategory: null, holdReason: null, cancellable: false }), { action: 'refused', reason: request.reason }),
      ),
    complete: (request) =>
      handle('consoleRequests:complete', request, () =>
        step(
          request.requestId,
          working,
          (r) => {
            if (r.kind === 'deletion') return { code: 'wrong_state', message: 'a deletion is completed by the erasure job' };
            if (r.kind === 'export' && !options.exports?.[r.id]) return { code: 'wrong_state', message: 'not prepared' };
            return { status: 'done', closedAt: new Date().toISOString(), cancellable: false };
          },
          { action: 'completed', reason: request.note ?? null },
        ),
      ),
    export: (request) =>
      handle('consoleRequests:export', request, () => {
        const found = requests.get(request.requestId);
        if (!found) return fail('not_found');
        const prepared = options.exports?.[found.id];
        if (found.kind !== 'export' || !prepared) return fail('wrong_state', 'not prepared');
        return { ok: true, value: { requestId: found.id, ...structuredClone(prepared) } };
      }),
  };
}
