import type { ResponseOf } from '../../../../shared/contract';
import type { ResidentSummary } from '../../../../shared/domain';
import { maskPhone } from '../../../../shared/phone';
import { normalizeVietnameseMobile } from '../../../../shared/phone-mobile';
import { KiotError } from '../../../../shared/result';
import type { HubClient } from '../../platform/hub-client';
import { assertSameSession } from '../../session/guards';
import type { Session } from '../../session/resident-session';
import type { SessionCache } from '../../session/session-cache';

export type AuthServiceDeps = {
  session: Session;
  hub: Pick<HubClient, 'requestOtp' | 'verifyOtp'>;
  cache: SessionCache;
};

export type CodeSent = ResponseOf<'auth:requestOtp'>;

export type AuthService = {
  /** Phone entry (or the code screen, for another number): sends a code to `phone`. */
  requestOtp(phone: string): Promise<CodeSent>;
  /** Code screen only: sends a new code to the number main kept from the last request. */
  resendOtp(): Promise<CodeSent>;
  verifyOtp(code: string): Promise<ResidentSummary>;
};

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { session, hub, cache } = deps;

  const send = async (e164: string): Promise<CodeSent> => {
    const epoch = session.epoch;
    const sent = await hub.requestOtp({ phone: e164 });
    assertSameSession(session, epoch);
    const maskedPhone = maskPhone(e164);
    session.codeSent({ maskedPhone, requestId: sent.requestId, phone: e164 });
    return { maskedPhone, expiresAt: sent.expiresAt, resendAfterSeconds: sent.resendAfterSeconds };
  };

  return {
    async requestOtp(phone) {
      if (session.state !== 'phone' && session.state !== 'code') {
        throw new KiotError('wrong_state', `Cannot request a code in state ${session.state}`);
      }
      session.activity();
      // The code goes by SMS: a landline or a number no operator hands out would never receive it.
      const e164 = normalizeVietnameseMobile(phone);
      if (e164 === null) throw new KiotError('invalid_input', 'Not a Vietnamese mobile number');
      return send(e164);
    },

    async resendOtp() {
      const phone = session.otpPhone;
      if (session.state !== 'code' || phone === null) {
        throw new KiotError('wrong_state', `Cannot resend a code in state ${session.state}`);
      }
      session.activity();
      return send(phone);
    },

    async verifyOtp(code) {
      const requestId = session.otpRequestId;
      if (session.state !== 'code' || requestId === null) {
        throw new KiotError('wrong_state', `Cannot verify a code in state ${session.state}`);
      }
      session.activity();
      const epoch = session.epoch;
      const verified = await hub.verifyOtp({ requestId, code });
      assertSameSession(session, epoch);
      cache.put('resident', verified.resident);
      session.signedIn({ resident: verified.resident, unitId: verified.unitId, token: verified.token, sessionId: verified.sessionId });
      return verified.resident;
    },
  };
}
