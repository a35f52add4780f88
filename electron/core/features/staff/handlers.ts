import type { DomainHandlers } from '../../api';
import type { StaffSession } from '../../session/staff-session';

/** The console's sign-in, lock and sign-out channels: each one step of the staff session. */
export function createStaffHandlers(session: StaffSession): DomainHandlers<'staff'> {
  return {
    'staff:get': async () => session.view(),
    'staff:signIn': async (request) => session.signIn(request),
    'staff:verify': async ({ code }) => session.verify(code),
    'staff:cancel': async () => session.cancel(),
    'staff:changePassword': async (request) => session.changePassword(request),
    'staff:unlock': async ({ password }) => session.unlock(password),
    'staff:signOut': async () => session.signOut(),
    'staff:activity': async () => {
      session.activity();
      return {};
    },
  };
}
