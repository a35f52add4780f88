/**
 * "My information" at the hub, over loopback HTTP, on SQLite and PostgreSQL: the profile,
 * phone and email changes with their codes, and name/address corrections (online and
 * through the outbox), with the management's decisions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContactChangeResponse,
  CorrectionRequestResponse,
  DevMailOutboxResponse,
  DevSmsOutboxResponse,
  OtpRequestResponse,
  OtpVerifyResponse,
  ProfileResponse,
  SyncPushResponse,
} from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { maskPhoneLocal } from '../../../shared/profile';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { profileTables } from '../../../server/db/profile-schema';
import type { AuditTables } from '../../../server/db/audit';
import { createContactChangeService } from '../../../server/services/contact-changes';
import { createCorrectionService } from '../../../server/services/corrections';
import { createIdGenerator } from '../../../server/ids';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Device, Reply } from './helpers';

type Person = { id: string; phone: string; fullName: string; unitLabel: string };

describe.each(backends)('my information on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let spare: Person[];
  const nextResident = (): Person => {
    const resident = spare.shift();
    if (!resident) throw new Error('out of spare residents');
    return resident;
  };
  // Numbers no resident has: a range checked against the seeded residents before the tests.
  const FRESH = '+843699';
  let freshCounter = 0;
  const freshPhone = (): string => `${FRESH}${String((freshCounter += 1)).padStart(5, '0')}`;

  beforeAll(async () => {
    database = await backend.create();
    const enrollmentLimits = { perAddress: { windowSeconds: 60, max: 1000 }, overall: { windowSeconds: 60, max: 1000 } };
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, enrollmentLimits });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    spare = await db
      .selectFrom('residents as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.id as id', 'r.phone_e164 as phone', 'r.full_name as fullName', 'u.label as unitLabel'])
      .where('r.building_id', '=', demo.buildingId)
      .orderBy('r.id')
      .limit(60)
      .execute();
    const collisions = await db.selectFrom('residents').select('id').where('phone_e164', 'like', `${FRESH}%`).execute();
    if (collisions.length > 0) throw new Error('the fresh-number range collides with the seed');
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function sms(): Promise<DevSmsOutboxResponse['messages']> {
    return DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body).messages;
  }
  async function mails(): Promise<DevMailOutboxResponse['messages']> {
    return DevMailOutboxResponse.parse((await call(base, 'GET', '/v1/dev/mail-outbox')).body).messages;
  }
  const codeIn = (text: string): string => {
    const code = /\b(\d{6})\b/.exec(text)?.[1];
    if (!code) throw new Error('no code in the message');
    return code;
  };
  async function lastCodeTo(phone: string): Promise<string> {
    const message = (await sms()).filter((m) => m.to === phone).at(-1);
    if (!message) throw new Error('no SMS to that number');
    return codeIn(message.body);
  }

  type Session = { headers: Record<string, string>; sessionId: string };
  async function login(phone: string): Promise<Session> {
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
    expect(requested.status).toBe(200);
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: await lastCodeTo(phone) }, headers: kiosk.header });
    expect(verified.status).toBe(200);
    const session = OtpVerifyResponse.parse(verified.body);
    return { headers: { ...kiosk.header, authorization: `Bearer ${session.token}` }, sessionId: session.sessionId };
  }

  const profileOf = async (s: Session): Promise<ProfileResponse> => {
    const reply = await call(base, 'GET', '/v1/me/profile', { headers: s.headers });
    expect(reply.status).toBe(200);
    return ProfileResponse.parse(reply.body);
  };
  const start = (s: Session, json: unknown): Promise<Reply> => call(base, 'POST', '/v1/me/contact-changes', { json, headers: s.headers });
  /** `POST /v1/me/contact-changes/{changeId}/verify` with the rest as the body. */
  const verify = (s: Session, { changeId, ...json }: { changeId: string } & Record<string, unknown>): Promise<Reply> =>
    call(base, 'POST', `/v1/me/contact-changes/${encodeURIComponent(changeId)}/verify`, { json, headers: s.headers });
  const changeOf = (reply: Reply): ContactChangeResponse => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return ContactChangeResponse.parse(reply.body);
  };
  const phoneOf = async (residentId: string): Promise<string> =>
    (await db.selectFrom('residents').select('phone_e164').where('id', '=', residentId).executeTakeFirstOrThrow()).phone_e164;

  it('shows the resident their own details: name, unit, building, phone, email and contact address', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    const profile = await profileOf(session);
    expect(profile.details).toMatchObject({ fullName: me.fullName, units: [{ label: me.unitLabel }], buildingName: demo.buildingName, phone: me.phone, contactAddress: null });
    expect(profile.contactChanges).toEqual([]);
    expect(profile.corrections).toEqual([]);
    expect((await call(base, 'GET', '/v1/me/profile', { headers: kiosk.header })).status).toBe(401);
  });

  it('changes the phone only when both codes are verified, then tells the old number; the session keeps working and the next login uses the new number', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    const newPhone = freshPhone();
    const before = (await sms()).length;
    const started = changeOf(await start(session, { kind: 'phone', newPhone: `0${newPhone.slice(3, 5)} ${newPhone.slice(5)}`, hasOldPhone: true }));
    expect(started.change).toMatchObject({ kind: 'phone', status: 'pending', needsOldCode: true, newValueMasked: maskPhoneLocal(newPhone) });
    const sent = (await sms()).slice(before);
    expect(sent.map((m) => m.to).sort()).toEqual([me.phone, newPhone].sort());
    const newCode = codeIn(sent.find((m) => m.to === newPhone)!.body);
    const oldCode = codeIn(sent.find((m) => m.to === me.phone)!.body);
    expect(newCode).not.toBe(oldCode);

    // The new number's code alone changes nothing.
    const half = changeOf(await verify(session, { changeId: started.change.id, target: 'new', code: newCode }));
    expect(half.change).toMatchObject({ status: 'pending', newVerified: true, oldVerified: false });
    expect(await phoneOf(me.id)).toBe(me.phone);
    expect((await profileOf(session)).details.phone).toBe(me.phone);
    // Nor does the new code typed as the old one.
    expect(errorOf(await verify(session, { changeId: started.change.id, target: 'old', code: newCode })).code).toBe('wrong_code');
    expect(await phoneOf(me.id)).toBe(me.phone);

    const noticeBefore = (await sms()).length;
    const done = changeOf(await verify(session, { changeId: started.change.id, target: 'old', code: oldCode }));
    expect(done.change).toMatchObject({ status: 'done', newVerified: true, oldVerified: true });
    expect(await phoneOf(me.id)).toBe(newPhone);

    const notices = (await sms()).slice(noticeBefore);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toBe(me.phone);
    expect(notices[0]!.body).toContain(maskPhoneLocal(newPhone));
    expect(notices[0]!.body).not.toContain(newPhone);

    // Recorded in the audit chain as the resident's own act.
    const events = await db
      .withTables<AuditTables>()
      .selectFrom('audit_events')
      .select(['action', 'actor_kind'])
      .where('resident_id', '=', me.id)
      .execute();
    expect(events).toContainEqual({ action: 'profile.phone_changed', actor_kind: 'resident' });

    // The session that made the change still works, and shows the new number.
    const after = await profileOf(session);
    expect(after.details.phone).toBe(newPhone);
    expect(after.contactChanges[0]).toMatchObject({ id: started.change.id, status: 'done' });
    // The next login is with the new number; the old one no longer signs anyone in.
    await login(newPhone);
    // (Past the login resend interval of the sign-in at the start.)
    clock.advance(61);
    const oldLogin = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: me.phone }, headers: kiosk.header });
    const { requestId } = OtpRequestResponse.parse(oldLogin.body);
    const smsToOld = (await sms()).filter((m) => m.to === me.phone).at(-1)!;
    expect(smsToOld.body).not.toMatch(/đăng nhập của bạn là/);
    expect((await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: '000000' }, headers: kiosk.header })).status).toBe(401);
  });

  it("refuses a number another resident has without saying whose it is, and starts nothing", async () => {
    const me = nextResident();
    const other = nextResident();
    const session = await login(me.phone);
    const before = (await sms()).length;
    const reply = await start(session, { kind: 'phone', newPhone: other.phone, hasOldPhone: true });
    expect(reply.status).toBe(409);
    expect(errorOf(reply).code).toBe('phone_in_use');
    const text = JSON.stringify(reply.body);
    for (const secret of [other.fullName, other.unitLabel, other.id, ...other.fullName.split(' ').filter((w) => w.length > 2)]) expect(text).not.toContain(secret);
    expect(Object.keys((reply.body as { error: object }).error).sort()).toEqual(['code', 'message']);
    expect((await sms()).length).toBe(before);
    expect((await profileOf(session)).contactChanges).toEqual([]);
  });

  it('counts numbers found in use against the limit, so a session cannot probe number after number', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    for (let i = 0; i < 3; i += 1) expect(errorOf(await start(session, { kind: 'phone', newPhone: nextResident().phone, hasOldPhone: true })).code).toBe('phone_in_use');
    const probe = await start(session, { kind: 'phone', newPhone: nextResident().phone, hasOldPhone: true });
    expect(errorOf(probe).code).toBe('rate_limited');
    // The refusals keep no number and do not show in the resident's history.
    const rows = await profileTables(db).selectFrom('contact_changes').select(['status', 'new_value']).where('resident_id', '=', me.id).execute();
    expect(rows).toEqual([
      { status: 'refused', new_value: null },
      { status: 'refused', new_value: null },
      { status: 'refused', new_value: null },
    ]);
    expect((await profileOf(session)).contactChanges).toEqual([]);
  });

  it('answers a wrong code with the attempts left; the fifth wrong one ends the change and nothing is applied', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    const newPhone = freshPhone();
    const { change } = changeOf(await start(session, { kind: 'phone', newPhone, hasOldPhone: true }));
    const right = await lastCodeTo(newPhone);
    const wrong = right === '123456' ? '654321' : '123456';
    for (const left of [4, 3, 2, 1]) {
      const reply = await verify(session, { changeId: change.id, target: 'new', code: wrong });
      expect(reply.status).toBe(401);
      expect(errorOf(reply)).toMatchObject({ code: 'wrong_code', attemptsLeft: left });
    }
    expect(errorOf(await verify(session, { changeId: change.id, target: 'new', code: wrong })).code).toBe('code_locked');
    // Even the right code is worthless now.
    expect(errorOf(await verify(session, { changeId: change.id, target: 'new', code: right })).code).toBe('code_locked');
    expect(await phoneOf(me.id)).toBe(me.phone);
    expect((await profileOf(session)).contactChanges[0]).toMatchObject({ id: change.id, status: 'failed' });
  });

  it('returns the pending change when the same change is started twice, with no second pair of codes before the resend interval', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    const newPhone = freshPhone();
    const before = (await sms()).length;
    const first = changeOf(await start(session, { kind: 'phone', newPhone, hasOldPhone: true }));
    const second = changeOf(await start(session, { kind: 'phone', newPhone, hasOldPhone: true }));
    expect(second.change.id).toBe(first.change.id);
    expect(second.resendAfterSeconds).toBeGreaterThan(0);
    expect((await sms()).length - before).toBe(2);
    expect((await profileOf(session)).contactChanges).toHaveLength(1);

    // After the interval, asking again sends fresh codes for the same change; the old ones stop working.
    const oldNewCode = await lastCodeTo(newPhone);
    clock.advance(61);
    const third = changeOf(await start(session, { kind: 'phone', newPhone, hasOldPhone: true }));
    expect(third.change.id).toBe(first.change.id);
    expect((await sms()).length - before).toBe(4);
    const freshNewCode = await lastCodeTo(newPhone);
    if (freshNewCode !== oldNewCode) expect(errorOf(await verify(session, { changeId: first.change.id, target: 'new', code: oldNewCode })).code).toBe('wrong_code');
    expect(changeOf(await verify(session, { changeId: first.change.id, target: 'new', code: freshNewCode })).change.newVerified).toBe(true);
  });

  it('limits how many changes a resident starts in 15 minutes', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    for (let i = 0; i < 3; i += 1) changeOf(await start(session, { kind: 'phone', newPhone: freshPhone(), hasOldPhone: true }));
    const reply = await start(session, { kind: 'phone', newPhone: freshPhone(), hasOldPhone: true });
    expect(reply.status).toBe(429);
    expect(errorOf(reply).code).toBe('rate_limited');
    expect(errorOf(reply).retryAfterSeconds).toBeGreaterThan(0);
    // A different number replaced the one before: only the newest is still open.
    const open = (await profileOf(session)).contactChanges.filter((c) => c.status === 'pending');
    expect(open).toHaveLength(1);
  });

  it('refuses a number that is not Vietnamese, and an email that cannot be one, with their own codes and nothing started', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    const before = { sms: (await sms()).length, mail: (await mails()).length };
    for (const newPhone of ['+1 415 555 2671', '+44 20 7946 0958', '12345']) {
      const reply = await start(session, { kind: 'phone', newPhone, hasOldPhone: true });
      expect(reply.status).toBe(400);
      expect(errorOf(reply).code).toBe('phone_not_vietnamese');
    }
    for (const newEmail of ['mai', 'mai@', 'mai@gmail', 'm ai@gmail.com', '@gmail.com']) {
      const reply = await start(session, { kind: 'email', newEmail });
      expect(reply.status).toBe(400);
      expect(errorOf(reply).code).toBe('email_invalid');
    }
    expect((await sms()).length).toBe(before.sms);
    expect((await mails()).length).toBe(before.mail);
    expect((await profileOf(session)).contactChanges).toEqual([]);
  });

  it('changes the email with the code sent by mail, and removes it without a code', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    const email = `mai.${randomUUID().slice(0, 8)}@example.vn`;
    const { change } = changeOf(await start(session, { kind: 'email', newEmail: `  ${email.toUpperCase()} ` }));
    expect(change).toMatchObject({ kind: 'email', status: 'pending', needsOldCode: false, newValueMasked: `m•••@example.vn` });
    const mail = (await mails()).filter((m) => m.to === email).at(-1);
    expect(mail).toBeDefined();
    expect(errorOf(await verify(session, { changeId: change.id, target: 'old', code: '111111' })).code).toBe('invalid_input');
    const done = changeOf(await verify(session, { changeId: change.id, target: 'new', code: codeIn(mail!.text) }));
    expect(done.change.status).toBe('done');
    expect((await profileOf(session)).details.email).toBe(email);

    const removed = changeOf(await start(session, { kind: 'email', newEmail: null }));
    expect(removed.change).toMatchObject({ status: 'done', newValueMasked: null });
    expect((await profileOf(session)).details.email).toBeNull();
  });

  it('makes a lost-phone change a request the management verifies: approved applies it, rejected shows the reason', async () => {
    const services = {
      changes: createContactChangeService({
        db,
        clock: clock.now,
        random: (n) => Buffer.alloc(n, 7),
        newId: createIdGenerator(clock.now, (n) => Buffer.alloc(n, 1)),
        sms: { send: async () => {} },
        mail: { send: async () => {} },
        logger: silentLogger,
        hmacKey: Buffer.alloc(32, 3),
        audit: hub.audit,
      }),
    };
    const manager = (await hub.staffAccess.listStaff(demo.buildingId)).find((s) => s.role === 'manager')!;
    for (const approve of [true, false]) {
      const me = nextResident();
      const session = await login(me.phone);
      const newPhone = freshPhone();
      const before = (await sms()).length;
      const { change } = changeOf(await start(session, { kind: 'phone', newPhone, hasOldPhone: false }));
      expect(change.needsOldCode).toBe(false);
      // Only the new number gets a code.
      expect((await sms()).slice(before).map((m) => m.to)).toEqual([newPhone]);
      const proven = changeOf(await verify(session, { changeId: change.id, target: 'new', code: await lastCodeTo(newPhone) }));
      expect(proven.change.status).toBe('awaiting_review');
      expect(await phoneOf(me.id)).toBe(me.phone);

      const decided = await services.changes.decide({ changeId: change.id, staffId: manager.id, approve, reason: approve ? null : 'Vui lòng mang CCCD đến văn phòng' });
      expect(decided.status).toBe(approve ? 'done' : 'rejected');
      expect(await phoneOf(me.id)).toBe(approve ? newPhone : me.phone);
      const seen = (await profileOf(session)).contactChanges[0];
      expect(seen).toMatchObject({ id: change.id, status: approve ? 'done' : 'rejected', reason: approve ? null : 'Vui lòng mang CCCD đến văn phòng' });
      await expect(services.changes.decide({ changeId: change.id, staffId: manager.id, approve: true, reason: null })).rejects.toMatchObject({ code: 'wrong_state' });
    }
  });

  it("answers not_found for another resident's change", async () => {
    const owner = await login(nextResident().phone);
    const stranger = await login(nextResident().phone);
    const { change } = changeOf(await start(owner, { kind: 'phone', newPhone: freshPhone(), hasOldPhone: true }));
    const reply = await verify(stranger, { changeId: change.id, target: 'new', code: '123456' });
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('not_found');
    // …and the attempt did not count against the owner's code.
    const row = await profileTables(db).selectFrom('contact_changes').select('new_attempts').where('id', '=', change.id).executeTakeFirstOrThrow();
    expect(row.new_attempts).toBe(0);
  });

  it('takes name and address corrections online and through the outbox; the management approves or rejects with a reason the resident sees', async () => {
    const me = nextResident();
    const session = await login(me.phone);
    const online = await call(base, 'POST', '/v1/me/correction-requests', { json: { field: 'name', value: '  Nguyễn   Thị Mai  Anh ' }, headers: session.headers });
    expect(online.status).toBe(200);
    const { correction } = CorrectionRequestResponse.parse(online.body);
    expect(correction).toMatchObject({ field: 'name', value: 'Nguyễn Thị Mai Anh', status: 'received', reason: null });
    const bad = await call(base, 'POST', '/v1/me/correction-requests', { json: { field: 'name', value: '12345' }, headers: session.headers });
    expect(errorOf(bad).code).toBe('invalid_input');

    // Offline at the kiosk, a moment later: the same request queued as an outbox operation,
    // pushed twice. (A later instant, so "newest first" does not hang on the random ids.)
    clock.advance(1);
    const op = { id: randomUUID(), kind: 'correction.request', createdAt: clock.now().toISOString(), sessionId: session.sessionId, payload: { field: 'address', value: '12 Nguyễn Huệ, Quận 1, TP.HCM' } };
    for (const expected of ['applied', 'duplicate']) {
      const pushed = SyncPushResponse.parse((await call(base, 'POST', '/v1/sync/push', { json: { operations: [op] }, headers: kiosk.header })).body);
      expect(pushed.results[0]).toMatchObject({ id: op.id, status: expected });
    }
    const badOp = { ...op, id: randomUUID(), payload: { field: 'address', value: 'x' } };
    const rejected = SyncPushResponse.parse((await call(base, 'POST', '/v1/sync/push', { json: { operations: [badOp] }, headers: kiosk.header })).body);
    expect(rejected.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_input' } });

    let profile = await profileOf(session);
    expect(profile.corrections.map((c) => [c.field, c.status])).toEqual([
      ['address', 'received'],
      ['name', 'received'],
    ]);
    expect(profile.corrections[0]!.id).toBe(op.id);

    const corrections = createCorrectionService({ db, clock: clock.now, newId: createIdGenerator(clock.now, (n) => Buffer.alloc(n, 2)), audit: hub.audit });
    const manager = (await hub.staffAccess.listStaff(demo.buildingId)).find((s) => s.role === 'manager')!;
    await expect(corrections.decide({ requestId: correction.id, staffId: manager.id, approve: false, reason: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    // A decision that cannot be audited (no such staff member) is not made at all.
    await expect(corrections.decide({ requestId: op.id, staffId: 'nobody', approve: true, reason: null })).rejects.toMatchObject({ code: 'not_found' });
    expect((await profileOf(session)).details.contactAddress).toBeNull();
    await corrections.decide({ requestId: correction.id, staffId: manager.id, approve: false, reason: 'Tên khác với hợp đồng' });
    await corrections.decide({ requestId: op.id, staffId: manager.id, approve: true, reason: null });
    await expect(corrections.decide({ requestId: op.id, staffId: manager.id, approve: false, reason: 'x' })).rejects.toMatchObject({ code: 'wrong_state' });
    // The resident's access log names who changed what.
    const log = await hub.audit.accessLog(demo.buildingId, me.id);
    expect(log.map((e) => [e.action, e.actor.kind, e.reason])).toEqual(
      expect.arrayContaining([
        ['profile.address_changed', 'staff', null],
        ['correction.decided', 'staff', 'Tên khác với hợp đồng'],
      ]),
    );

    profile = await profileOf(session);
    expect(profile.details).toMatchObject({ fullName: me.fullName, contactAddress: '12 Nguyễn Huệ, Quận 1, TP.HCM' });
    expect(profile.corrections).toEqual([
      expect.objectContaining({ id: op.id, status: 'approved', reason: null }),
      expect.objectContaining({ id: correction.id, status: 'rejected', reason: 'Tên khác với hợp đồng' }),
    ]);
    // Another resident sees none of it.
    expect((await profileOf(await login(nextResident().phone))).corrections).toEqual([]);
  });
});
