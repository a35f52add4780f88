/**
 * Data-subject requests at the hub, over loopback HTTP, on SQLite and PostgreSQL: a deletion
 * confirmed with a fresh code (and every way of confirming it wrongly), exports, objections,
 * cancelling, the deadlines on a fixed clock, the staff queue's actions with one audit event
 * each, and corrections and consent withdrawals that become tracked requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentsResponse, CorrectionRequestResponse, CreateRequestResponse, DevSmsOutboxResponse, MyRequestResponse, MyRequestsResponse, OtpRequestResponse, OtpVerifyResponse, RequestOtpResponse } from '../../../shared/hub-api';
import type { SyncOperation } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { maskPhoneLocal } from '../../../shared/profile';
import type { MyRequest } from '../../../shared/requests';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import type { AuditTables } from '../../../server/db/audit';
import { requestTables } from '../../../server/db/requests';
import { createIdGenerator } from '../../../server/ids';
import { createCorrectionService } from '../../../server/services/corrections';
import type { StaffActor } from '../../../server/services/requests';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Device, Reply } from './helpers';

type Session = { phone: string; residentId: string; headers: Record<string, string>; sessionId: string };

describe.each(backends)('data-subject requests on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let otherKiosk: Device;
  let spare: { id: string; phone: string }[];
  const newId = createIdGenerator(clock.now, (n) => Buffer.alloc(n, 7));

  beforeAll(async () => {
    database = await backend.create();
    const wide = { windowSeconds: 3600, max: 100_000 };
    hub = await createHub({
      database: database.url,
      devMode: true,
      clock: clock.now,
      logger: silentLogger,
      terminal: { print: () => {} },
      enrollmentLimits: { perAddress: { windowSeconds: 60, max: 1000 }, overall: { windowSeconds: 60, max: 1000 } },
      otpLimits: { perNumber: [wide], perDevice: wide, perBuilding: wide, global: wide },
    });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    otherKiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), 'Sảnh tòa B');
    // Residents the banner and the e2e tests do not use.
    const listed = demo.residents.map((r) => r.phone);
    spare = await db
      .selectFrom('residents')
      .select(['id', 'phone_e164 as phone'])
      .where('building_id', '=', demo.buildingId)
      .where('phone_e164', 'not in', listed)
      .orderBy('id')
      .limit(40)
      .execute();
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  const nextResident = (): { id: string; phone: string } => {
    const r = spare.shift();
    if (!r) throw new Error('out of spare residents');
    return r;
  };

  async function lastCodeTo(phone: string): Promise<{ code: string; body: string }> {
    const outbox = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body);
    const message = outbox.messages.filter((m) => m.to === phone).at(-1);
    const code = message && /\b(\d{6})\b/.exec(message.body)?.[1];
    if (!message || !code) throw new Error('no code to that number');
    return { code, body: message.body };
  }

  async function login(device: Device = kiosk, resident = nextResident()): Promise<Session> {
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: resident.phone }, headers: device.header });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const { code } = await lastCodeTo(resident.phone);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code }, headers: device.header });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const session = OtpVerifyResponse.parse(verified.body);
    return { phone: resident.phone, residentId: resident.id, headers: { ...device.header, authorization: `Bearer ${session.token}` }, sessionId: session.sessionId };
  }

  async function deletionCode(s: Session): Promise<{ challengeId: string; code: string }> {
    const reply = await call(base, 'POST', '/v1/me/requests/otp', { headers: s.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { challengeId } = RequestOtpResponse.parse(reply.body);
    return { challengeId, code: (await lastCodeTo(s.phone)).code };
  }

  const ask = (s: Session, json: unknown): Promise<Reply> => call(base, 'POST', '/v1/me/requests', { json, headers: s.headers });
  const created = (reply: Reply): CreateRequestResponse => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return CreateRequestResponse.parse(reply.body);
  };
  async function mine(s: Session): Promise<MyRequest[]> {
    const reply = await call(base, 'GET', '/v1/me/requests', { headers: s.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return MyRequestsResponse.parse(reply.body).requests;
  }
  const cancel = (s: Session, id: string): Promise<Reply> => call(base, 'POST', `/v1/me/requests/${encodeURIComponent(id)}/cancel`, { headers: s.headers });
  const requestCount = async (residentId: string): Promise<number> =>
    Number((await requestTables(db).selectFrom('data_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('resident_id', '=', residentId).executeTakeFirstOrThrow()).n);

  async function deleteWithCode(s: Session, extra: Record<string, unknown> = {}): Promise<CreateRequestResponse> {
    const { challengeId, code } = await deletionCode(s);
    return created(await ask(s, { kind: 'deletion', otpChallengeId: challengeId, code, ...extra }));
  }

  describe('deletion', () => {
    it('sends a code that says it confirms a deletion, to the resident’s own phone, and answers with it masked', async () => {
      const s = await login();
      const reply = await call(base, 'POST', '/v1/me/requests/otp', { headers: s.headers });
      expect(reply.status).toBe(200);
      const sent = RequestOtpResponse.parse(reply.body);
      expect(sent.phoneMasked).toBe(maskPhoneLocal(s.phone));
      expect(sent.resendAfterSeconds).toBe(60);
      expect(Date.parse(sent.expiresAt) - clock.now().getTime()).toBe(5 * 60 * 1000);
      const { body } = await lastCodeTo(s.phone);
      expect(body).toContain('XÓA dữ liệu cá nhân');
      expect(body).toContain('DELETE');
      // Asked again at once: the resend wait of every code applies.
      const again = await call(base, 'POST', '/v1/me/requests/otp', { headers: s.headers });
      expect(again.status).toBe(429);
      expect(errorOf(again).code).toBe('rate_limited');
    });

    it('is sent straight after sign-in: the resend wait is per kind of code', async () => {
      const resident = nextResident();
      const { requestId } = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: resident.phone }, headers: kiosk.header })).body);
      const { code } = await lastCodeTo(resident.phone);
      const { token } = OtpVerifyResponse.parse((await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code }, headers: kiosk.header })).body);
      const headers = { ...kiosk.header, authorization: `Bearer ${token}` };
      // Straight after the sign-in code: the resident is not made to wait the sign-in code's minute.
      expect((await call(base, 'POST', '/v1/me/requests/otp', { headers })).status).toBe(200);
      // Its own resend wait still holds.
      const again = await call(base, 'POST', '/v1/me/requests/otp', { headers });
      expect(again.status).toBe(429);
      expect(errorOf(again).code).toBe('rate_limited');
    });

    it('with the right code: received, erasure 5 days later, deadlines on the law’s clock, a history line', async () => {
      clock.set(T0); // Wednesday 25/11/2026, 09:35 in Hà Nội
      const s = await login();
      const createdAt = clock.now().toISOString();
      const { request, created: isNew } = await deleteWithCode(s);
      expect(isNew).toBe(true);
      expect(request).toMatchObject({
        kind: 'deletion',
        status: 'received',
        createdAt,
        eraseAt: new Date(Date.parse(createdAt) + 5 * 24 * 3600 * 1000).toISOString(),
        // 2 working days after Wednesday: the end of Friday 27/11, Vietnam time.
        acknowledgeDueAt: '2026-11-27T16:59:59.999Z',
        // 15 days after 25/11: the end of 10/12, Vietnam time.
        actDueAt: '2026-12-10T16:59:59.999Z',
        cancellable: true,
        finalNotice: 'sms',
        holdCategory: null,
        extendedDays: 0,
      });
      expect(request.history).toEqual([{ at: createdAt, action: 'received', actor: 'resident', reason: null }]);
      expect(await mine(s)).toEqual([request]);
    });

    it('without a code, or with a wrong one, refuses and changes nothing; five wrong codes lock it', async () => {
      const s = await login();
      const noCode = await ask(s, { kind: 'deletion' });
      expect(noCode.status).toBe(400);
      expect(errorOf(noCode).code).toBe('invalid_input');
      const { challengeId, code } = await deletionCode(s);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let left = 4; left >= 1; left--) {
        const reply = await ask(s, { kind: 'deletion', otpChallengeId: challengeId, code: wrong });
        expect(reply.status).toBe(401);
        expect(errorOf(reply)).toMatchObject({ code: 'wrong_code', attemptsLeft: left });
      }
      const fifth = await ask(s, { kind: 'deletion', otpChallengeId: challengeId, code: wrong });
      expect(errorOf(fifth).code).toBe('code_locked');
      // The right code no longer works either.
      expect(errorOf(await ask(s, { kind: 'deletion', otpChallengeId: challengeId, code })).code).toBe('code_locked');
      expect(await requestCount(s.residentId)).toBe(0);
    });

    it('refuses an expired code and a used one', async () => {
      const s = await login();
      const old = await deletionCode(s);
      clock.advance(5 * 60 + 1);
      expect(errorOf(await ask(s, { kind: 'deletion', otpChallengeId: old.challengeId, code: old.code })).code).toBe('code_expired');
      expect(await requestCount(s.residentId)).toBe(0);

      clock.advance(61);
      const fresh = await deletionCode(s);
      const first = created(await ask(s, { kind: 'deletion', otpChallengeId: fresh.challengeId, code: fresh.code }));
      expect(first.created).toBe(true);
      // Cancelled, then the same code again: it was spent on the first request.
      expect((await cancel(s, first.request.id)).status).toBe(200);
      const reused = await ask(s, { kind: 'deletion', otpChallengeId: fresh.challengeId, code: fresh.code });
      expect(errorOf(reused).code).toBe('code_expired');
      expect(await requestCount(s.residentId)).toBe(1);
    });

    it('refuses another resident’s challenge, a sign-in challenge and a challenge from another kiosk as a plain wrong code', async () => {
      const s = await login();
      const other = await login();
      const theirs = await deletionCode(other);
      const stolen = await ask(s, { kind: 'deletion', otpChallengeId: theirs.challengeId, code: theirs.code });
      expect(stolen.status).toBe(401);
      expect(errorOf(stolen).code).toBe('wrong_code');

      // A sign-in code, fresh and right, does not confirm a deletion.
      clock.advance(61);
      const signIn = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: s.phone }, headers: kiosk.header })).body);
      const signInCode = (await lastCodeTo(s.phone)).code;
      expect(errorOf(await ask(s, { kind: 'deletion', otpChallengeId: signIn.requestId, code: signInCode })).code).toBe('wrong_code');

      // The resident's own code, asked at another kiosk.
      clock.advance(61);
      const elsewhere = await login(otherKiosk, { id: s.residentId, phone: s.phone });
      const there = await deletionCode(elsewhere);
      expect(errorOf(await ask(s, { kind: 'deletion', otpChallengeId: there.challengeId, code: there.code })).code).toBe('wrong_code');
      expect(await requestCount(s.residentId)).toBe(0);
      expect(await requestCount(other.residentId)).toBe(0);
      // The other resident's code is untouched by the attempt: it still works for them.
      expect(created(await ask(other, { kind: 'deletion', otpChallengeId: theirs.challengeId, code: theirs.code })).created).toBe(true);
    });

    it('never signs anyone in with a deletion code', async () => {
      const s = await login();
      const { challengeId, code } = await deletionCode(s);
      const reply = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId: challengeId, code }, headers: kiosk.header });
      expect(reply.status).not.toBe(200);
      expect(errorOf(reply).code).toBe('code_expired');
    });

    it('asked twice: the second answer is the first request, with no code needed, and nothing new', async () => {
      const s = await login();
      const first = await deleteWithCode(s);
      const again = created(await ask(s, { kind: 'deletion' }));
      expect(again).toEqual({ request: first.request, created: false });
      expect(await requestCount(s.residentId)).toBe(1);
    });

    it('two simultaneous asks make one request', async () => {
      const s = await login();
      const exports = await Promise.all([ask(s, { kind: 'export' }), ask(s, { kind: 'export' }), ask(s, { kind: 'export' })]);
      const answers = exports.map(created);
      expect(answers.filter((a) => a.created)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.request.id)).size).toBe(1);
      expect(await requestCount(s.residentId)).toBe(1);
    });

    it('the same code sent twice at once makes one deletion', async () => {
      const s = await login();
      const { challengeId, code } = await deletionCode(s);
      const replies = await Promise.all([0, 1, 2].map(() => ask(s, { kind: 'deletion', otpChallengeId: challengeId, code })));
      const made = replies.filter((r) => r.status === 200 && CreateRequestResponse.parse(r.body).created);
      expect(made).toHaveLength(1);
      // The others lost the race for the code (already used), or were shown the request just made.
      for (const r of replies.filter((x) => !made.includes(x))) {
        if (r.status === 200) expect(CreateRequestResponse.parse(r.body).created).toBe(false);
        else expect(errorOf(r).code).toBe('code_expired');
      }
      expect(await requestCount(s.residentId)).toBe(1);
    });

    it('email for the final notice only with an email address; a deletion cancels nothing else', async () => {
      const s = await login();
      await db.updateTable('residents').set({ email: null }).where('id', '=', s.residentId).execute();
      const objection = created(await ask(s, { kind: 'objection', details: 'Không muốn nhận tin khảo sát' }));
      const { challengeId, code } = await deletionCode(s);
      const noEmail = await ask(s, { kind: 'deletion', otpChallengeId: challengeId, code, finalNotice: 'email' });
      expect(errorOf(noEmail).code).toBe('invalid_input');
      await db.updateTable('residents').set({ email: 'cu.dan@example.vn' }).where('id', '=', s.residentId).execute();
      const ok = created(await ask(s, { kind: 'deletion', otpChallengeId: challengeId, code, finalNotice: 'email' }));
      expect(ok.request.finalNotice).toBe('email');
      const all = await mine(s);
      expect(all.map((r) => [r.kind, r.status])).toEqual([
        ['deletion', 'received'],
        ['objection', 'received'],
      ]);
      expect(all[1]?.id).toBe(objection.request.id);
    });

    it('cancel within the window: cancelled, with a history line, and no longer cancellable', async () => {
      const first = await login();
      const { request } = await deleteWithCode(first);
      clock.advance(4 * 24 * 3600);
      // Days later, at the kiosk again.
      const s = await login(kiosk, { id: first.residentId, phone: first.phone });
      const reply = await cancel(s, request.id);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const after = MyRequestResponse.parse(reply.body).request;
      expect(after).toMatchObject({ status: 'cancelled', closedAt: clock.now().toISOString(), cancellable: false });
      expect(after.history.map((e) => e.action)).toEqual(['received', 'cancelled']);
      expect(errorOf(await cancel(s, request.id)).code).toBe('wrong_state');
      // A new deletion may be asked once the first is cancelled.
      expect((await deleteWithCode(s)).created).toBe(true);
    });

    it('another resident’s request cannot be cancelled, nor seen', async () => {
      const s = await login();
      const other = await login();
      const { request } = await deleteWithCode(other);
      const reply = await cancel(s, request.id);
      expect(reply.status).toBe(404);
      expect(errorOf(reply).code).toBe('not_found');
      expect(await mine(s)).toEqual([]);
      expect((await mine(other))[0]?.status).toBe('received');
    });
  });

  describe('other kinds', () => {
    it('an export goes by email when there is an address, else to the office; one open at a time', async () => {
      const withEmail = await login();
      await db.updateTable('residents').set({ email: 'xuat.du.lieu@example.vn' }).where('id', '=', withEmail.residentId).execute();
      const byMail = created(await ask(withEmail, { kind: 'export' }));
      expect(byMail.request).toMatchObject({ kind: 'export', exportDelivery: 'email', eraseAt: null, finalNotice: null });
      expect(created(await ask(withEmail, { kind: 'export' })).created).toBe(false);

      const without = await login();
      await db.updateTable('residents').set({ email: null }).where('id', '=', without.residentId).execute();
      expect(created(await ask(without, { kind: 'export' })).request.exportDelivery).toBe('pickup');
    });

    it('objection and restriction need the resident’s words; several may be open', async () => {
      const s = await login();
      for (const kind of ['objection', 'restriction']) {
        const reply = await ask(s, { kind });
        expect(reply.status).toBe(400);
        expect(errorOf(reply).code).toBe('invalid_input');
        expect(errorOf(await ask(s, { kind, details: '   ' })).code).toBe('invalid_input');
      }
      const a = created(await ask(s, { kind: 'objection', details: 'Dùng số điện thoại cho quảng cáo' }));
      const b = created(await ask(s, { kind: 'objection', details: 'Khảo sát' }));
      expect(a.created && b.created).toBe(true);
      expect(a.request.details).toBe('Dùng số điện thoại cho quảng cáo');
    });
  });

  describe('corrections and consent withdrawals', () => {
    it('a correction is a tracked request, closed with the management’s decision and its reason', async () => {
      const s = await login();
      const reply = await call(base, 'POST', '/v1/me/correction-requests', { json: { field: 'name', value: 'Trần Văn Bình' }, headers: s.headers });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const [tracked] = await mine(s);
      expect(tracked).toMatchObject({ kind: 'correction', status: 'received', cancellable: false });
      const staff = await hub.staffAccess.addStaffMember({ buildingId: demo.buildingId, fullName: 'Lê Quản Lý', role: 'manager' });
      const corrections = createCorrectionService({ db, clock: clock.now, newId, requests: hub.requests });
      const correctionId = CorrectionRequestResponse.parse(reply.body).correction.id;
      await corrections.decide({ requestId: correctionId, staffId: staff.id, approve: false, reason: 'Tên khác với hợp đồng' });
      const [closed] = await mine(s);
      expect(closed).toMatchObject({ id: tracked?.id, status: 'refused', refusalReason: 'Tên khác với hợp đồng' });
      expect(closed?.history.map((e) => [e.action, e.actor, e.reason])).toEqual([
        ['received', 'resident', null],
        ['refused', 'staff', 'Tên khác với hợp đồng'],
      ]);
    });

    it('a correction queued offline at the kiosk is tracked once, however often the outbox retries it', async () => {
      const s = await login();
      const op: SyncOperation = {
        id: newId(),
        kind: 'correction.request',
        createdAt: clock.now().toISOString(),
        sessionId: s.sessionId,
        payload: { field: 'address', value: '12 Nguyễn Huệ, Quận 1, TP.HCM' } as SyncOperation['payload'],
      };
      for (let i = 0; i < 2; i++) {
        const reply = await call(base, 'POST', '/v1/sync/push', { json: { operations: [op] }, headers: kiosk.header });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      }
      const requests = await mine(s);
      expect(requests.map((r) => [r.kind, r.status, r.details])).toEqual([['correction', 'received', 'Sửa địa chỉ liên hệ / Contact address correction']]);
    });

    it('a withdrawn consent is a request done at once', async () => {
      const s = await login();
      const consents = ConsentsResponse.parse((await call(base, 'GET', '/v1/me/consents', { headers: s.headers })).body);
      const op = (granted: boolean): SyncOperation => ({
        id: newId(),
        kind: 'consent.set',
        createdAt: clock.now().toISOString(),
        sessionId: s.sessionId,
        payload: { purposeId: 'surveys', granted, policyVersion: consents.policyVersion } as SyncOperation['payload'],
      });
      for (const granted of [true, false]) {
        const reply = await call(base, 'POST', '/v1/sync/push', { json: { operations: [op(granted)] }, headers: kiosk.header });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      }
      await hub.settled();
      const requests = await mine(s);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ kind: 'consent_withdrawal', status: 'done', cancellable: false });
      expect(requests[0]?.history.map((e) => e.action)).toEqual(['received', 'completed']);
    });
  });

  describe('the staff queue', () => {
    let manager: StaffActor;
    let otherBuilding: StaffActor;

    beforeAll(async () => {
      const m = await hub.staffAccess.addStaffMember({ buildingId: demo.buildingId, fullName: 'Phạm Trưởng Ban', role: 'manager' });
      manager = { staffId: m.id, buildingId: demo.buildingId };
      otherBuilding = { staffId: m.id, buildingId: 'another-building' };
    });

    const auditFor = async (requestId: string): Promise<{ action: string; reason: string | null; actor_id: string | null }[]> =>
      db.withTables<AuditTables>().selectFrom('audit_events').select(['action', 'reason', 'actor_id']).where('detail', 'like', `%${requestId}%`).orderBy('seq').execute();

    it('acknowledge with a third party: 20 days to act; each action one audit event with its reason', async () => {
      clock.set(T0);
      const s = await login();
      const { request } = await deleteWithCode(s);
      const acked = await hub.requests.acknowledge(manager, request.id, { thirdPartyInvolved: true });
      expect(acked).toMatchObject({ status: 'acknowledged', thirdPartyInvolved: true, acknowledgedAt: clock.now().toISOString(), actDueAt: '2026-12-15T16:59:59.999Z' });
      await expect(hub.requests.acknowledge(manager, request.id, {})).rejects.toMatchObject({ code: 'wrong_state' });

      const extended = await hub.requests.extend(manager, request.id, { days: 10, reason: 'Chờ đối tác xác nhận' });
      expect(extended).toMatchObject({ extendedDays: 10, extensionReason: 'Chờ đối tác xác nhận', actDueAt: '2026-12-25T16:59:59.999Z' });
      await expect(hub.requests.extend(manager, request.id, { days: 5, reason: 'Lần nữa' })).rejects.toMatchObject({ code: 'wrong_state' });

      expect(await auditFor(request.id)).toEqual([
        { action: 'request.handled', reason: null, actor_id: manager.staffId },
        { action: 'request.handled', reason: 'Chờ đối tác xác nhận', actor_id: manager.staffId },
      ]);
      const [seen] = await mine(s);
      expect(seen).toMatchObject({ extendedDays: 10, extensionReason: 'Chờ đối tác xác nhận' });
      expect(seen?.history.find((e) => e.action === 'extended')?.reason).toBe('Chờ đối tác xác nhận');
    });

    it('a hold shows its category to the resident but never the reason; release goes back to where it was', async () => {
      const s = await login();
      const { request } = await deleteWithCode(s);
      const held = await hub.requests.hold(manager, request.id, { category: 'dispute', reason: 'Tranh chấp phí quản lý đang giải quyết' });
      expect(held).toMatchObject({ status: 'on_hold', holdCategory: 'dispute', holdReason: 'Tranh chấp phí quản lý đang giải quyết' });
      const [seen] = await mine(s);
      expect(seen).toMatchObject({ status: 'on_hold', holdCategory: 'dispute' });
      expect(JSON.stringify(seen)).not.toContain('Tranh chấp phí quản lý');
      await expect(hub.requests.hold(manager, request.id, { category: 'dispute', reason: 'Lại lần nữa' })).rejects.toMatchObject({ code: 'wrong_state' });

      const released = await hub.requests.release(manager, request.id, { reason: 'Đã giải quyết xong' });
      expect(released).toMatchObject({ status: 'received', holdCategory: null, holdReason: null });
      await expect(hub.requests.release(manager, request.id, { reason: 'Không bị giữ' })).rejects.toMatchObject({ code: 'wrong_state' });
      expect((await auditFor(request.id)).map((e) => e.reason)).toEqual(['Tranh chấp phí quản lý đang giải quyết', 'Đã giải quyết xong']);
    });

    it('refuse tells the resident why; a closed request takes no more actions; a deletion is not completed by hand', async () => {
      const s = await login();
      const objection = created(await ask(s, { kind: 'objection', details: 'Không đồng ý chia sẻ dữ liệu' })).request;
      const refused = await hub.requests.refuse(manager, objection.id, { reason: 'Dữ liệu cần để tính phí dịch vụ' });
      expect(refused).toMatchObject({ status: 'refused', refusalReason: 'Dữ liệu cần để tính phí dịch vụ', cancellable: false });
      expect((await mine(s))[0]).toMatchObject({ status: 'refused', refusalReason: 'Dữ liệu cần để tính phí dịch vụ' });
      for (const action of [
        () => hub.requests.acknowledge(manager, objection.id, {}),
        () => hub.requests.hold(manager, objection.id, { category: 'dispute', reason: 'Không được' }),
        () => hub.requests.complete(manager, objection.id, {}),
        () => hub.requests.extend(manager, objection.id, { days: 3, reason: 'Không được' }),
      ]) {
        await expect(action()).rejects.toMatchObject({ code: 'wrong_state' });
      }
      expect(errorOf(await cancel(s, objection.id)).code).toBe('wrong_state');

      const { request: deletion } = await deleteWithCode(s);
      await expect(hub.requests.complete(manager, deletion.id, {})).rejects.toMatchObject({ code: 'wrong_state' });
      expect(await auditFor(deletion.id)).toEqual([]);
    });

    it('an export completes and downloads only once prepared; the download is audited', async () => {
      const s = await login();
      const { request } = created(await ask(s, { kind: 'export' }));
      await expect(hub.requests.complete(manager, request.id, {})).rejects.toMatchObject({ code: 'wrong_state' });
      await expect(hub.requests.downloadExport(manager, request.id)).rejects.toMatchObject({ code: 'wrong_state' });
      const preparedAt = clock.now().toISOString();
      await requestTables(db)
        .updateTable('data_requests')
        .set({ export_json: JSON.stringify({ resident: { id: s.residentId } }), export_summary: 'Tóm tắt / Summary', export_prepared_at: preparedAt })
        .where('id', '=', request.id)
        .execute();
      const download = await hub.requests.downloadExport(manager, request.id);
      expect(download).toMatchObject({ requestId: request.id, preparedAt, data: { resident: { id: s.residentId } }, summary: 'Tóm tắt / Summary' });
      const done = await hub.requests.complete(manager, request.id, { note: 'Đã giao tại văn phòng' });
      expect(done).toMatchObject({ status: 'done', closedAt: clock.now().toISOString() });
      expect((await auditFor(request.id)).map((e) => e.action)).toEqual(['data.exported', 'request.handled']);
    });

    it('staff of another building see nothing; the list puts overdue first and pages with a total', async () => {
      const s = await login();
      const { request } = created(await ask(s, { kind: 'restriction', details: 'Chỉ dùng email để liên lạc' }));
      await expect(hub.requests.get(otherBuilding, request.id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(hub.requests.acknowledge(otherBuilding, request.id, {})).rejects.toMatchObject({ code: 'not_found' });
      expect(await hub.requests.list(otherBuilding, { limit: 50, offset: 0 })).toEqual({ requests: [], total: 0 });

      // Three working days later the restriction is past its acknowledgement deadline.
      clock.advance(7 * 24 * 3600);
      const mineOnly = await hub.requests.list(manager, { residentId: s.residentId, limit: 50, offset: 0 });
      expect(mineOnly.total).toBe(1);
      expect(mineOnly.requests[0]).toMatchObject({ id: request.id, overdueAcknowledge: true, residentId: s.residentId, unitLabels: [expect.any(String)] });
      expect(mineOnly.requests[0]?.residentName).toEqual(expect.any(String));

      const page = await hub.requests.list(manager, { limit: 3, offset: 0 });
      expect(page.requests).toHaveLength(3);
      expect(page.total).toBeGreaterThan(3);
      const all = await hub.requests.list(manager, { limit: 200, offset: 0 });
      const flags = all.requests.map((r) => r.overdueAcknowledge || r.overdueAct);
      expect(flags.indexOf(false)).toBeGreaterThan(0);
      expect(flags.slice(flags.indexOf(false))).not.toContain(true);
      const overdue = await hub.requests.list(manager, { overdue: 'true', limit: 200, offset: 0 });
      expect(overdue.total).toBe(flags.filter(Boolean).length);
      const kinds = await hub.requests.list(manager, { kind: 'restriction', status: 'received', limit: 200, offset: 0 });
      expect(kinds.requests.every((r) => r.kind === 'restriction' && r.status === 'received')).toBe(true);
    });
  });
});
