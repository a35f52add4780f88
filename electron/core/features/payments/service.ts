/**
 * Paying bills by VietQR in the kiosk core: open a payment intent at the hub, wait for the bank's
 * confirmation by long poll, close an intent. All of it needs the hub live — a payment code only
 * means something once the hub holds it — so nothing goes through the outbox: an unreachable hub
 * is `hub_unavailable`, and the pay screen keeps what it already shows.
 *
 * When the hub says money arrived, the intent's bills replace their copies in the session cache,
 * so `bills:list` and `bills:get` show them paid without waiting for the next sign-in.
 */
import type { PaymentState } from '../../../../shared/contract/payments';
import type { Bill } from '../../../../shared/domain';
import type { PaymentIntent, PaymentIntentStatus } from '../../../../shared/payments';
import type { HubClient } from '../../platform/hub-client';
import { assertSameSession, requireSignedIn } from '../../session/guards';
import type { Session } from '../../session/resident-session';
import type { SessionCache } from '../../session/session-cache';

/**
 * How long one `payments:wait` waits at the hub when nothing changes. The hub client adds this
 * wait to its own timeout for the call (`longPollWaitMs` in platform/hub-client.ts).
 */
export const PAYMENT_WAIT_MS = 20_000;

export type PaymentsServiceDeps = {
  session: Session;
  hub: Pick<HubClient, 'call'>;
  cache: SessionCache;
};

export type PaymentsService = {
  create(billIds: readonly string[]): Promise<PaymentIntent>;
  wait(id: string, seen: PaymentIntentStatus | undefined): Promise<PaymentState>;
  cancel(id: string): Promise<PaymentIntent>;
};

export function createPaymentsService(deps: PaymentsServiceDeps): PaymentsService {
  const { session, hub, cache } = deps;

  async function live<T>(run: (token: string) => Promise<T>, touch: boolean): Promise<T> {
    const token = requireSignedIn(session);
    if (touch) session.activity();
    const epoch = session.epoch;
    const result = await run(token);
    // A late answer (a long poll that outlived the session) must not reach the next resident.
    assertSameSession(session, epoch);
    return result;
  }

  /** Written only by the bills feature and here, from the hub's validated responses. */
  const refreshCachedBills = (fresh: readonly Bill[]): void => {
    const cached = cache.get('bills') as Bill[] | undefined;
    if (cached === undefined) return;
    const byId = new Map(fresh.map((b) => [b.id, b]));
    cache.put(
      'bills',
      cached.map((b) => byId.get(b.id) ?? b),
    );
  };

  return {
    create: (billIds) => live(async (token) => (await hub.call('me.createPayment', { token, body: { billIds: [...billIds] } })).payment, true),

    // Waiting is not the resident acting: a pay screen left open still locks when they walk away.
    wait: (id, seen) =>
      live(async (token) => {
        const epoch = session.epoch;
        const query = seen === undefined ? { waitMs: 0 } : { waitMs: PAYMENT_WAIT_MS, seen };
        const state = await hub.call('me.payment', { token, params: { id }, query });
        // Checked before the cache is written: after a lock it may hold the next resident's bills.
        assertSameSession(session, epoch);
        if (state.payment.receivedVnd > 0 || state.payment.status !== 'open') refreshCachedBills(state.bills);
        return { payment: state.payment, bills: state.bills };
      }, false),

    cancel: (id) => live(async (token) => (await hub.call('me.cancelPayment', { token, params: { id } })).payment, true),
  };
}
