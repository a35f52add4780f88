/**
 * The device fleet end to end: a real hub (dev mode, demo building), a core enrolled as a
 * manager workstation, the web host, Chromium. An administrator issues a kiosk enrollment code
 * in the console (text and QR), a kiosk enrolls with it over HTTP and reports a heartbeat, and
 * appears in the fleet with its health; revoking it with a reason refuses its next request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createAppCore } from '../../electron/core/create-core';
import type { AppCore } from '../../electron/core/api';
import { loadKioskConfig } from '../../electron/core/platform/config';
import { createDevFileKeystore } from '../../electron/core/platform/keystore/dev-file-keystore';
import { rendererDir, startDevHub } from '../../dev/dev-stack';
import type { DevHub } from '../../dev/dev-stack';
import { startWebHost } from '../../dev/web-host/server';
import type { WebHost } from '../../dev/web-host/server';
import { DEVICE_HEADER, EnrollResponse } from '../../shared/hub-api';
import { latestCode, smsSentTo } from '../fixtures/dev-sms';

let dataDir: string;
let dev: DevHub;
let core: AppCore;
let web: WebHost;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-console-devices-'));
  dev = await startDevHub({ database: path.join(dataDir, 'hub.sqlite') });
  const coreDir = path.join(dataDir, 'office');
  const config = loadKioskConfig(
    {
      KIOT_DATA_DIR: coreDir,
      KIOT_KEYSTORE: 'dev-file',
      KIOT_HUB_URL: dev.hubUrl,
      KIOT_ENROLL_CODE: await dev.hub.createEnrollmentCode({ buildingId: dev.demo.buildingId, mode: 'manager' }),
      KIOT_DEVICE_NAME: 'Phòng IT',
    },
    { dataDir: coreDir, keystore: 'dev-file' },
  );
  core = await createAppCore({ config, keystore: createDevFileKeystore({ dataDir: coreDir, packaged: false }), version: '0.0.0-e2e', sync: false });
  web = await startWebHost({ core, rendererDir });
});

test.afterAll(async () => {
  await web?.close();
  await core?.close();
  await dev?.hub.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** An administrator of the demo building, signed in on this workstation's core. */
async function signInAdmin(): Promise<void> {
  const phone = '+84907650021';
  const account = await dev.hub.staffAuth.createAccount({ buildingId: dev.demo.buildingId, username: 'it.hoang', fullName: 'Hoàng Văn Nam', role: 'admin', phone: '0907650021' });
  const before = (await smsSentTo(dev.hubUrl, phone)).length;
  const step = async (channel: 'staff:signIn' | 'staff:verify' | 'staff:changePassword', request: unknown): Promise<void> => {
    const result = await core.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  };
  await step('staff:signIn', { username: 'it.hoang', password: account.oneTimePassword });
  await expect.poll(async () => (await smsSentTo(dev.hubUrl, phone)).length).toBeGreaterThan(before);
  await step('staff:verify', { code: await latestCode(dev.hubUrl, phone) });
  await step('staff:changePassword', { currentPassword: account.oneTimePassword, newPassword: 'Máy sảnh mới lắp tháng mười một 2026' });
}

async function post(pathname: string, headers: Record<string, string>, json: unknown): Promise<Response> {
  return fetch(`${dev.hubUrl}${pathname}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(json) });
}

test('an administrator issues a code; the kiosk enrolled with it shows in the fleet; revoking it refuses its next request', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInAdmin();

  await page.goto(web.url);
  await page.getByTestId('nav-devices').click();
  await expect(page.getByTestId('devices-table')).toContainText('Phòng IT');
  await page.getByTestId('issue-mode').selectOption('kiosk');
  await page.getByTestId('issue-submit').click();
  const code = (await page.getByTestId('issued-code').textContent())!.trim();
  expect(code.length).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId('issued-expires')).toContainText(/Hết hạn lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/);
  await expect(page.getByTestId('enrollment-qr')).toHaveAttribute('src', /^data:image\/svg\+xml/);
  // The image really loaded (the console's CSP allows data: images): it has an intrinsic size.
  await expect.poll(() => page.getByTestId('enrollment-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // The kiosk enrolls with the code as typed off the screen, then reports its health.
  const enrolled = EnrollResponse.parse(await (await post('/v1/devices/enroll', {}, { code, name: 'Sảnh tòa B' })).json());
  expect(enrolled.mode).toBe('kiosk');
  const kiosk = { [DEVICE_HEADER]: `${enrolled.deviceId}.${enrolled.deviceSecret}` };
  const beat = await post('/v1/devices/heartbeat', kiosk, { version: '1.4.2', uptimeSeconds: 90, outboxDepth: 2, oldestPendingSeconds: 130, lastSyncAt: null, lastError: 'hub_unavailable' });
  expect(beat.status).toBe(200);

  await page.getByTestId('devices-refresh').click();
  const row = page.locator(`[data-testid="device-row"][data-device-id="${enrolled.deviceId}"]`);
  await expect(row).toContainText('Sảnh tòa B');
  await expect(row).toContainText('Kiosk sảnh');
  await expect(row).toContainText('1.4.2');
  await expect(row).toContainText('2 phút');
  await expect(row).toContainText('hub_unavailable');
  await expect(row).toContainText('Hoạt động');

  await row.getByTestId('device-revoke').click();
  await page.getByTestId('revoke-reason').fill('Máy bị tháo khỏi sảnh để sửa');
  await page.getByTestId('revoke-confirm').click();
  await expect(page.getByTestId('revoke-done')).toHaveText('Đã thu hồi “Sảnh tòa B”.');
  await expect(row).toContainText('Đã thu hồi');
  const refused = await post('/v1/devices/heartbeat', kiosk, { version: '1.4.2', uptimeSeconds: 95, outboxDepth: 0, oldestPendingSeconds: null, lastSyncAt: null, lastError: null });
  expect(refused.status).toBe(401);
});
