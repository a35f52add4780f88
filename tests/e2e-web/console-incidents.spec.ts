/**
 * The breach register end to end: a real hub (dev mode, demo building), a core enrolled as a
 * manager workstation, the web host, Chromium. A manager registers an incident detected two
 * hours ago, sees its 72-hour clock, links a resident by phone, sends the resident notice by
 * SMS from the draft (found in the dev SMS outbox, once), records the authority's notice, and
 * opens the printable report.
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
import { latestCode, nationalDigits, smsSentTo } from '../fixtures/dev-sms';

let dataDir: string;
let dev: DevHub;
let core: AppCore;
let web: WebHost;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-console-incidents-'));
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

/** A manager of the demo building, signed in on this workstation's core (password, SMS code, the required password change). */
async function signInManager(): Promise<void> {
  const phone = '+84907650001';
  const account = await dev.hub.staffAuth.createAccount({ buildingId: dev.demo.buildingId, username: 'thu.tran', fullName: 'Trần Thị Thu', role: 'manager', phone: '0907650001' });
  const before = (await smsSentTo(dev.hubUrl, phone)).length;
  const step = async (channel: 'staff:signIn' | 'staff:verify' | 'staff:changePassword', request: unknown): Promise<void> => {
    const result = await core.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  };
  await step('staff:signIn', { username: 'thu.tran', password: account.oneTimePassword });
  await expect.poll(async () => (await smsSentTo(dev.hubUrl, phone)).length).toBeGreaterThan(before);
  await step('staff:verify', { code: await latestCode(dev.hubUrl, phone) });
  await step('staff:changePassword', { currentPassword: account.oneTimePassword, newPassword: 'Sổ sự cố bảy mươi hai giờ 2026' });
}

/** `YYYY-MM-DDTHH:mm` in Vietnam time, `hoursAgo` before now. */
function vietnamInput(hoursAgo: number): string {
  return new Date(Date.now() - hoursAgo * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);
}

test('a manager registers an incident, links a resident and sends them the notice; the SMS arrives once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInManager();
  const resident = dev.demo.residents[2]!;

  await page.goto(web.url);
  await page.getByTestId('nav-incidents').click();
  await page.getByTestId('incident-register').click();
  await page.getByTestId('incident-title').fill('Gửi nhầm danh sách cư dân cho nhà thầu');
  await page.getByTestId('incident-description').fill('Bảng tính có họ tên và số điện thoại cư dân tòa A bị gửi nhầm tới nhà thầu sơn.');
  await page.getByTestId('incident-detected').fill(vietnamInput(2));
  await page.getByTestId('category-identity').check();
  await page.getByTestId('category-contact').check();
  await page.getByTestId('incident-estimated').fill('40');
  await page.getByTestId('incident-submit').click();

  // The detail page, with the clock counting from detection: 69 h 59 min or 70 h 0 min left.
  await expect(page.getByTestId('incident-clock')).toContainText(/còn (69 giờ 5\d|70 giờ 0) phút/);

  await page.getByTestId('link-phones').fill(nationalDigits(resident.phone));
  await page.getByTestId('link-submit').click();
  await expect(page.getByTestId('link-result')).toHaveText('Đã liên kết 1, đã có trước 0.');
  await expect(page.getByTestId('incident-resident')).toContainText(resident.fullName);

  const text = page.getByTestId('notice-text');
  await expect(text).toHaveValue(/Chung cư/);
  const body = `${await text.inputValue()} Hotline ban quản lý: 024 3333 0000.`;
  await text.fill(body);
  const before = (await smsSentTo(dev.hubUrl, resident.phone)).length;
  await page.getByTestId('notice-send').click();
  await expect(page.getByTestId('notice-result')).toContainText('Đã gửi 1');
  await expect.poll(async () => (await smsSentTo(dev.hubUrl, resident.phone)).map((m) => m.body)).toContain(body);
  await expect(page.getByTestId('incident-resident')).toContainText(/SMS \d\d\/\d\d\/\d{4} \d\d:\d\d \(Trần Thị Thu\)/);

  // Sending again reaches nobody twice.
  await page.getByTestId('notice-send').click();
  await expect(page.getByTestId('notice-result')).toContainText('đã gửi trước đó 1');
  expect((await smsSentTo(dev.hubUrl, resident.phone)).length).toBe(before + 1);

  await page.getByTestId('authority-reference').fill('CV-15/BQL');
  await page.getByTestId('authority-record').click();
  await expect(page.getByTestId('authority-notified')).toContainText('CV-15/BQL');
  await expect(page.getByTestId('incident-clock')).toContainText('Đã thông báo đúng hạn');

  await page.getByTestId('incident-report-link').click();
  await expect(page.getByTestId('report-clock')).toHaveText('Đã thông báo đúng hạn');
  await expect(page.getByTestId('report-notified')).toContainText('1 (');
  await expect(page.getByTestId('incident-report')).not.toContainText(resident.fullName);
});
