/**
 * The attract screen and the emergency broadcast end to end: one hub (dev mode, demo
 * building), a manager workstation core and a kiosk core on it, each behind its own web host,
 * two Chromium pages. The attract screen shows the building, the clock and the hub's
 * announcements, turning every 8 s (the page's clock is driven, not waited for). A manager
 * starts a broadcast in the console; the kiosk, pulling on its normal 15 s interval, takes it
 * over the screen in both languages, also in the middle of a resident's session (which it
 * ends); ending it brings the attract screen back.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { createAppCore } from '../../electron/core/create-core';
import type { AppCore } from '../../electron/core/api';
import { DEFAULT_SYNC_OPTIONS } from '../../electron/core/sync/engine';
import { loadKioskConfig } from '../../electron/core/platform/config';
import { createDevFileKeystore } from '../../electron/core/platform/keystore/dev-file-keystore';
import { rendererDir } from '../../dev/dev-stack';
import { startWebHost } from '../../dev/web-host/server';
import type { WebHost } from '../../dev/web-host/server';
import { generateDemoData } from '../../server/seed';
import { SHOTS, signInThroughScreens, startConsoleStack } from './console-fixtures';
import type { ConsoleStack } from './console-fixtures';
import { latestCode, nationalDigits } from './fixtures';

let stack: ConsoleStack;
let kioskCore: AppCore;
let kioskWeb: WebHost;

/** The kiosk pulls this often; a broadcast must show within it (plus the screen's 2 s re-read). */
const PULL_MS = DEFAULT_SYNC_OPTIONS.pullIntervalMs;
const SHOWS_WITHIN_MS = PULL_MS + 2_000 + 3_000;

test.beforeAll(async () => {
  stack = await startConsoleStack({ kioskEnv: { KIOT_DEVICE_NAME: 'Văn phòng BQL' }, sync: false });
  const kioskDir = path.join(stack.dataDir, 'lobby-kiosk');
  await mkdir(kioskDir, { recursive: true });
  const config = loadKioskConfig(
    { KIOT_DATA_DIR: kioskDir, KIOT_KEYSTORE: 'dev-file', KIOT_HUB_URL: stack.hubUrl, KIOT_ENROLL_CODE: await stack.enrollmentCode('kiosk'), KIOT_DEVICE_NAME: 'Sảnh tòa A' },
    { dataDir: kioskDir, keystore: 'dev-file' },
  );
  // The kiosk's background sync runs with its shipped intervals.
  kioskCore = await createAppCore({ config, keystore: createDevFileKeystore({ dataDir: kioskDir, packaged: false }), version: '0.0.0-e2e' });
  kioskWeb = await startWebHost({ core: kioskCore, rendererDir, port: 0 });
});

test.afterAll(async () => {
  await kioskWeb?.close();
  await kioskCore?.close();
  await stack?.dispose();
});

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  if (SHOTS !== '') await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const screens = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

async function chooseLanguage(page: Page, locale: 'vi' | 'en'): Promise<void> {
  const current = await page.locator('html').getAttribute('lang');
  if (current !== locale) await page.getByTestId('lang-toggle').locator('visible=true').first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test.describe('attract screen', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('shows the building, the clock and the announcements, which turn every 8 seconds and pause on a touch', async ({ page }) => {
    await page.clock.install({ time: new Date('2026-11-25T02:35:00.000Z') });
    await page.goto(kioskWeb.url);
    await expect(page.getByTestId('attract-building')).toHaveText(stack.demo.buildingName);
    // 09:35 in Hà Nội on Wednesday 25/11/2026.
    await expect(page.getByTestId('attract-time')).toHaveText('09:35');
    await expect(page.getByTestId('attract-date')).toHaveText('Thứ Tư, 25/11/2026');
    const item = page.getByTestId('attract-announcement');
    // Newest first: the water cut of two days ago.
    await expect(item).toContainText('Tạm ngừng cấp nước tòa B');
    await expect(page.getByTestId('attract-dot-0')).toHaveAttribute('aria-current', 'true');
    await page.clock.fastForward(8_000);
    await expect(item).not.toContainText('Tạm ngừng cấp nước tòa B');
    await expect(page.getByTestId('attract-dot-1')).toHaveAttribute('aria-current', 'true');
    const second = await item.locator('h3').textContent();
    // A touch on the notice holds it: time passes, the notice stays.
    await item.click();
    await page.clock.fastForward(30_000);
    await expect(item.locator('h3')).toHaveText(second!);
    await expect(page.getByTestId('attract-time')).toHaveText('09:35');
    // The dots choose; resuming turns again.
    await page.getByTestId('attract-dot-0').click();
    await expect(item).toContainText('Tạm ngừng cấp nước tòa B');
    await page.getByTestId('attract-news-pause').click();
    await page.clock.fastForward(8_000);
    await expect(page.getByTestId('attract-dot-1')).toHaveAttribute('aria-current', 'true');
    // In English the same notices speak English.
    await chooseLanguage(page, 'en');
    await expect(page.getByTestId('attract-date')).toHaveText('Wednesday, 25/11/2026');
    await expect(page.getByTestId('attract-start')).toContainText('Touch to start');
  });
});

