/**
 * The breach register end to end: a real hub (dev mode, demo building), a core enrolled as a
 * manager workstation, the web host, Chromium. A manager registers an incident detected two
 * hours ago, sees its 72-hour clock, links a resident by phone, sends the resident notice by
 * SMS from the draft (found in the dev SMS outbox, once), records the authority's notice, and
 * opens the printable report.
 */
import { expect, test } from '@playwright/test';
import { nationalDigits, smsSentTo } from '../fixtures/dev-sms';
import { signInThroughCore, startConsoleStack } from './console-fixtures';
import type { ConsoleStack } from './console-fixtures';

let stack: ConsoleStack;

test.beforeAll(async () => {
  stack = await startConsoleStack({ kioskEnv: { KIOT_DEVICE_NAME: 'Văn phòng ban quản lý' }, sync: false });
});

test.afterAll(async () => {
  await stack?.dispose();
});

/** A manager of the demo building, signed in on this workstation's core (password, SMS code, the required password change). */
async function signInManager(): Promise<void> {
  await signInThroughCore(stack, { username: 'thu.tran', fullName: 'Trần Thị Thu', role: 'manager', phone: '0907650001' }, 'Sổ sự cố bảy mươi hai giờ 2026');
}

/** `YYYY-MM-DDTHH:mm` in Vietnam time, `hoursAgo` before now. */
function vietnamInput(hoursAgo: number): string {
  return new Date(Date.now() - hoursAgo * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);
}

test('a manager registers an incident, links a resident and sends them the notice; the SMS arrives once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInManager();
  const resident = stack.demo.residents[2]!;

  await page.goto(stack.web.url);
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
  const before = (await smsSentTo(stack.hubUrl, resident.phone)).length;
  await page.getByTestId('notice-send').click();
  await expect(page.getByTestId('notice-result')).toContainText('Đã gửi 1');
  await expect.poll(async () => (await smsSentTo(stack.hubUrl, resident.phone)).map((m) => m.body)).toContain(body);
  await expect(page.getByTestId('incident-resident')).toContainText(/SMS \d\d\/\d\d\/\d{4} \d\d:\d\d \(Trần Thị Thu\)/);

  // Sending again reaches nobody twice.
  await page.getByTestId('notice-send').click();
  await expect(page.getByTestId('notice-result')).toContainText('đã gửi trước đó 1');
  expect((await smsSentTo(stack.hubUrl, resident.phone)).length).toBe(before + 1);

  await page.getByTestId('authority-reference').fill('CV-15/BQL');
  await page.getByTestId('authority-record').click();
  await expect(page.getByTestId('authority-notified')).toContainText('CV-15/BQL');
  await expect(page.getByTestId('incident-clock')).toContainText('Đã thông báo đúng hạn');

  await page.getByTestId('incident-report-link').click();
  await expect(page.getByTestId('report-clock')).toHaveText('Đã thông báo đúng hạn');
  await expect(page.getByTestId('report-notified')).toContainText('1 (');
  await expect(page.getByTestId('incident-report')).not.toContainText(resident.fullName);
});
