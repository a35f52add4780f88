import { describe, expect, it } from 'vitest';
import { countSessionEntries } from '../../../../../electron/core/db/session-cache';
import { hubRoutes } from '../../../../../shared/hub-api';
import type { MyRequest } from '../../../../../shared/requests';
import { jsonResponse, TOKEN, useCoreHarness } from '../../core-harness';
import type { Call } from '../../core-harness';

const paths = {
  list: `GET ${hubRoutes['me.requests'].path}`,
  profile: `GET ${hubRoutes['me.profile'].path}`,
  otp: `POST ${hubRoutes['me.requestOtp'].path}`,
  create: `POST ${hubRoutes['me.createRequest'].path}`,
};

const deletion: MyRequest = {
  id: 'rq_1',
  kind: 'deletion',
  status: 'received',
  createdAt: '2026-11-25T03:00:00.000Z',
  acknowledgeDueAt: '2026-11-27T03:00:00.000Z',
  actDueAt: '2026-12-10T03:00:00.000Z',
  eraseAt: '2026-11-30T03:00:00.000Z',
  acknowledgedAt: null,
  closedAt: null,
  cancellable: true,
  holdCategory: null,
  refusalReason: null,
  extendedDays: 0,
  extensionReason: null,
  exportDelivery: null,
  finalNotice: 'sms',
  details: null,
  history: [{ at: '2026-11-25T03:00:00.000Z', action: 'received', actor: 'resident', reason: null }],
};

const details = { fullName: 'Nguyễn Văn An', units: [{ label: 'A-1203' }], buildingName: 'Tòa Sen', phone: '+84912345678', email: 'an.nguyen@gmail.com', contactAddress: null };

describe('requests feature', () => {
  const h = useCoreHarness();

  function hubAnswers(): void {
    h.hub.routes.set(paths.list, () => jsonResponse(200, { requests: [deletion] }));
    h.hub.routes.set(paths.profile, () => jsonResponse(200, { details, contactChanges: [], corrections: [] }));
    h.hub.routes.set(paths.otp, () => jsonResponse(200, { challengeId: 'ch_1', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60, phoneMasked: '09•• ••• 678' }));
    h.hub.routes.set(paths.create, (call) =>
      (call.body as { code?: string }).code === '654321' || (call.body as { kind: string }).kind === 'export'
        ? jsonResponse(200, { request: deletion, created: true })
        : jsonResponse(401, { error: { code: 'wrong_code', message: 'Wrong code', attemptsLeft: 3 } }),
    );
  }
  const createCalls = (): Call[] => h.hub.calls.filter((c) => `${c.method} ${c.path}` === paths.create);

  it("lists the resident's requests with their contact masked, caching nothing on this kiosk", async () => {
    hubAnswers();
    const core = await h.start();
    await h.signIn(core);
    const cachedBefore = await h.peek((db) => countSessionEntries(db));
    await expect(core.dispatch('requests:list', {})).resolves.toEqual({ ok: true, value: { requests: [deletion], contact: { phoneMasked: '09•• ••• 678', emailMasked: 'a•••@gmail.com' } } });
    expect(h.hub.calls.at(-1)!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await h.peek((db) => countSessionEntries(db))).toBe(cachedBefore);
  });

  it('sends the code, then a deletion carries that challenge and the code; the challenge is spent once it succeeds', async () => {
    hubAnswers();
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('requests:sendDeletionCode', {})).resolves.toEqual({ ok: true, value: { expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60, phoneMasked: '09•• ••• 678' } });
    await expect(core.dispatch('requests:create', { kind: 'deletion', finalNotice: 'email', code: '111111' })).resolves.toMatchObject({ ok: false, error: { code: 'wrong_code', attemptsLeft: 3 } });
    await expect(core.dispatch('requests:create', { kind: 'deletion', finalNotice: 'email', code: '654321' })).resolves.toEqual({ ok: true, value: { request: deletion, created: true } });
    expect(createCalls().map((c) => c.body)).toEqual([
      { kind: 'deletion', finalNotice: 'email', otpChallengeId: 'ch_1', code: '111111' },
      { kind: 'deletion', finalNotice: 'email', otpChallengeId: 'ch_1', code: '654321' },
    ]);
    // A second try needs a new code.
    await expect(core.dispatch('requests:create', { kind: 'deletion', finalNotice: 'sms', code: '654321' })).resolves.toMatchObject({ ok: false, error: { code: 'code_expired' } });
    expect(createCalls()).toHaveLength(2);
  });

  it("does not let a code sent in one resident's session confirm a deletion in the next", async () => {
    hubAnswers();
    const core = await h.start();
    await h.signIn(core);
    await core.dispatch('requests:sendDeletionCode', {});
    await core.dispatch('session:end', {});
    await h.signIn(core);
    await expect(core.dispatch('requests:create', { kind: 'deletion', finalNotice: 'sms', code: '654321' })).resolves.toMatchObject({ ok: false, error: { code: 'code_expired' } });
    expect(createCalls()).toHaveLength(0);
  });

  it('asks for an export with nothing but its kind, and cancels by id', async () => {
    hubAnswers();
    const cancelled = { ...deletion, status: 'cancelled', cancellable: false, closedAt: '2026-11-25T04:00:00.000Z' };
    h.hub.routes.set(`POST ${hubRoutes['me.cancelRequest'].path.replace('{id}', 'rq_1')}`, () => jsonResponse(200, { request: cancelled }));
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('requests:create', { kind: 'export' })).resolves.toMatchObject({ ok: true });
    expect(createCalls().at(-1)!.body).toEqual({ kind: 'export' });
    await expect(core.dispatch('requests:cancel', { requestId: 'rq_1' })).resolves.toEqual({ ok: true, value: { request: cancelled } });
  });

  it('refuses everything to nobody signed in, without calling the hub', async () => {
    hubAnswers();
    const core = await h.start();
    for (const [channel, request] of [
      ['requests:list', {}],
      ['requests:sendDeletionCode', {}],
      ['requests:create', { kind: 'export' }],
      ['requests:cancel', { requestId: 'rq_1' }],
    ] as const) {
      await expect(core.dispatch(channel, request)).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(h.hub.calls.some((c) => c.path.startsWith('/v1/me/'))).toBe(false);
  });

  it('says hub_unavailable when the hub cannot be reached, and refuses a malformed code before it leaves the kiosk', async () => {
    hubAnswers();
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('requests:create', { kind: 'deletion', finalNotice: 'sms', code: '12ab56' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    h.hub.down = true;
    await expect(core.dispatch('requests:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
    await expect(core.dispatch('requests:sendDeletionCode', {})).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
  });

  it('drops an answer that arrives after the session ended', async () => {
    hubAnswers();
    let answer: (r: Response) => void = () => {};
    h.hub.routes.set(paths.otp, () => new Promise<Response>((resolve) => (answer = resolve)));
    const core = await h.start();
    await h.signIn(core);
    const pending = core.dispatch('requests:sendDeletionCode', {});
    await new Promise((r) => setTimeout(r, 10));
    await core.dispatch('session:end', {});
    answer(jsonResponse(200, { challengeId: 'ch_late', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60, phoneMasked: '09•• ••• 678' }));
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
  });
});
