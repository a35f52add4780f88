/**
 * Which actions the console offers on a request: the hub's route table says which roles may
 * call each route (the one place role checks live), and the request's status says which steps
 * the hub would accept. A button for anything else would only lead to a refusal.
 */
import type { StaffRole } from '../../../shared/domain';
import { hubRoutes } from '../../../shared/hub-api/routes';
import type { StaffRequest } from '../../../shared/hub-api/requests';

export type RequestAction = 'acknowledge' | 'extend' | 'hold' | 'release' | 'refuse' | 'complete' | 'download';

const routeOf = {
  acknowledge: 'staff.acknowledgeRequest',
  extend: 'staff.extendRequest',
  hold: 'staff.holdRequest',
  release: 'staff.releaseRequest',
  refuse: 'staff.refuseRequest',
  complete: 'staff.completeRequest',
  download: 'staff.requestExport',
} as const satisfies Record<RequestAction, keyof typeof hubRoutes>;

export const requestActions: readonly RequestAction[] = ['acknowledge', 'extend', 'hold', 'release', 'refuse', 'complete', 'download'];

/** Whether the hub lets `role` call the route behind `action`. */
export function roleMay(role: StaffRole, action: RequestAction): boolean {
  const caller = hubRoutes[routeOf[action]].caller;
  return caller.kind === 'staff' && (caller.roles as readonly StaffRole[]).includes(role);
}

const working = (status: StaffRequest['status']): boolean => status === 'received' || status === 'acknowledged' || status === 'in_progress';

/** Whether the request's status (and kind) lets `action` happen now, as the hub's service decides it. */
export function statusAllows(request: StaffRequest, action: RequestAction): boolean {
  switch (action) {
    case 'acknowledge':
      return request.status === 'received';
    case 'extend':
      return (working(request.status) || request.status === 'on_hold') && request.extendedDays === 0;
    case 'hold':
      return working(request.status);
    case 'release':
      return request.status === 'on_hold';
    case 'refuse':
      return working(request.status) || request.status === 'on_hold';
    case 'complete':
      // A deletion is completed by the erasure job, never by hand.
      return working(request.status) && request.kind !== 'deletion' && request.residentId !== null;
    case 'download':
      return request.kind === 'export' && request.residentId !== null;
  }
}

/** The actions to show: allowed by the status, and by the role when it is known. */
export function availableActions(request: StaffRequest, role: StaffRole | null): RequestAction[] {
  return requestActions.filter((action) => statusAllows(request, action) && (role === null || roleMay(role, action)));
}
