import type { OtpService } from '../services/otp';
import type { SessionService } from '../services/sessions';
import type { HandlersOf } from '../http/register-routes';

export function createAuthHandlers(deps: { otp: OtpService; sessions: SessionService }): HandlersOf<'auth.requestOtp' | 'auth.verifyOtp' | 'auth.signOut'> {
  return {
    'auth.requestOtp': async ({ body }, { device }) => deps.otp.requestCode({ phone: body.phone, device }),
    'auth.verifyOtp': async ({ body }, { device }) => {
      const { residentId } = await deps.otp.verifyCode({ requestId: body.requestId, code: body.code, device });
      return deps.sessions.start(residentId, device);
    },
    // The caller check already proved the token live and bound to this device.
    'auth.signOut': async (_input, { sessionId }) => {
      await deps.sessions.revoke(sessionId);
      return { signedOut: true };
    },
  };
}
