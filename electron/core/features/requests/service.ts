/**
 * "My requests" in the kiosk core: the resident's data-subject requests, a deletion confirmed
 * with a fresh code, an export, a cancellation. All of it needs the hub live (a deletion's code
 * is checked there and then, and a list from earlier could show a request as cancellable after
 * it ran), so nothing goes through the outbox and nothing is written to the session cache:
 * an unreachable hub is `hub_unavailable`, and the screen keeps what the resident chose.
 */
import type { CreateRequestInput, DeletionCodeSent, RequestsView } from '../../../../shared/contract/requests';
import { maskEmail, maskPhoneLocal } from '../../../../shared/profile';
import type { MyRequest } from '../../../../shared/requests';
import { KiotError } from '../../../../shared/result';
import type { HubClient } from '../../platform/hub-client';
import { assertSameSession, requireSignedIn } from '../../session/guards';
import type { Session } from '../../session/resident-session';

export type RequestsServiceDeps = {
  session: Session;
  hub: Pick<HubClient, 'call'>;
};

export type RequestsService = {
  list(): Promise<RequestsView>;
  sendDeletionCode(): Promise<DeletionCodeSent>;
  create(input: CreateRequestInput): Promise<{ request: MyRequest; created: boolean }>;
  cancel(requestId: string): Promise<MyRequest>;
};

export function createRequestsService(deps: RequestsServiceDeps): RequestsService {
  const { session, hub } = deps;
  /**
   * The challenge the last deletion code answers, in memory only and tied to the session it was
   * sent in: a code typed in a later session (another resident) never meets it.
   */
  let challenge: { id: string; epoch: number } | null = null;

  async function live<T>(run: (token: string) => Promise<T>, touch = true): Promise<T> {
    const token = requireSignedIn(session);
    if (touch) session.activity();
    const epoch = session.epoch;
    const result = await run(token);
    // A late answer must not reach the next resident's session.
    assertSameSession(session, epoch);
    return result;
  }

  return {
    // A screen opening or refreshing its list is not the resident acting: it does not keep the session alive.
    list: () =>
      live(async (token) => {
        const [{ requests }, { details }] = await Promise.all([hub.call('me.requests', { token }), hub.call('me.profile', { token })]);
        return { requests, contact: { phoneMasked: maskPhoneLocal(details.phone), emailMasked: details.email === null ? null : maskEmail(details.email) } };
      }, false),

    sendDeletionCode: () =>
      live(async (token) => {
        const epoch = session.epoch;
        const sent = await hub.call('me.requestOtp', { token });
        challenge = { id: sent.challengeId, epoch };
        return { expiresAt: sent.expiresAt, resendAfterSeconds: sent.resendAfterSeconds, phoneMasked: sent.phoneMasked };
      }),

    create: (input) =>
      live(async (token) => {
        switch (input.kind) {
          case 'export':
            return hub.call('me.createRequest', { token, body: { kind: 'export' } });
          case 'deletion': {
            const current = challenge !== null && challenge.epoch === session.epoch ? challenge : null;
            // No code was asked for in this session: the resident is sent back to ask for one.
            if (current === null) throw new KiotError('code_expired', 'No deletion code was sent in this session');
            const result = await hub.call('me.createRequest', { token, body: { kind: 'deletion', finalNotice: input.finalNotice, otpChallengeId: current.id, code: input.code } });
            challenge = null;
            return result;
          }
          default:
            throw new KiotError('invalid_input', 'Unknown request kind');
        }
      }),

    cancel: (requestId) => live(async (token) => (await hub.call('me.cancelRequest', { token, params: { id: requestId } })).request),
  };
}
