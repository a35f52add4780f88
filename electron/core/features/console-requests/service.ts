/**
 * The console's request queue in the core: each channel is one call to the hub's staff
 * request routes, made with the signed-in staff member's token by the staff hub client. The
 * core keeps nothing: a queue from earlier could offer an action the hub would now refuse, and
 * nothing of a resident may outlive a locked console.
 */
import type { AcknowledgeInput, CompleteInput, ConsoleRequestsPage, ConsoleRequestsQuery, ExtendInput, HoldInput, ReasonInput } from '../../../../shared/contract/console-requests';
import { CONSOLE_REQUESTS_PAGE } from '../../../../shared/contract/console-requests';
import type { StaffExportResponse, StaffRequest } from '../../../../shared/hub-api';
import type { StaffRouteKey, StaffRoutesCaller } from '../../session/staff-session';

export type ConsoleRequestRoute = Extract<
  StaffRouteKey,
  | 'staff.requests'
  | 'staff.request'
  | 'staff.acknowledgeRequest'
  | 'staff.extendRequest'
  | 'staff.holdRequest'
  | 'staff.releaseRequest'
  | 'staff.refuseRequest'
  | 'staff.completeRequest'
  | 'staff.requestExport'
>;

/** What this feature needs of the staff hub client: its routes by key, the token added there. */
export type StaffRouteCaller = StaffRoutesCaller<ConsoleRequestRoute>;

export type ConsoleRequestsService = {
  list(query: ConsoleRequestsQuery): Promise<ConsoleRequestsPage>;
  get(requestId: string): Promise<StaffRequest>;
  acknowledge(input: AcknowledgeInput): Promise<StaffRequest>;
  extend(input: ExtendInput): Promise<StaffRequest>;
  hold(input: HoldInput): Promise<StaffRequest>;
  release(input: ReasonInput): Promise<StaffRequest>;
  refuse(input: ReasonInput): Promise<StaffRequest>;
  complete(input: CompleteInput): Promise<StaffRequest>;
  downloadExport(requestId: string): Promise<StaffExportResponse>;
};

export function createConsoleRequestsService(deps: { staffHub: StaffRouteCaller }): ConsoleRequestsService {
  const { staffHub } = deps;
  const params = (requestId: string): { id: string } => ({ id: requestId });
  return {
    async list(query) {
      const { requests, total } = await staffHub.call('staff.requests', {
        query: {
          ...(query.status !== undefined ? { status: query.status } : {}),
          ...(query.kind !== undefined ? { kind: query.kind } : {}),
          ...(query.overdueOnly === true ? { overdue: 'true' as const } : {}),
          limit: query.limit ?? CONSOLE_REQUESTS_PAGE,
          offset: query.offset ?? 0,
        },
      });
      return { requests, total };
    },
    get: async (requestId) => (await staffHub.call('staff.request', { params: params(requestId) })).request,
    acknowledge: async ({ requestId, thirdPartyInvolved }) => (await staffHub.call('staff.acknowledgeRequest', { params: params(requestId), body: { thirdPartyInvolved } })).request,
    extend: async ({ requestId, days, reason }) => (await staffHub.call('staff.extendRequest', { params: params(requestId), body: { days, reason } })).request,
    hold: async ({ requestId, category, reason }) => (await staffHub.call('staff.holdRequest', { params: params(requestId), body: { category, reason } })).request,
    release: async ({ requestId, reason }) => (await staffHub.call('staff.releaseRequest', { params: params(requestId), body: { reason } })).request,
    refuse: async ({ requestId, reason }) => (await staffHub.call('staff.refuseRequest', { params: params(requestId), body: { reason } })).request,
    complete: async ({ requestId, note }) =>
      (await staffHub.call('staff.completeRequest', { params: params(requestId), body: note !== undefined && note !== '' ? { note } : {} })).request,
    downloadExport: (requestId) => staffHub.call('staff.requestExport', { params: params(requestId) }),
  };
}
