/**
 * The console shell in Chromium through the web host in manager mode: staff sign-in with
 * password and SMS code, who is signed in and what their role may open, the idle lock after 10
 * minutes (the core's timers driven by the test), unlock with the password, sign-out. With
 * KIOT_SHOTS set, screenshots of sign-in, overview and lock (1920×1080 and 1366×768, vi and en)
 * go to that folder.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, signInThroughScreens, startConsoleStack } from './console-fixtures';
import type { ConsoleStack } from './console-fixtures';
import { createManualTimersClock } from './manual-timers-clock';

const SHOTS = process.env['KIOT_SHOTS'] ?? '';
const clock = createManualTimersClock();
let stack: ConsoleStack;

test.beforeAll(async () => {
  stack = await startConsoleStack({ clock });
});

test.afterAll(async () => {
  await stack.dispose();
});

// One staff session per core: each test starts signed out.
test.afterEach(async () => {
  await stack.core.dispatch('staff:signOut', {});
});

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS === '') return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test('a manager signs in with password and SMS code, is locked after 10 idle minutes, unlocks with the password, signs out', async ({ page }) => {
  await page.goto(stack.web.url);
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  // A wrong password says so, and sends no code.
  await page.getByTestId('staff-username').fill(DEMO_STAFF[0].username);
  await page.getByTestId('staff-password').fill('not the password');
  await page.getByTestId('staff-sign-in-submit').click();
  await expect(page.getByTestId('staff-error')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');

  await signInThroughScreens(page, stack);
  await expect(page.getByTestId('console-user')).toContainText('Nguyễn Thị Lan');
  await expect(page.getByTestId('console-role')).toHaveText('Quản lý tòa nhà');
  await expect(page.getByTestId('nav-requests')).toBeVisible();

  // Ten minutes without a key or a click: the console locks and the page is gone.
  clock.advance(10 * 60_000);
  await expect(page.getByTestId('staff-locked')).toBeVisible();
  await expect(page.getByTestId('staff-locked')).toContainText('Nguyễn Thị Lan');
  await expect(page.getByTestId('overview')).toHaveCount(0);
  await expect(page.getByTestId('console-user')).toHaveCount(0);

  await page.getByTestId('staff-unlock-password').fill('wrong password');
  await page.getByTestId('staff-unlock-submit').click();
  await expect(page.getByTestId('staff-error')).toHaveText('Mật khẩu không đúng.');
  await page.getByTestId('staff-unlock-password').fill(DEMO_STAFF_PASSWORD);
  await page.getByTestId('staff-unlock-submit').click();
  await expect(page.getByTestId('overview')).toBeVisible();

  await page.getByTestId('console-sign-out').click();
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  // The token is gone from the core: a console feature's call is refused.
  const after = await stack.core.dispatch('consoleRequests:list', {});
  expect(after).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
});

test('customer care does not see the audit log or the incidents', async ({ page }) => {
  await signInThroughScreens(page, stack, DEMO_STAFF[1]);
  await expect(page.getByTestId('console-role')).toHaveText('Chăm sóc khách hàng');
  await expect(page.getByTestId('nav-requests')).toBeVisible();
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await expect(page.getByTestId('nav-incidents')).toHaveCount(0);
});

for (const [width, height] of [
  [1920, 1080],
  [1366, 768],
] as const) {
  for (const locale of ['vi', 'en'] as const) {
    test(`screens at ${width}×${height} in ${locale}`, async ({ page }) => {
      test.skip(SHOTS === '', 'screenshots only when KIOT_SHOTS is set');
      await page.setViewportSize({ width, height });
      await page.goto(stack.web.url);
      await expect(page.getByTestId('staff-sign-in')).toBeVisible();
      if (locale === 'en') await page.getByTestId('lang-toggle').click();
      await shot(page, `sign-in-${locale}-${width}`);
      await signInThroughScreens(page, stack);
      await shot(page, `overview-${locale}-${width}`);
      clock.advance(10 * 60_000);
      await expect(page.getByTestId('staff-locked')).toBeVisible();
      await shot(page, `lock-${locale}-${width}`);
    });
  }
}
