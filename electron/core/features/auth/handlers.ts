import type { DomainHandlers } from '../../api';
import type { AuthService } from './service';

export function createAuthHandlers(auth: AuthService): DomainHandlers<'auth'> {
  return {
    'auth:requestOtp': async ({ phone }) => auth.requestOtp(phone),
    'auth:resendOtp': async () => auth.resendOtp(),
    'auth:verifyOtp': async ({ code }) => ({ resident: await auth.verifyOtp(code) }),
  };
}
