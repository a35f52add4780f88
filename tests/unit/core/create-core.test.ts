import { describe, expect, it } from 'vitest';
import type { DomainHandlers, Keystore } from '../../../electron/core/api';
import { getDeviceIdentity } from '../../../electron/core/db/device-identity';
import { countSessionEntries, getSessionEntry, putSessionEntry } from '../../../electron/core/db/session-cache';
import { EnrollmentError, KeystoreBackendChangedError } from '../../../electron/core/device/errors';
import { hubPaths } from '../../../electron/core/platform/hub-client';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import { channelNames } from '../../../shared/channels';
import type { CallerContext, Handlers, SessionView } from '../../../shared/contract';
import { DEVICE_SECRET, TOKEN, bills, jsonResponse, resident, useCoreHarness } from './core-harness';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createAppCore', () => {
  const h = useCoreHarness();

  it('enrolls on first start with the code and the device name, then reuses the identity', async () => {
    const core = await h.start();
    expect(core.mode).toBe('kiosk');
    expect(h.hub.calls).toEqual([expect.objectContaining({ method: 'POST', path: hubPaths.enroll, body: { code: 'ENROLL-CODE-1', name: 'Sảnh A' } })]);
    expect(await h.peek((db) => getDeviceIdentity(db))).toMatchObject({
      deviceId: 'dev_1',
      buildingName: 'Tòa Sen',
      mode: 'kiosk',
      keystoreBackend: 'dev-file',
      enrolledAt: '2026-11-25T03:00:00.000Z',
    });
    await core.close();
    await h.start({ enrollCode: null });
    expect(h.hub.calls).toHaveLength(1);
  });

  it('refuses to start unenrolled without a code, telling IT what to do', async () => {
    const err = await h.start({ enrollCode: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnrollmentError);
    expect(err).toMatchObject({ code: 'no_code', message: expect.stringContaining('KIOT_ENROLL_CODE') });
    expect((err as Error).message).toContain('manager console');
  });

  it('reports a refused code and an unreachable hub at enrollment distinctly', async () => {
    h.hub.routes.set(`POST ${hubPaths.enroll}`, () => jsonResponse(404, { error: { code: 'not_found', message: 'Unknown code' } }));
    await expect(h.start()).rejects.toMatchObject({ name: 'EnrollmentError', code: 'rejected' });
    h.hub.down = true;
    await expect(h.start()).rejects.toMatchObject({ name: 'EnrollmentError', code: 'hub_unavailable' });
  });

  it('stops with an error, not a warning, when the keystore backend differs from the one recorded at enrollment', async () => {
    await (await h.start()).close();
    const devFile = createDevFileKeystore({ dataDir: h.dataDir, packaged: false });
    // Same key, so the database opens: only the recorded backend tells that something changed.
    const moved: Keystore = { kind: 'safe-storage', backend: 'gnome_libsecret', getOrCreateDbKey: () => devFile.getOrCreateDbKey() };

    const err = await h.start({}, { keystore: moved }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeystoreBackendChangedError);
    expect(err).toMatchObject({ recorded: 'dev-file', current: 'gnome_libsecret' });
    expect((err as Error).message).toMatch(/IT: restore the original keystore/);
    expect(h.logs.filter((l) => l.level === 'warn')).toEqual([]);
    // Nothing was re-enrolled or re-recorded, and the database was closed again.
    expect(h.hub.calls).toHaveLength(1);
    expect(await h.peek((db) => getDeviceIdentity(db)?.keystoreBackend)).toBe('dev-file');
    await expect(h.start()).resolves.toMatchObject({ mode: 'kiosk' });
  });

  it('has a handler for every channel', async () => {
    const core = await h.start();
    for (const channel of channelNames) expect(typeof core.handlers[channel]).toBe('function');
  });

  it('merges feature handlers into a whole that fails to compile when a domain is left out', () => {
    type Merged = DomainHandlers<'app'> & DomainHandlers<'session'> & DomainHandlers<'auth'> & DomainHandlers<'bills'> & DomainHandlers<'profile'> & DomainHandlers<'accessLog'> & DomainHandlers<'consents'> & DomainHandlers<'policy'> & DomainHandlers<'building'> & DomainHandlers<'requests'> & DomainHandlers<'payments'> & DomainHandlers<'consoleRequests'> & DomainHandlers<'consoleResidents'> & DomainHandlers<'consoleIncidents'> & DomainHandlers<'consoleAudit'> & DomainHandlers<'consoleDevices'> & DomainHandlers<'consoleBroadcast'> & DomainHandlers<'consolePayments'> & DomainHandlers<'log'> & DomainHandlers<'staff'>;
    type WithoutLog = Omit<Merged, 'log:rendererError'>;
    const complete = (merged: Merged): Handlers => merged satisfies Handlers;
    // @ts-expect-error a merge that lacks one channel's handler is not `Handlers`
    const incomplete = (merged: WithoutLog): Handlers => merged satisfies Handlers;
    expect([complete, incomplete]).toHaveLength(2);
  });

  it('signs a resident in, lists and gets bills, caching them for the session only', async () => {
    const core = await h.start();
    const views: SessionView[] = [];
    core.onEvent((event, payload) => {
      if (event === 'session:changed') views.push(payload as SessionView);
    });

    await expect(core.dispatch('session:start', {})).resolves.toMatchObject({ ok: true, value: { state: 'phone' } });
    await expect(core.dispatch('auth:requestOtp', { phone: '0912 345 678' })).resolves.toEqual({
      ok: true,
      value: { maskedPhone: '+84 *** *** 678', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 },
    });
    const otpCall = h.hub.calls.at(-1);
    expect(otpCall?.body).toEqual({ phone: '+84912345678' });
    expect(otpCall?.headers.get('x-kiot-device')).toBe(`dev_1.${DEVICE_SECRET}`);

    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toEqual({ ok: true, value: { resident } });
    expect(h.hub.calls.at(-1)?.body).toEqual({ requestId: 'req_1', code: '123456' });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'signedIn', resident } });
    expect(await h.peek((db) => getSessionEntry(db, 'resident'))).toEqual(resident);

    await expect(core.dispatch('bills:list', {})).resolves.toEqual({ ok: true, value: { bills } });
    expect(h.hub.calls.at(-1)?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await h.peek((db) => getSessionEntry(db, 'bills'))).toEqual(bills);

    const before = h.hub.calls.length;
    await expect(core.dispatch('bills:get', { billId: 'bill_2' })).resolves.toEqual({ ok: true, value: { bill: bills[1] } });
    expect(h.hub.calls.length).toBe(before);
    await expect(core.dispatch('bills:get', { billId: 'nope' })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(views.map((v) => v.state)).toEqual(['phone', 'code', 'signedIn']);
    // The token, the OTP request id, the full number and the unit id stay in main.
    expect(JSON.stringify(views)).not.toContain('TTTT');
    expect(JSON.stringify(views)).not.toContain('req_1');
    expect(JSON.stringify(views)).not.toContain('912345678');
    expect(JSON.stringify(views)).not.toContain('unit_1203');
  });

  it('gives every handler a caller context: fresh request id, device, who is signed in, locale', async () => {
    const core = await h.start();
    const seen: CallerContext[] = [];
    const original = core.handlers['session:get'];
    core.handlers['session:get'] = async (request, ctx) => {
      seen.push(ctx);
      return original(request, ctx);
    };
    const device = { deviceId: 'dev_1', buildingId: 'bld_1', mode: 'kiosk' };

    await core.dispatch('session:get', {});
    await core.dispatch('session:setLocale', { locale: 'en' });
    await core.dispatch('session:get', {});
    await h.signIn(core);
    await core.dispatch('session:get', {});
    await core.dispatch('session:end', {});
    await core.dispatch('session:get', {});

    expect(seen).toEqual([
      { requestId: expect.stringMatching(UUID_V7), device, actor: { kind: 'anonymous' }, locale: 'vi' },
      { requestId: expect.stringMatching(UUID_V7), device, actor: { kind: 'anonymous' }, locale: 'en' },
      { requestId: expect.stringMatching(UUID_V7), device, actor: { kind: 'resident', residentId: 'res_1', unitId: 'unit_1203' }, locale: 'en' },
      { requestId: expect.stringMatching(UUID_V7), device, actor: { kind: 'anonymous' }, locale: 'vi' },
    ]);
    expect(new Set(seen.map((c) => c.requestId)).size).toBe(seen.length);
    // The context carries no secret of the session.
    expect(JSON.stringify(seen)).not.toContain(DEVICE_SECRET);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
  });

  it('wipes a session cache left behind by a crash when it starts', async () => {
    const core = await h.start();
    await h.signIn(core);
    await core.dispatch('bills:list', {});
    // Simulate a crash: the process dies without locking. Write directly, then restart.
    await h.peek((db) => putSessionEntry(db, 'resident', resident, '2026-11-25T03:00:00.000Z'));
    await core.close();
    expect(await h.peek(countSessionEntries)).toBeGreaterThan(0);
    await h.start();
    expect(await h.peek(countSessionEntries)).toBe(0);
  });

  it('emits session:changed to every subscriber until it unsubscribes', async () => {
    const core = await h.start();
    const a: string[] = [];
    const b: string[] = [];
    const offA = core.onEvent((_e, p) => a.push((p as SessionView).state));
    core.onEvent(() => {
      throw new Error('a broken listener does not break the others');
    });
    core.onEvent((_e, p) => b.push((p as SessionView).state));
    await core.dispatch('session:start', {});
    offA();
    await core.dispatch('session:end', {});
    expect(a).toEqual(['phone']);
    expect(b).toEqual(['phone', 'attract']);
  });

  it('close stops the timers and closes the database', async () => {
    const core = await h.start();
    await h.signIn(core);
    expect(h.clock.pendingTimers()).toBeGreaterThan(0);
    await core.close();
    expect(h.clock.pendingTimers()).toBe(0);
    await core.close();
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true });
  });
});
