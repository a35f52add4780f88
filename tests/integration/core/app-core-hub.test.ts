/**
 * The app core against the real hub (embedded, SQLite, dev mode): enrollment, OTP
 * sign-in with the code read from the dev SMS outbox, resend, bills, lock, and the hub
 * going away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import type { AppCore } from '../../../electron/core/api';
import { loadKioskConfig } from '../../../electron/core/platform/config';
import { countSessionEntries, getSessionEntry } from '../../../electron/core/db/session-cache';
import type { KioskDatabase } from '../../../electron/core/db/open';
import { peekKioskDatabase } from '../../fixtures/kiosk-db';
import { createFakeClock } from '../../fixtures/fake-clock';
import { createAppCore } from '../../../electron/core/create-core';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import { latestCode } from '../../fixtures/dev-sms';
import type { CallerContext, SessionView } from '../../../shared/contract';
import { silentLogger } from '../../../shared/logger';

describe('app core against the real hub', () => {
  let hubDir: string;
  let hub: Hub;
  let hubUrl: string;
  let demo: DemoInfo;

  beforeAll(async () => {
    hubDir = mkdtempSync(path.join(tmpdir(), 'kiot-hub-'));
    hub = await createHub({ database: path.join(hubDir, 'hub.sqlite'), devMode: true, logger: silentLogger });
    demo = await hub.seedDemo();
    hubUrl = await hub.listen();
    expect(demo.residents.length).toBeGreaterThanOrEqual(3);
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
  });

  let dataDir: string;
  const cores: AppCore[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-kiosk-'));
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startKiosk = async (baseUrl = hubUrl): Promise<AppCore> => {
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    const config = loadKioskConfig(
      { KIOT_HUB_URL: baseUrl, KIOT_ENROLL_CODE: code, KIOT_DEVICE_NAME: 'Integration kiosk' },
      { dataDir, keystore: 'dev-file' },
    );
    const core = await createAppCore({
      config,
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '0.0.0-test',
      clock: createFakeClock(Date.now()),
      hubTimeoutMs: 2000,
    });
    cores.push(core);
    return core;
  };

  const peek = <T>(fn: (db: KioskDatabase) => T): Promise<T> => peekKioskDatabase(dataDir, fn);

  /** A local number as a resident would type it: `0901 234 567`. */
  const typed = (e164: string): string => `0${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`;

  it('enrolls, signs a resident in with the SMS code, lists bills, and lock wipes the cache', async () => {
    const resident = demo.residents[0];
    if (resident === undefined) throw new Error('no demo resident');
    const core = await startKiosk();
    expect(core.mode).toBe('kiosk');
    await expect(core.dispatch('app:info', {})).resolves.toMatchObject({ ok: true, value: { mode: 'kiosk', buildingName: demo.buildingName } });

    const views: SessionView[] = [];
    core.onEvent((event, view) => (event === 'session:changed' ? views.push(view as SessionView) : undefined));

    await expect(core.dispatch('session:start', {})).resolves.toMatchObject({ ok: true, value: { state: 'phone' } });
    const requested = await core.dispatch('auth:requestOtp', { phone: typed(resident.phone) });
    expect(requested).toMatchObject({ ok: true, value: { maskedPhone: `+84 *** *** ${resident.phone.slice(-3)}` } });

    const code = await latestCode(hubUrl, resident.phone);
    const verified = await core.dispatch('auth:verifyOtp', { code });
    expect(verified).toMatchObject({ ok: true, value: { resident: { fullName: resident.fullName, unitLabel: resident.unitLabel } } });

    const listed = await core.dispatch('bills:list', {});
    expect(listed.ok).toBe(true);
    const bills = (listed as { value: { bills: { id: string; unitLabel: string }[] } }).value.bills;
    expect(bills.length).toBeGreaterThan(0);
    expect(bills.every((b) => b.unitLabel === resident.unitLabel)).toBe(true);
    const first = bills[0];
    if (first === undefined) throw new Error('no bill');
    await expect(core.dispatch('bills:get', { billId: first.id })).resolves.toMatchObject({ ok: true, value: { bill: { id: first.id } } });

    expect(await peek((db) => getSessionEntry(db, 'resident'))).toMatchObject({ fullName: resident.fullName });
    expect(await peek(countSessionEntries)).toBe(2);

    await expect(core.dispatch('session:end', {})).resolves.toMatchObject({
      ok: true,
      value: { state: 'attract', resident: null, lastLock: { reason: 'signOut' } },
    });
    expect(await peek(countSessionEntries)).toBe(0);
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(views.map((v) => v.state)).toEqual(['phone', 'code', 'signedIn', 'attract']);
  });

  it('a restarted kiosk keeps its identity and needs no new code', async () => {
    const core = await startKiosk();
    await core.close();
    const config = loadKioskConfig({ KIOT_HUB_URL: hubUrl }, { dataDir, keystore: 'dev-file' });
    const again = await createAppCore({ config, keystore: createDevFileKeystore({ dataDir, packaged: false }), version: '0.0.0-test' });
    cores.push(again);
    await expect(again.dispatch('app:info', {})).resolves.toMatchObject({ ok: true, value: { buildingName: demo.buildingName } });
  });

  it('a wrong code reports attemptsLeft and keeps the code screen', async () => {
    const resident = demo.residents[1];
    if (resident === undefined) throw new Error('no demo resident');
    const core = await startKiosk();
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: resident.phone });
    const code = await latestCode(hubUrl, resident.phone);
    const wrong = code === '000000' ? '111111' : '000000';

    const first = await core.dispatch('auth:verifyOtp', { code: wrong });
    expect(first).toMatchObject({ ok: false, error: { code: 'wrong_code' } });
    const attemptsLeft = (first as { error: { attemptsLeft?: number } }).error.attemptsLeft;
    expect(attemptsLeft).toBeTypeOf('number');
    const second = await core.dispatch('auth:verifyOtp', { code: wrong });
    expect(second).toMatchObject({ ok: false, error: { code: 'wrong_code', attemptsLeft: (attemptsLeft ?? 0) - 1 } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'code', resident: null } });

    await expect(core.dispatch('auth:verifyOtp', { code })).resolves.toMatchObject({ ok: true, value: { resident: { fullName: resident.fullName } } });
  });

  it('resend asks the hub again for the number main kept; the hub enforces its wait, and the resident is signed in with their unit', async () => {
    const resident = demo.residents[3];
    if (resident === undefined) throw new Error('no demo resident');
    const core = await startKiosk();
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: typed(resident.phone) });
    // A second request right away reaches the hub under the same number, so its 60 s rule answers.
    const resent = await core.dispatch('auth:resendOtp', {});
    expect(resent).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'code' } });

    let actor: CallerContext['actor'] | undefined;
    const original = core.handlers['session:get'];
    core.handlers['session:get'] = async (request, ctx) => {
      actor = ctx.actor;
      return original(request, ctx);
    };
    await expect(core.dispatch('auth:verifyOtp', { code: await latestCode(hubUrl, resident.phone) })).resolves.toMatchObject({ ok: true });
    await core.dispatch('session:get', {});
    expect(actor).toEqual({ kind: 'resident', residentId: expect.any(String), unitId: expect.stringMatching(/.+/) });
  });

  it('an enrollment code works once', async () => {
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    const config = loadKioskConfig({ KIOT_HUB_URL: hubUrl, KIOT_ENROLL_CODE: code }, { dataDir, keystore: 'dev-file' });
    const keystore = createDevFileKeystore({ dataDir, packaged: false });
    cores.push(await createAppCore({ config, keystore, version: '0.0.0-test' }));
    const otherDir = mkdtempSync(path.join(tmpdir(), 'kiot-kiosk-'));
    try {
      const other = loadKioskConfig({ KIOT_HUB_URL: hubUrl, KIOT_ENROLL_CODE: code }, { dataDir: otherDir, keystore: 'dev-file' });
      await expect(
        createAppCore({ config: other, keystore: createDevFileKeystore({ dataDir: otherDir, packaged: false }), version: '0.0.0-test' }),
      ).rejects.toMatchObject({ name: 'EnrollmentError', code: 'rejected' });
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('hub stopped: hub_unavailable, the session and its cache stay as they were', async () => {
    const resident = demo.residents[2];
    if (resident === undefined) throw new Error('no demo resident');
    // A second hub on the same database, so that stopping it leaves the suite's hub running.
    const second = await createHub({ database: path.join(hubDir, 'hub.sqlite'), devMode: true, logger: silentLogger });
    const secondUrl = await second.listen();
    let stopped = false;
    try {
      const core = await startKiosk(secondUrl);
      await core.dispatch('session:start', {});
      await core.dispatch('auth:requestOtp', { phone: resident.phone });
      // The second hub has its own dev SMS outbox.
      const code = await latestCode(secondUrl, resident.phone);
      await expect(core.dispatch('auth:verifyOtp', { code })).resolves.toMatchObject({ ok: true });
      await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: true });

      await second.close();
      stopped = true;
      await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
      await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'signedIn', resident: { fullName: resident.fullName } } });
      expect(await peek(countSessionEntries)).toBe(2);

      await core.dispatch('session:end', {});
      await core.dispatch('session:start', {});
      await expect(core.dispatch('auth:requestOtp', { phone: resident.phone })).resolves.toMatchObject({
        ok: false,
        error: { code: 'hub_unavailable' },
      });
      await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'phone' } });
    } finally {
      if (!stopped) await second.close();
    }
  });
});
