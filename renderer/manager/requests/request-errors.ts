import type { ErrorOverrides } from '../../i18n/error-text';

/** The queue words the hub's refusals for staff: what state, role or building stood in the way. */
export const requestErrorOverrides: ErrorOverrides = {
  wrong_state: 'consoleRequests:error.wrongState',
  forbidden: 'consoleRequests:error.forbidden',
  not_found: 'consoleRequests:error.notFound',
};