for (const size of screens) {
  for (const locale of ['vi', 'en'] as const) {
    test(`${locale} ${size.name}: the attract screen fits, with every control on the screen`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(kioskWeb.url);
      await chooseLanguage(page, locale);
      await expect(page.getByTestId('attract-announcement')).toBeVisible();
      const viewport = page.viewportSize()!;
      for (const id of ['attract-start', 'attract-policy', 'lang-toggle', 'attract-dot-0']) {
        const box = (await page.getByTestId(id).locator('visible=true').first().boundingBox())!;
        expect(box.y + box.height, id).toBeLessThanOrEqual(viewport.height);
      }
      // The language choice sits in the lower half, within reach.
      const lang = (await page.getByTestId('lang-toggle').locator('visible=true').first().boundingBox())!;
      expect(lang.y).toBeGreaterThan(viewport.height / 2);
      await shoot(page, testInfo, `attract-${locale}-${size.name}`);
    });
  }
}

/** A demo resident, signed in through the kiosk's screens. */
async function residentSignsIn(page: Page, phone: string): Promise<void> {
  await page.getByTestId('attract-start').click();
  for (const d of nationalDigits(phone)) await page.getByTestId(`keypad-${d}`).click();
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  for (const d of await latestCode(stack.hubUrl, phone)) await page.getByTestId(`keypad-${d}`).click();
  await expect(page.locator('.app-signedIn')).toBeVisible();
}

test('a manager broadcasts from the console: the kiosk shows it within its pull interval over a resident session, which ends; ending it returns to attract', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const consolePage = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await signInThroughScreens(consolePage, stack);
  await consolePage.getByTestId('nav-broadcast').click();
  await expect(consolePage.getByTestId('broadcast-none')).toBeVisible();

  await kiosk.goto(kioskWeb.url);
  const phone = generateDemoData(new Date()).residents[2]!.phone_e164;
  await residentSignsIn(kiosk, phone);

  await consolePage.getByTestId('broadcast-titleVi').fill('Sự cố cháy tầng hầm B1');
  await consolePage.getByTestId('broadcast-bodyVi').fill('Mời cư dân rời tòa nhà theo cầu thang bộ, không dùng thang máy.');
  await consolePage.getByTestId('broadcast-titleEn').fill('Fire in basement B1');
  await consolePage.getByTestId('broadcast-bodyEn').fill('Please leave the building by the stairs. Do not use the lifts.');
  await consolePage.getByTestId('broadcast-reason').fill('Báo cháy từ tổ bảo vệ lúc 9 giờ 40');
  await consolePage.getByTestId('broadcast-review').click();
  // Nothing goes out before the confirmation.
  await expect(consolePage.getByTestId('broadcast-confirm')).toBeVisible();
  await expect(consolePage.getByTestId('broadcast-none')).toBeVisible();
  await consolePage.getByTestId('broadcast-send').click();
  await expect(consolePage.getByTestId('broadcast-live')).toContainText('Fire in basement B1');

  const takeover = kiosk.getByTestId('emergency');
  await expect(takeover).toBeVisible({ timeout: SHOWS_WITHIN_MS });
  await expect(kiosk.getByTestId('emergency-title-vi')).toHaveText('Sự cố cháy tầng hầm B1');
  await expect(kiosk.getByTestId('emergency-title-en')).toHaveText('Fire in basement B1');
  // The resident was signed out behind it: the kiosk's session is back at attract.
  await expect(kiosk.locator('.app-attract')).toBeVisible();
  expect(await kioskCore.dispatch('session:get', {})).toMatchObject({ ok: true, value: { state: 'attract' } });
  // Nothing behind it can be reached.
  await expect(kiosk.locator('.app-content')).toHaveAttribute('inert', '');
  await shoot(kiosk, testInfo, 'broadcast-vi-portrait');
  await kiosk.setViewportSize({ width: 1920, height: 1080 });
  await shoot(kiosk, testInfo, 'broadcast-vi-landscape');

  await consolePage.getByTestId('broadcast-end-reason').fill('Đã dập lửa, an toàn');
  await consolePage.getByTestId('broadcast-end').click();
  await expect(consolePage.getByTestId('broadcast-none')).toBeVisible();
  await expect(takeover).toBeHidden({ timeout: SHOWS_WITHIN_MS });
  await expect(kiosk.getByTestId('attract-start')).toBeVisible();
  await consolePage.close();
  await kiosk.close();
});
