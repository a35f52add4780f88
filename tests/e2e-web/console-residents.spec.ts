/**
 * The console's resident directory end to end: a real hub (dev mode, demo building and demo
 * staff), a core enrolled as a manager workstation, the web host, Chromium. The demo manager
 * signs in on the console's own screens (password, then the code from the dev SMS outbox), finds
 * a resident by a name typed without diacritics, opens the profile for a purpose; the resident,
 * signed in over the hub's HTTP routes, then finds that view with its reason in their access
 * log (`GET /v1/me/access-log`). Screenshots in vi and en at 1920×1080 go to the folder in
 * KIOT_SHOTS when it is set.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { AccessLogResponse } from '../../shared/hub-api';
import { DEMO_FIRST_RESIDENT } from '../../server/seed';
import { hubJson as http, residentSession, signInThroughScreens, shot, startConsoleStack } from './console-fixtures';
import type { ConsoleStack } from './console-fixtures';

let stack: ConsoleStack;

test.beforeAll(async () => {
  stack = await startConsoleStack({ kioskEnv: { KIOT_DEVICE_NAME: 'Văn phòng ban quản lý' }, sync: false });
});

test.afterAll(async () => {
  await stack?.dispose();
});

/** The demo manager signs in on the console's screens: username and password, then the SMS code. */
async function signInOnScreen(page: Page): Promise<void> {
  await signInThroughScreens(page, stack);
  await expect(page.getByTestId('nav-residents')).toBeVisible();
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
  const resident = await residentSession(stack, DEMO_FIRST_RESIDENT.phone);
  const log = AccessLogResponse.parse(await http('GET', `${stack.hubUrl}/v1/me/access-log`, resident));
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
