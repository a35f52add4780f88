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
import type { DemoInfo, DevSmsAdapter, Hub } from '../../../server/app';
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
  /** The demo building's first resident: the number to type and what the screen should show. */
  resident: DemoInfo['residents'][number];
  /** The newest code the hub texted to `e164`. */
  lastCodeTo(e164: string): string;
  close(): Promise<void>;
};

export async function createRealKiot(): Promise<RealKiot> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-renderer-'));
  let hub: Hub | null = null;
  let core: AppCore | null = null;
  try {
    const sms: DevSmsAdapter = createDevSmsAdapter({ clock: () => new Date() });
    // Production limits except the resend wait: the renderer counts that down in wall-clock
    // seconds, and no test waits a real minute.
    hub = await createHub({ database: ':memory:', devMode: true, sms, logger: silentLogger, terminal: { print: () => {} }, otpLimits: { resendAfterSeconds: 0 } });
    const demo = await hub.seedDemo();
    const hubUrl = await hub.listen();
    const enrollCode = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
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
    const resident = demo.residents[0];
    if (!resident) throw new Error('the demo building has no resident');
    const openHub: Hub = hub;
    return {
      api,
      calls,
      callsTo: (channel) => calls.filter((c) => c.channel === channel),
      resident,
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
