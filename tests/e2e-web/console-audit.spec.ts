/**
 * The audit log end to end: a real hub (dev mode, demo building), a core enrolled as a manager
 * workstation, the web host, Chromium. An administrator revokes a kiosk with a reason a
 * spreadsheet would run as a formula, finds that event in the console's audit log with a
 * filter, sees the chain intact, and exports the filtered log as CSV (downloaded through a
 * Blob link): the formula arrives neutralized, and the export is itself in the log.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
import { EnrollResponse } from '../../shared/hub-api';
import { latestCode, smsSentTo } from '../fixtures/dev-sms';

let dataDir: string;
let dev: DevHub;
let core: AppCore;
let web: WebHost;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-console-audit-'));
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
  const phone = '+84907650031';
  const account = await dev.hub.staffAuth.createAccount({ buildingId: dev.demo.buildingId, username: 'it.mai', fullName: 'Đỗ Thị Mai', role: 'admin', phone: '0907650031' });
  const before = (await smsSentTo(dev.hubUrl, phone)).length;
  const step = async (channel: 'staff:signIn' | 'staff:verify' | 'staff:changePassword', request: unknown): Promise<void> => {
    const result = await core.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  };
  await step('staff:signIn', { username: 'it.mai', password: account.oneTimePassword });
  await expect.poll(async () => (await smsSentTo(dev.hubUrl, phone)).length).toBeGreaterThan(before);
  await step('staff:verify', { code: await latestCode(dev.hubUrl, phone) });
  await step('staff:changePassword', { currentPassword: account.oneTimePassword, newPassword: 'Máy sảnh mới lắp tháng mười một 2026' });
}

const FORMULA = '=HYPERLINK("http://example.invalid","mở")';

test('an administrator finds a revocation in the audit log and exports it as neutralized CSV; the export is audited', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInAdmin();
  const code = await dev.hub.createEnrollmentCode({ buildingId: dev.demo.buildingId, mode: 'kiosk' });
  const response = await fetch(`${dev.hubUrl}/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'Sảnh tòa C' }) });
  const kiosk = EnrollResponse.parse(await response.json());
  const revoked = await core.dispatch('consoleDevices:revoke', { deviceId: kiosk.deviceId, reason: FORMULA });
  expect(revoked.ok).toBe(true);

  await page.goto(web.url);
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-table')).toBeVisible();
  await page.getByTestId('audit-filter-action').selectOption('device.revoked');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-total')).toHaveText('1 sự kiện');
  const row = page.getByTestId('audit-row');
  await expect(row.getByTestId('audit-reason')).toHaveText(FORMULA);
  await expect(row).toContainText('Đỗ Thị Mai');
  await expect(row).toContainText('Quản trị viên');
  await expect(row).toContainText(kiosk.deviceId);

  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-.+\.csv$/);
  const csv = await readFile((await file.path())!, 'utf8');
  expect(csv.startsWith('\ufeff"seq","at_utc","at_vietnam","actor_kind"')).toBe(true);
  expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""mở"")"`);
  expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(2);
  await expect(page.getByTestId('audit-exported')).toContainText('Đã xuất 1 dòng.');

  // The export and the readings are in the log themselves.
  await page.getByTestId('audit-filter-action').selectOption('audit.exported');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-total')).toHaveText('1 sự kiện');
  await expect(page.getByTestId('audit-row')).toContainText('filterAction: device.revoked');
});
