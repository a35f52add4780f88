/**
 * Every IPC channel of the contract, called with requests of any shape by fast-check, on a
 * real kiosk core (encrypted database, enrolled at a real hub on loopback) with a resident
 * signed in. A hostile or broken renderer gets a typed error Result for anything malformed;
 * the dispatcher never throws, never answers with an unknown error code, and the core keeps
 * working. New channels are fuzzed without a line here: the list comes from the contract.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app';
import type { DemoInfo, Hub } from '../../server/app';
import type { AppCore } from '../../electron/core/api';
import { createAppCore } from '../../electron/core/create-core';
import { loadKioskConfig } from '../../electron/core/platform/config';
import { createDevFileKeystore } from '../../electron/core/platform/keystore/dev-file-keystore';
import { channelNames } from '../../shared/channels';
import type { ChannelName } from '../../shared/channels';
import { silentLogger } from '../../shared/logger';
import { errorCodes } from '../../shared/result';
import { createFakeClock } from '../fixtures/fake-clock';
import { latestCode } from '../fixtures/dev-sms';

const RUNS = 40;

/** Anything a renderer could put on the wire, including what JSON cannot say. */
const anyRequest = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, 0, '', [], {}, Number.NaN, { __proto__: { polluted: true } }, Object.create(null) as unknown),
);

describe('IPC channels under malformed requests', () => {
  let hubDir: string;
  let dataDir: string;
  let hub: Hub;
  let hubUrl: string;
  let demo: DemoInfo;
  let core: AppCore;

  const signIn = async (): Promise<void> => {
    const resident = demo.residents[0]!;
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: resident.phone });
    const verified = await core.dispatch('auth:verifyOtp', { code: await latestCode(hubUrl, resident.phone) });
    if (!verified.ok) throw new Error(`sign-in failed: ${verified.error.code}`);
  };

  beforeAll(async () => {
    hubDir = mkdtempSync(path.join(tmpdir(), 'kiot-ipc-fuzz-hub-'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-ipc-fuzz-kiosk-'));
    const lots = { windowSeconds: 60, max: 100_000 };
    hub = await createHub({
      database: path.join(hubDir, 'hub.sqlite'),
      devMode: true,
      logger: silentLogger,
      terminal: { print: () => {} },
      // Signing in once per channel is not what this file tests.
      otpLimits: { resendAfterSeconds: 0, perNumber: [lots], perDevice: lots, perBuilding: lots, global: lots },
    });
    demo = await hub.seedDemo();
    hubUrl = await hub.listen();
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    const config = loadKioskConfig({ KIOT_HUB_URL: hubUrl, KIOT_ENROLL_CODE: code, KIOT_DEVICE_NAME: 'Fuzz kiosk' }, { dataDir, keystore: 'dev-file' });
    core = await createAppCore({
      config,
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '0.0.0-test',
      clock: createFakeClock(Date.now()),
      hubTimeoutMs: 2000,
      sync: false,
    });
  });

  afterAll(async () => {
    await core?.close();
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Ending the session would leave the later channels fuzzed signed out only; those go last.
  const ending: readonly ChannelName[] = ['session:end', 'session:start'];
  const channels = [...channelNames].sort((a, b) => Number(ending.includes(a)) - Number(ending.includes(b)));

  for (const channel of channels) {
    it(`${channel}: any request gets a Result, malformed ones a typed error`, async () => {
      await signIn();
      await fc.assert(
        fc.asyncProperty(anyRequest, async (request) => {
          const result = await (core.dispatch as (c: string, r: unknown) => Promise<unknown>)(channel, request);
          expect(result, channel).toBeTypeOf('object');
          const r = result as { ok: boolean; error?: { code: string; message: unknown } };
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) {
            expect(errorCodes, `${channel}: ${JSON.stringify(r.error)}`).toContain(r.error?.code);
            expect(r.error?.code, `${channel}: malformed input is the caller's fault, not an internal error`).not.toBe('internal');
            expect(typeof r.error?.message).toBe('string');
          }
        }),
        { numRuns: RUNS },
      );
      // The core still answers, and still knows who is signed in or that nobody is.
      await expect(core.dispatch('app:info', {})).resolves.toMatchObject({ ok: true });
      await core.dispatch('session:end', {});
    });
  }
});
