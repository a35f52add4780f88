import type { HandlersOf } from '../http/register-routes';
import type { StaffAuthService } from '../services/staff-auth';

type StaffAuthRoutes = 'staffAuth.signIn' | 'staffAuth.verify' | 'staffAuth.changePassword' | 'staffAuth.unlock' | 'staffAuth.signOut' | 'staffAuth.me';

export function createStaffAuthHandlers(deps: { staffAuth: StaffAuthService }): HandlersOf<StaffAuthRoutes> {
  const { staffAuth } = deps;
  return {
    'staffAuth.signIn': async ({ body }, { device }) => staffAuth.signIn({ username: body.username, password: body.password, device }),
    'staffAuth.verify': async ({ body }, { device }) => staffAuth.verify({ challengeId: body.challengeId, code: body.code, device }),
    'staffAuth.changePassword': async ({ body }, staff) => {
      await staffAuth.changePassword(staff, body);
      return { changed: true };
    },
    'staffAuth.unlock': async ({ body }, staff) => staffAuth.unlock(staff, body.password),
    'staffAuth.signOut': async (_input, staff) => {
      await staffAuth.signOut(staff);
      return { signedOut: true };
    },
    'staffAuth.me': async (_input, staff) => staffAuth.me(staff),
  };
}
