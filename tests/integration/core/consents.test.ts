/**
 * The kiosk core's consents and policy against the real hub (embedded, SQLite) and a real
 * SQLCipher file: a change waits in the outbox ("saved on this kiosk") until a push, then
 * reads "sent" and the hub has it; a refused change reads "rejected" with the hub's code;
 * a lock leaves nothing of the resident's consents behind; the policy is shown from the
 * kiosk's stored copy when the hub cannot be reached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import type { AppCore } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/create-core';
import { countSessionEntries } from '../../../electron/core/db/session-cache';
import { loadKioskConfig } from '../../../electron/core/platform/config';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import type { ConsentsView } from '../../../shared/contract/consents';
import type { PolicyView } from '../../../shared/contract/policy';
import { openDatabase } from '../../../server/db/connect';
import { silentLogger } from '../../../shared/logger';
import type { Result } from '../../../shared/result';
import { latestCode } from '../../fixtures/dev-sms';
import { createFakeClock } from '../../fixtures/fake-clock';
import { peekKioskDatabase } from '../../fixtures/kiosk-db';
import { startHubCut } from '../../e2e-web/hub-cut';
import type { HubCut } from '../../e2e-web/hub-cut';

describe('kiosk consents and policy against the real hub', () => {
  let hubDir: string;
  let hub: Hub;
  let hubUrl: string;
  let demo: DemoInfo;
  let relay: HubCut;

  beforeAll(async () => {
    hubDir = mkdtempSync(path.join(tmpdir(), 'kiot-hub-'));
    hub = await createHub({ database: path.join(hubDir, 'hub.sqlite'), devMode: true, logger: silentLogger });
    demo = await hub.seedDemo();
    hubUrl = await hub.listen();
    relay = await startHubCut();
    relay.target = hubUrl;
  });

  afterAll(async () => {
    await relay?.close();
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
  });

  let dataDir: string;
  let core: AppCore;

  beforeEach(async () => {
    relay.restore();
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-kiosk-'));
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    core = await createAppCore({
      config: loadKioskConfig({ KIOT_HUB_URL: relay.url, KIOT_ENROLL_CODE: code, KIOT_DEVICE_NAME: 'Consents kiosk' }, { dataDir, keystore: 'dev-file' }),
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '0.0.0-test',
      clock: createFakeClock(Date.now()),
      hubTimeoutMs: 2000,
      // Pushes only when the test flushes: "waiting" is observable.
      sync: false,
    });
  });

  afterEach(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const value = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };

  /** Signs a demo resident in at the kiosk; returns their hub id. */
  async function signIn(index: number): Promise<string> {
    const resident = demo.residents[index]!;
    value(await core.dispatch('session:start', {}));
    value(await core.dispatch('auth:requestOtp', { phone: `0${resident.phone.slice(3)}` }));
    value(await core.dispatch('auth:verifyOtp', { code: await latestCode(hubUrl, resident.phone) }));
    return residentId(resident.phone);
  }

  /** The hub's id of a demo resident, read once from the hub's database. */
  const ids = new Map<string, string>();
  async function residentId(phone: string): Promise<string> {
    if (!ids.has(phone)) {
      const db = openDatabase(path.join(hubDir, 'hub.sqlite'));
      const row = await db.selectFrom('residents').select('id').where('phone_e164', '=', phone).executeTakeFirst();
      await db.destroy();
      if (row) ids.set(phone, row.id);
    }
    const id = ids.get(phone);
    if (id === undefined) throw new Error('not a demo resident');
    return id;
  }

  it('a change waits on the kiosk until pushed, then reads sent and the hub applies it; a lock leaves nothing behind', async () => {
    const id = await signIn(0);
    const before = value<ConsentsView>(await core.dispatch('consents:list', {}));
    expect(before.offline).toBe(false);
    expect(before.purposes.find((p) => p.id === 'surveys')).toMatchObject({ granted: false, since: null, change: null });

    const set = value<{ id: string; status: { state: string } }>(await core.dispatch('consents:set', { purposeId: 'surveys', granted: true }));
    expect(set.status).toEqual({ state: 'waiting' });
    expect(await hub.consents.allows(id, 'surveys')).toBe(false);
    const waiting = value<ConsentsView>(await core.dispatch('consents:list', {}));
    expect(waiting.purposes.find((p) => p.id === 'surveys')).toMatchObject({ granted: true, change: { id: set.id, granted: true, status: { state: 'waiting' } } });

    await core.sync.flush();
    expect(value<{ status: { state: string } }>(await core.dispatch('consents:changeStatus', { id: set.id })).status.state).toBe('sent');
    expect(await hub.consents.allows(id, 'surveys')).toBe(true);
    const sent = value<ConsentsView>(await core.dispatch('consents:list', {}));
    expect(sent.purposes.find((p) => p.id === 'surveys')).toMatchObject({ granted: true, choiceVersion: 2, change: { status: { state: 'sent' } } });

    await core.lock('signOut');
    expect(await peekKioskDatabase(dataDir, (db) => countSessionEntries(db))).toBe(0);
    expect((await core.dispatch('consents:list', {})).ok).toBe(false);
  });

  it('a change the hub refuses reads rejected with its code, and the hub state stays', async () => {
    await signIn(2);
    value(await core.dispatch('consents:list', {}));
    const set = value<{ id: string }>(await core.dispatch('consents:set', { purposeId: 'service_notices', granted: false }));
    await core.sync.flush();
    const status = value<{ status: { state: string; code?: string } }>(await core.dispatch('consents:changeStatus', { id: set.id })).status;
    expect(status).toMatchObject({ state: 'rejected', code: 'consent_necessary' });
    const list = value<ConsentsView>(await core.dispatch('consents:list', {}));
    expect(list.purposes.find((p) => p.id === 'service_notices')).toMatchObject({ granted: true, change: { status: { state: 'rejected' } } });
    // Another session's change ids say nothing here.
    expect(value<{ status: unknown }>(await core.dispatch('consents:changeStatus', { id: '01a2b3c4-0000-7000-8000-000000000000' })).status).toBeNull();
  });

  it('while the hub is cut, consents come from this session and the policy from the kiosk’s stored copy', async () => {
    await signIn(3);
    const online = value<PolicyView>(await core.dispatch('policy:get', {}));
    expect(online).toMatchObject({ current: 2, storedAt: null });
    expect(online.versions.map((v) => v.version)).toEqual([2, 1]);
    value(await core.dispatch('consents:list', {}));

    relay.cut();
    const offline = value<PolicyView>(await core.dispatch('policy:get', {}));
    expect(offline.current).toBe(2);
    expect(offline.storedAt).not.toBeNull();
    expect(offline.versions[0]!.text.vi).toContain('Chính sách bảo mật');
    const consents = value<ConsentsView>(await core.dispatch('consents:list', {}));
    expect(consents.offline).toBe(true);
    const set = value<{ status: { state: string } }>(await core.dispatch('consents:set', { purposeId: 'news_promotions', granted: true }));
    expect(set.status.state).toBe('waiting');
  });
});
