/**
 * Staff sign-in at the hub over real HTTP, on SQLite and PostgreSQL: password then SMS code,
 * lock-out, the one-time password that must be changed first, the idle lock, and the staff
 * token's binding to its workstation, building and role.
 */
import * as argon2 from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StaffSessionResponse, StaffSignInResponse, StaffVerifyResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { latestCode } from '../../fixtures/dev-sms';
import { enrollManagerDevice, signInStaff, signInWithPassword } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Reply } from './helpers';

// Every password check reaches argon2id's `verify`: wrapped in a spy that still does the real
// work, so a test can see that an unknown username costs the same hashing as a wrong password.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof argon2>();
  return { ...real, verify: vi.fn(real.verify) };
});
const argon2Verify = vi.mocked(argon2.verify);
/** Algorithm, version and cost (memory, iterations, parallelism) of a PHC string: what sets the work. */
const cost = (phc: string): string[] => phc.split('$').slice(1, 4);

describe.each(backends)('staff sign-in on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  const OTHER_BUILDING = 'b-other';

  beforeAll(async () => {
    database = await backend.create();
    const enrollmentLimits = { perAddress: { windowSeconds: 60, max: 1000 }, overall: { windowSeconds: 60, max: 1000 } };
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, enrollmentLimits });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    const at = clock.now().toISOString();
    await db.insertInto('buildings').values({ id: OTHER_BUILDING, name: 'Chung cư Hồ Tây', address: '1 Đường Thanh Niên, Tây Hồ, Hà Nội', created_at: at, updated_at: at }).execute();
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('signs in with password and SMS code, and the token opens staff routes of its role', async () => {
    const manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager', fullName: 'Phạm Thị Lan' });
    const me = StaffSessionResponse.parse((await call(base, 'GET', '/v1/staff/me', { headers: manager.headers })).body);
    expect(me).toMatchObject({ staff: { id: manager.staffId, fullName: 'Phạm Thị Lan', role: 'manager', buildingId: demo.buildingId }, mustChangePassword: false, locked: false });
    const verify = await call(base, 'GET', '/v1/audit/verify', { headers: manager.headers });
    expect(verify.status).toBe(200);
  });
  const STRONG = 'Hoa sen nở giữa hồ Gươm 2026';
  let counter = 0;
  const freshPhone = (): string => `09055${String((counter += 1)).padStart(5, '0')}`;
  const e164 = (local: string): string => `+84${local.slice(1)}`;

  /** An account (one-time password) and a manager workstation of the demo building. */
  async function account(role: 'admin' | 'manager' | 'care' | 'auditor' = 'manager', buildingId: string | null = demo.buildingId) {
    const phone = freshPhone();
    const username = `nv.${role}.${(counter += 1)}`;
    const created = await hub.staffAuth.createAccount({ buildingId, username, fullName: 'Lê Quốc Hùng', role, phone });
    const device = await enrollManagerDevice(hub, base, buildingId ?? demo.buildingId);
    return { ...created, username, phone: e164(phone), device };
  }
  const signIn = (device: { header: Record<string, string> }, username: string, password: string): Promise<Reply> =>
    call(base, 'POST', '/v1/staff/sign-in', { headers: device.header, json: { username, password } });

  it('answers a wrong password and an unknown username the same way, each after one argon2id verification of the same cost', async () => {
    const a = await account();
    argon2Verify.mockClear();
    const wrong = await signIn(a.device, a.username, 'not the password at all');
    const wrongChecks = argon2Verify.mock.calls.map(([phc, password]) => ({ phc: String(phc), password }));
    argon2Verify.mockClear();
    const unknown = await signIn(a.device, 'nobody.here', 'not the password at all');
    const unknownChecks = argon2Verify.mock.calls.map(([phc, password]) => ({ phc: String(phc), password }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
    // Timing must not tell which usernames exist: both paths verify the password once against an
    // argon2id hash of the same parameters (an unknown username against a dummy hash), so both
    // cost the same. Counted, not timed: a timed comparison flakes on a loaded machine.
    expect(wrongChecks).toHaveLength(1);
    expect(unknownChecks).toHaveLength(1);
    expect(cost(wrongChecks[0]!.phc)[0]).toBe('argon2id');
    expect(cost(unknownChecks[0]!.phc)).toEqual(cost(wrongChecks[0]!.phc));
    expect(unknownChecks[0]!.phc).not.toBe(wrongChecks[0]!.phc);
    expect(unknownChecks[0]!.password).toBe('not the password at all');
    // No code went out for a wrong password.
    const outbox = await call(base, 'GET', `/v1/dev/sms-outbox?to=${encodeURIComponent(a.phone)}`);
    expect((outbox.body as { messages: unknown[] }).messages).toEqual([]);
  });

  it('locks the account after 5 wrong passwords, says when to retry, and opens again after 15 minutes', async () => {
    const a = await account();
    for (let i = 0; i < 4; i += 1) expect((await signIn(a.device, a.username, `wrong password ${i}`)).status).toBe(401);
    const fifth = await signIn(a.device, a.username, 'wrong password 5');
    expect(fifth.status).toBe(423);
    expect(errorOf(fifth)).toMatchObject({ code: 'account_locked', retryAfterSeconds: 900 });
    // Even the right password waits.
    clock.advance(60);
    const right = await signIn(a.device, a.username, a.oneTimePassword);
    expect(errorOf(right)).toMatchObject({ code: 'account_locked', retryAfterSeconds: 840 });
    clock.advance(840);
    const after = await signIn(a.device, a.username, a.oneTimePassword);
    expect(after.status).toBe(200);
    StaffSignInResponse.parse(after.body);
  });

  it('makes a workstation that fails 20 sign-ins in 15 minutes wait, whichever accounts it tried', async () => {
    const a = await account();
    for (let i = 0; i < 20; i += 1) expect((await signIn(a.device, `guess.${i}`, 'matkhau123456')).status).toBe(401);
    const throttled = await signIn(a.device, a.username, a.oneTimePassword);
    expect(throttled.status).toBe(429);
    expect(errorOf(throttled)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 900 });
    // Another workstation is not held back, and this one may try again after the window.
    const other = await enrollManagerDevice(hub, base, demo.buildingId);
    expect((await signIn(other, a.username, a.oneTimePassword)).status).toBe(200);
    clock.advance(15 * 60);
    expect((await signIn(a.device, a.username, a.oneTimePassword)).status).toBe(200);
  });

  it('refuses a wrong code, a code from another device, and a second use', async () => {
    const a = await account();
    const challenge = StaffSignInResponse.parse((await signIn(a.device, a.username, a.oneTimePassword)).body);
    const code = await latestCode(base, a.phone);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await call(base, 'POST', '/v1/staff/sign-in/verify', { headers: a.device.header, json: { challengeId: challenge.challengeId, code: wrongCode } });
    expect(errorOf(wrong)).toMatchObject({ code: 'wrong_code', attemptsLeft: 4 });
    const other = await enrollManagerDevice(hub, base, demo.buildingId);
    const elsewhere = await call(base, 'POST', '/v1/staff/sign-in/verify', { headers: other.header, json: { challengeId: challenge.challengeId, code } });
    expect(elsewhere.status).toBe(401);
    const ok = await call(base, 'POST', '/v1/staff/sign-in/verify', { headers: a.device.header, json: { challengeId: challenge.challengeId, code } });
    expect(StaffVerifyResponse.parse(ok.body).mustChangePassword).toBe(true);
    const again = await call(base, 'POST', '/v1/staff/sign-in/verify', { headers: a.device.header, json: { challengeId: challenge.challengeId, code } });
    expect(errorOf(again).code).toBe('code_expired');
  });

  it('requires the one-time password to be changed first, and refuses weak, common and username passwords', async () => {
    const a = await account('admin');
    const signedIn = await signInWithPassword(base, a.device, a.username, a.oneTimePassword, a.phone);
    const headers = { ...a.device.header, authorization: `Bearer ${signedIn.token}` };
    const blocked = await call(base, 'GET', '/v1/audit/verify', { headers });
    expect(blocked.status).toBe(403);
    expect(errorOf(blocked).code).toBe('password_change_required');
    const me = StaffSessionResponse.parse((await call(base, 'GET', '/v1/staff/me', { headers })).body);
    expect(me.mustChangePassword).toBe(true);

    const change = (newPassword: string, currentPassword = a.oneTimePassword): Promise<Reply> =>
      call(base, 'POST', '/v1/staff/password', { headers, json: { currentPassword, newPassword } });
    for (const weak of ['ngắn quá', 'matkhau123456', 'MatKhau123456', 'anhyeuem1234', '123456789012', `${a.username}-an-toan-2026`, `Tôi là ${a.username.toUpperCase()} nhé`]) {
      const refused = await change(weak);
      expect(refused.status, weak).toBe(400);
      expect(errorOf(refused).code, weak).toBe('password_weak');
    }
    expect(errorOf(await change(STRONG, 'not my current password')).code).toBe('unauthorized');
    expect((await change(STRONG)).status).toBe(200);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers })).status).toBe(200);
    // The one-time password is gone; the new one signs in.
    expect((await signIn(a.device, a.username, a.oneTimePassword)).status).toBe(401);
    expect((await signIn(a.device, a.username.toUpperCase(), STRONG)).status).toBe(200);
  });

  it('refuses the token on another workstation, without the device credential, and on a kiosk', async () => {
    const manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: manager.headers })).status).toBe(200);
    const bearer = { authorization: manager.headers['authorization']! };
    const other = await enrollManagerDevice(hub, base, demo.buildingId);
    const elsewhere = await call(base, 'GET', '/v1/audit/verify', { headers: { ...other.header, ...bearer } });
    expect(elsewhere.status).toBe(401);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: bearer })).status).toBe(401);
    const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: { ...kiosk.header, ...bearer } })).status).toBe(403);
    // Nor can a kiosk start a staff sign-in.
    expect((await call(base, 'POST', '/v1/staff/sign-in', { headers: kiosk.header, json: { username: manager.username, password: manager.password } })).status).toBe(403);
  });

  it('locks the session after 10 minutes idle; the password alone unlocks it', async () => {
    const care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    clock.advance(9 * 60);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: care.headers })).status).toBe(200);
    clock.advance(9 * 60);
    // Activity keeps it open...
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: care.headers })).status).toBe(200);
    clock.advance(10 * 60);
    // ...idleness locks it.
    const locked = await call(base, 'GET', '/v1/audit/verify', { headers: care.headers });
    expect(locked.status).toBe(401);
    expect(errorOf(locked).code).toBe('session_locked');
    expect(StaffSessionResponse.parse((await call(base, 'GET', '/v1/staff/me', { headers: care.headers })).body).locked).toBe(true);
    // Activity does not unlock it; a wrong password does not either.
    expect(errorOf(await call(base, 'GET', '/v1/audit/verify', { headers: care.headers })).code).toBe('session_locked');
    expect((await call(base, 'POST', '/v1/staff/unlock', { headers: care.headers, json: { password: 'not the password at all' } })).status).toBe(401);
    const unlocked = await call(base, 'POST', '/v1/staff/unlock', { headers: care.headers, json: { password: care.password } });
    expect(StaffSessionResponse.parse(unlocked.body).locked).toBe(false);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: care.headers })).status).toBe(200);
  });

  it('closes the session at sign-out, and after 12 hours however active', async () => {
    const b = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    expect((await call(base, 'POST', '/v1/staff/sign-out', { headers: b.headers })).status).toBe(200);
    expect((await call(base, 'GET', '/v1/staff/me', { headers: b.headers })).status).toBe(401);

    const a = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    // A request every 5 minutes: never idle, and still closed at the 12-hour mark.
    for (let minutes = 5; minutes < 12 * 60; minutes += 5) {
      clock.advance(5 * 60);
      expect((await call(base, 'GET', '/v1/audit/verify', { headers: a.headers })).status, `${minutes} min`).toBe(200);
    }
    clock.advance(5 * 60);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: a.headers })).status).toBe(401);
  });

  it('checks the role the route declares and keeps staff to their building', async () => {
    const care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    const refused = await call(base, 'GET', '/v1/audit/verify', { headers: care.headers });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('forbidden');
    const auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
    // An auditor reads the audit chain but not the device fleet.
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: auditor.headers })).status).toBe(200);
    expect((await call(base, 'GET', '/v1/devices', { headers: auditor.headers })).status).toBe(403);

    const manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    expect((await call(base, 'GET', `/v1/audit/verify?buildingId=${demo.buildingId}`, { headers: manager.headers })).status).toBe(200);
    expect((await call(base, 'GET', `/v1/audit/verify?buildingId=${OTHER_BUILDING}`, { headers: manager.headers })).status).toBe(403);

    // A manager of the other building cannot sign in at this building's workstation...
    const outsider = await hub.staffAuth.createAccount({ buildingId: OTHER_BUILDING, username: 'quanly.hotay', fullName: 'Vũ Thị Hà', role: 'manager', phone: '0905599999' });
    const here = await enrollManagerDevice(hub, base, demo.buildingId);
    expect((await signIn(here, 'quanly.hotay', outsider.oneTimePassword)).status).toBe(401);
    // ...while an operator administrator works from any building's workstation.
    const admin = await signInStaff(hub, base, { buildingId: null, deviceBuildingId: demo.buildingId, role: 'admin' });
    expect((await call(base, 'GET', `/v1/audit/verify?buildingId=${OTHER_BUILDING}`, { headers: admin.headers })).status).toBe(200);
  });

  it('signs the other sessions out when the password changes, and refuses a revoked workstation', async () => {
    const first = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    const second = await enrollManagerDevice(hub, base, demo.buildingId);
    const other = await signInWithPassword(base, second, first.username, first.password, first.phone);
    const otherHeaders = { ...second.header, authorization: `Bearer ${other.token}` };
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: otherHeaders })).status).toBe(200);
    const changed = await call(base, 'POST', '/v1/staff/password', { headers: first.headers, json: { currentPassword: first.password, newPassword: STRONG } });
    expect(changed.status).toBe(200);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: otherHeaders })).status).toBe(401);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: first.headers })).status).toBe(200);

    await db.updateTable('devices').set({ revoked_at: clock.now().toISOString() }).where('id', '=', first.deviceId).execute();
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: first.headers })).status).toBe(401);
  });

  it('stops a disabled account at once', async () => {
    const manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    await db.withTables<{ staff_credentials: { staff_id: string; disabled_at: string | null } }>().updateTable('staff_credentials').set({ disabled_at: clock.now().toISOString() }).where('staff_id', '=', manager.staffId).execute();
    expect((await call(base, 'GET', '/v1/audit/verify', { headers: manager.headers })).status).toBe(401);
    expect((await signIn({ header: manager.deviceHeaders }, manager.username, manager.password)).status).toBe(401);
  });
});
