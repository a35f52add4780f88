import { describe, expect, it } from 'vitest';
import { countSessionEntries } from '../../../../../electron/core/db/session-cache';
import type { Bill } from '../../../../../shared/domain';
import { fillPath, hubRoutes } from '../../../../../shared/hub-api';
import type { PaymentIntent } from '../../../../../shared/payments';
import { bills, jsonResponse, TOKEN, useCoreHarness } from '../../core-harness';

const intent: PaymentIntent = {
  id: 'pi_1',
  code: 'KT7H3M9Q2X',
  billIds: ['bill_1'],
  amountVnd: 845_000,
  receivedVnd: 0,
  status: 'open',
  createdAt: '2026-11-25T03:00:00.000Z',
  expiresAt: '2026-11-26T03:00:00.000Z',
  paidAt: null,
  account: { bankBin: '970436', bankName: 'Vietcombank', accountNumber: '0011004567890', accountName: 'BAN QUAN TRI TOA SEN' },
  qrPayload: '00020101021238570010A00000072701270006970436011300110045678900208QRIBFTTA530370454068450005802VN62140810KT7H3M9Q2X6304ABCD',
};
const paid: PaymentIntent = { ...intent, receivedVnd: 845_000, status: 'paid', paidAt: '2026-11-25T03:02:00.000Z' };
const paidBill: Bill = { ...bills[0]!, status: 'paid', paidVnd: 845_000, paidAt: '2026-11-25T03:02:00.000Z' };

const paths = {
  create: `POST ${hubRoutes['me.createPayment'].path}`,
  wait: `GET ${fillPath(hubRoutes['me.payment'].path, { id: 'pi_1' })}`,
  cancel: `POST ${fillPath(hubRoutes['me.cancelPayment'].path, { id: 'pi_1' })}`,
  bills: `GET ${hubRoutes['me.bills'].path}`,
};

describe('payments feature', () => {
  const h = useCoreHarness();
  /** Every URL the core asked for, with its query. */
  const urls: URL[] = [];
  const recordingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    urls.push(new URL(String(input)));
    return h.hub.fetch(input, init);
  }) as typeof fetch;
  const waitQueries = (): Record<string, string>[] => urls.filter((u) => u.pathname === fillPath(hubRoutes['me.payment'].path, { id: 'pi_1' })).map((u) => Object.fromEntries(u.searchParams));

  it('opens an intent for the bills, as the signed-in resident', async () => {
    h.hub.routes.set(paths.create, () => jsonResponse(200, { payment: intent }));
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('payments:create', { billIds: ['bill_1'] })).resolves.toEqual({ ok: true, value: { payment: intent } });
    const call = h.hub.calls.at(-1)!;
    expect(call.body).toEqual({ billIds: ['bill_1'] });
    expect(call.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('asks at once the first time, then long-polls for a change for 20 s at a time, whatever the hub timeout', async () => {
    urls.length = 0;
    h.hub.routes.set(paths.wait, () => jsonResponse(200, { payment: intent, bills: [bills[0]] }));
    const core = await h.start({}, { fetch: recordingFetch });
    await h.signIn(core);
    await expect(core.dispatch('payments:wait', { id: 'pi_1' })).resolves.toEqual({ ok: true, value: { payment: intent, bills: [bills[0]] } });
    await core.dispatch('payments:wait', { id: 'pi_1', seen: 'open' });
    // The hub client's 10 s timeout does not shorten the wait: it adds the wait to its deadline.
    expect(waitQueries()).toEqual([{ waitMs: '0' }, { waitMs: '20000', seen: 'open' }]);
  });

  it('when the money arrived, the cached bills show it paid without asking the hub for the bills again', async () => {
    h.hub.routes.set(paths.wait, () => jsonResponse(200, { payment: paid, bills: [paidBill] }));
    const core = await h.start();
    await h.signIn(core);
    expect(await core.dispatch('bills:list', {})).toMatchObject({ ok: true, value: { bills } });
    await expect(core.dispatch('payments:wait', { id: 'pi_1', seen: 'open' })).resolves.toEqual({ ok: true, value: { payment: paid, bills: [paidBill] } });
    const billCalls = h.hub.calls.filter((c) => `${c.method} ${c.path}` === paths.bills).length;
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toEqual({ ok: true, value: { bill: paidBill } });
    expect(h.hub.calls.filter((c) => `${c.method} ${c.path}` === paths.bills)).toHaveLength(billCalls);
  });

  it("drops a long poll's answer that comes after the session ended, writing nothing for the next resident", async () => {
    let answer: (r: Response) => void = () => {};
    h.hub.routes.set(paths.wait, () => new Promise<Response>((resolve) => (answer = resolve)));
    const core = await h.start();
    await h.signIn(core);
    const waiting = core.dispatch('payments:wait', { id: 'pi_1', seen: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await core.lock('idle');
    expect(await h.peek((db) => countSessionEntries(db))).toBe(0);
    // The next resident signs in and their bills are cached; then the old answer arrives.
    await h.signIn(core);
    expect(await core.dispatch('bills:list', {})).toMatchObject({ ok: true });
    answer(jsonResponse(200, { payment: paid, bills: [paidBill] }));
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toEqual({ ok: true, value: { bill: bills[0] } });
  });

  it('refuses without a signed-in resident, and says hub_unavailable when the hub cannot be reached', async () => {
    const core = await h.start();
    await expect(core.dispatch('payments:create', { billIds: ['bill_1'] })).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await h.signIn(core);
    h.hub.down = true;
    await expect(core.dispatch('payments:wait', { id: 'pi_1', seen: 'open' })).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
  });

  it('cancels an intent at the hub', async () => {
    const cancelled = { ...intent, status: 'cancelled' as const };
    h.hub.routes.set(paths.cancel, () => jsonResponse(200, { payment: cancelled }));
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('payments:cancel', { id: 'pi_1' })).resolves.toEqual({ ok: true, value: { payment: cancelled } });
    expect(h.hub.calls.at(-1)!.path).toBe('/v1/me/payments/pi_1/cancel');
  });
});
