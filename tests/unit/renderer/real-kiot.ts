/**
 * `window.kiot` backed by the real thing: the real app core (dispatcher, session state
 * machine, encrypted database with a dev-file keystore in a temporary directory) talking to
 * the real hub in-process over loopback HTTP. A renderer test on this cannot drift from what
 * a resident meets: every answer comes from the code that ships. The only edge that is faked
 * is the SMS gateway (the hub's dev adapter), so a test reads the code the way a resident does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppCore } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/create-core';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import { createDevSmsAdapter, createHub } from '../../../server/app';
import type { DevSmsAdapter, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import { migrateToLatest } from '../../../server/db/migrate';
import { insertBuilding, insertResidents, insertUnits } from '../../../server/db/residents';
import type { ChannelName } from '../../../shared/channels';
import { buildKiotApi } from '../../../shared/kiot-api';
import type { KiotApi } from '../../../shared/kiot-api';
import { silentLogger } from '../../../shared/logger';
import { createFakeClock } from '../../fixtures/fake-clock';
import type { FakeCall } from './fake-kiot';

export type RealKiot = {
  api: KiotApi;
  calls: FakeCall[];
  callsTo(channel: ChannelName): FakeCall[];
  /** The building's one resident: the number to type and what the screen should show. */
  resident: { fullName: string; phone: string; unitLabel: string };
  /** The newest code the hub texted to `e164`. */
  lastCodeTo(e164: string): string;
  close(): Promise<void>;
};

const RESIDENT = { fullName: 'Nguyễn Thị Lan', phone: '+84912345678', unitLabel: 'A-1203' };

/**
 * A hub database with one building, one flat and its resident: the demo seed (300 residents,
 * 24 months of bills) would cost seconds per test for nothing the sign-in screens look at.
 */
async function seedHubDatabase(file: string): Promise<string> {
  const db = openDatabase(file);
  try {
    const now = new Date().toISOString();
    const stamp = { created_at: now, updated_at: now };
    await migrateToLatest(db, () => new Date());
    await insertBuilding(db, { id: 'bld-1', name: 'Chung cư Sông Hồng', address: 'Hà Nội', ...stamp });
    await insertUnits(db, [{ id: 'unit-1203', building_id: 'bld-1', label: RESIDENT.unitLabel, tower: 'A', floor: 12, area_m2: 70, motorbikes: 1, cars: 0, ...stamp }]);
    await insertResidents(db, [
      { id: 'res-1', building_id: 'bld-1', unit_id: 'unit-1203', full_name: RESIDENT.fullName, phone_e164: RESIDENT.phone, email: null, ...stamp },
    ]);
    return 'bld-1';
  } finally {
    await db.destroy();
  }
}

export async function createRealKiot(): Promise<RealKiot> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-renderer-'));
  let hub: Hub | null = null;
  let core: AppCore | null = null;
  try {
    const sms: DevSmsAdapter = createDevSmsAdapter({ clock: () => new Date() });
    // Production limits except the resend wait: the renderer counts that down in wall-clock
    // seconds, and no test waits a real minute.
    const hubFile = path.join(dataDir, 'hub.sqlite');
    const buildingId = await seedHubDatabase(hubFile);
    hub = await createHub({ database: hubFile, devMode: true, sms, logger: silentLogger, terminal: { print: () => {} }, otpLimits: { resendAfterSeconds: 0 } });
    const hubUrl = await hub.listen();
    const enrollCode = await hub.createEnrollmentCode({ buildingId, mode: 'kiosk' });
    core = await createAppCore({
      config: {
        dataDir,
        keystore: 'dev-file',
        hubUrl,
        enrollCode,
        deviceName: 'Sảnh A',
        idleSeconds: 60,
        countdownSeconds: 15,
        sessionMaxSeconds: 600,
        sqliteNativeBinding: null,
      },
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '0.1.0-test',
      // Time stands still for the session timers: no idle lock in the middle of a test.
      clock: createFakeClock(Date.now()),
      logger: silentLogger,
    });
    const started: AppCore = core;
    const calls: FakeCall[] = [];
    const api = buildKiotApi(
      (channel, request) => {
        calls.push({ channel, request });
        return started.dispatch(channel, request);
      },
      (event, listener) => started.onEvent((name, payload) => (name === event ? listener(payload) : undefined)),
    );
    const openHub: Hub = hub;
    return {
      api,
      calls,
      callsTo: (channel) => calls.filter((c) => c.channel === channel),
      resident: RESIDENT,
      lastCodeTo(e164) {
        const code = sms.messages().filter((m) => m.to === e164).at(-1)?.body.match(/\b(\d{6})\b/)?.[1];
        if (!code) throw new Error(`no code was sent to ${e164}`);
        return code;
      },
      async close() {
        await started.close();
        await openHub.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await core?.close();
    await hub?.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
