/**
 * The console's resident directory end to end: a real hub (dev mode, demo building and demo
 * staff), a core enrolled as a manager workstation, the web host, Chromium. The demo manager
 * signs in on the console's own screens (password, then the code from the dev SMS outbox), finds
 * a resident by a name typed without diacritics, opens the profile for a purpose; the resident,
 * signed in over the hub's HTTP routes, then finds that view with its reason in their access
 * log (`GET /v1/me/access-log`). Screenshots in vi and en at 1920×1080 go to the folder in
 * KIOT_SHOTS when it is set.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createAppCore } from '../../electron/core/create-core';
import type { AppCore } from '../../electron/core/api';
import { loadKioskConfig } from '../../electron/core/platform/config';
import { createDevFileKeystore } from '../../electron/core/platform/keystore/dev-file-keystore';
import { rendererDir, startDevHub } from '../../dev/dev-stack';
import type { DevHub } from '../../dev/dev-stack';
import { startWebHost } from '../../dev/web-host/server';
import type { WebHost } from '../../dev/web-host/server';
import { AccessLogResponse, DEVICE_HEADER, EnrollResponse, OtpRequestResponse, OtpVerifyResponse } from '../../shared/hub-api';
import { DEMO_FIRST_RESIDENT, DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../server/seed';
import { latestCode, smsSentTo } from '../fixtures/dev-sms';

const SHOTS = process.env['KIOT_SHOTS'] ?? '';
const MANAGER = DEMO_STAFF[0];

let dataDir: string;
let dev: DevHub;
let core: AppCore;
let web: WebHost;

async function http(method: 'GET' | 'POST', url: string, headers: Record<string, string>, json?: unknown): Promise<unknown> {
  const res = await fetch(url, { method, headers: { ...headers, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  const body: unknown = await res.json();
  if (res.status !== 200) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** The newest code sent to `phone` after `before` messages (the hub sends after answering). */
async function codeAfter(phone: string, before: number): Promise<string> {
  await expect.poll(async () => (await smsSentTo(dev.hubUrl, phone)).length).toBeGreaterThan(before);
  return latestCode(dev.hubUrl, phone);
}

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-console-residents-'));
  dev = await startDevHub({ database: path.join(dataDir, 'hub.sqlite') });
  const coreDir = path.join(dataDir, 'office');
  const config = loadKioskConfig(
    {
      KIOT_DATA_DIR: coreDir,
      KIOT_KEYSTORE: 'dev-file',
      KIOT_HUB_URL: dev.hubUrl,
      KIOT_ENROLL_CODE: await dev.hub.createEnrollmentCode({ buildingId: dev.demo.buildingId, mode: 'manager' }),
      KIOT_DEVICE_NAME: 'Văn phòng ban quản lý',
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

/** The resident signed in at a lobby kiosk over HTTP, with the sign-in code from the outbox. */
async function residentSession(phone: string): Promise<Record<string, string>> {
  const enrolled = EnrollResponse.parse(await http('POST', `${dev.hubUrl}/v1/devices/enroll`, {}, { code: await dev.enrollmentCode(), name: 'Sảnh A' }));
  const kiosk = { [DEVICE_HEADER]: `${enrolled.deviceId}.${enrolled.deviceSecret}` };
  const before = (await smsSentTo(dev.hubUrl, phone)).length;
  const { requestId } = OtpRequestResponse.parse(await http('POST', `${dev.hubUrl}/v1/auth/otp/request`, kiosk, { phone }));
  const { token } = OtpVerifyResponse.parse(await http('POST', `${dev.hubUrl}/v1/auth/otp/verify`, kiosk, { requestId, code: await codeAfter(phone, before) }));
  return { ...kiosk, authorization: `Bearer ${token}` };
}

/** The demo manager signs in on the console's screens: username and password, then the SMS code. */
async function signInOnScreen(page: Page): Promise<void> {
  await page.goto(web.url);
  await page.getByTestId('staff-username').fill(MANAGER.username);
  await page.getByTestId('staff-password').fill(DEMO_STAFF_PASSWORD);
  const before = (await smsSentTo(dev.hubUrl, MANAGER.phone)).length;
  await page.getByTestId('staff-sign-in-submit').click();
  await page.getByTestId('staff-code-input').fill(await codeAfter(MANAGER.phone, before));
  await page.getByTestId('staff-code-submit').click();
  await expect(page.getByTestId('nav-residents')).toBeVisible();
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS === '') return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

test('a manager finds a resident typed without diacritics, opens the profile for a purpose, and the resident sees that view in their access log', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInOnScreen(page);
  await page.getByTestId('nav-residents').click();

  await page.getByTestId('residents-search').fill('nguyen thi mai');
  const table = page.getByTestId('residents-table');
  const row = table.locator('tr[data-row-id]', { hasText: DEMO_FIRST_RESIDENT.unitLabel });
  await expect(row).toContainText(DEMO_FIRST_RESIDENT.fullName);
  // The list masks contacts: the last digits only.
  await expect(row).not.toContainText('901234567');
  await expect(row).toContainText('567');
  await shot(page, 'search-vi');

  await row.getByTestId('resident-open').click();
  const dialog = page.getByTestId('purpose-dialog');
  await expect(dialog).toContainText(`Mở hồ sơ của ${DEMO_FIRST_RESIDENT.fullName}`);
  await dialog.getByTestId('purpose-billing').check();
  await dialog.getByTestId('purpose-detail').fill('cư dân gọi hỏi hoá đơn tháng 11');
  await shot(page, 'purpose-vi');
  await dialog.getByTestId('purpose-submit').click();

  await expect(page.getByTestId('resident-name')).toHaveText(DEMO_FIRST_RESIDENT.fullName);
  await expect(page.getByTestId('resident-phone')).toHaveText('0901 234 567');
  await expect(page.getByTestId('resident-household').first()).toContainText(DEMO_FIRST_RESIDENT.unitLabel);
  await expect(page.getByTestId('resident-move-out')).toBeVisible();
  await shot(page, 'profile-vi');

  const reason = 'Hoá đơn, phí dịch vụ: cư dân gọi hỏi hoá đơn tháng 11';
  const resident = await residentSession(DEMO_FIRST_RESIDENT.phone);
  const log = AccessLogResponse.parse(await http('GET', `${dev.hubUrl}/v1/me/access-log`, resident));
  const views = log.entries.filter((e) => e.reason === reason);
  expect(views).toHaveLength(1);
  expect(views[0]!.actor.kind).toBe('staff');

  // The same screens in English, for the screenshots and the words.
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByText('Correct a detail')).toBeVisible();
  await shot(page, 'profile-en');
  await page.getByTestId('residents-back').click();
  await expect(page.getByTestId('residents-search')).toHaveValue('nguyen thi mai');
  await expect(table.locator('tr[data-row-id]', { hasText: DEMO_FIRST_RESIDENT.unitLabel })).toBeVisible();
  await shot(page, 'search-en');
  await table.locator('tr[data-row-id]', { hasText: DEMO_FIRST_RESIDENT.unitLabel }).getByTestId('resident-open').click();
  await expect(page.getByTestId('purpose-dialog')).toContainText(`Open ${DEMO_FIRST_RESIDENT.fullName}'s profile`);
  await shot(page, 'purpose-en');
  await page.getByTestId('purpose-cancel').click();
});
