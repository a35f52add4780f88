/**
 * "Who accessed my data" end to end: a staff member views a resident's profile at the hub
 * (through the audited service, as the console will), and the resident, signed in at the
 * kiosk, sees who, in which role, what, when and why — in Vietnamese and in English — and
 * nothing about anyone else.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { formatInstant } from '../../shared/dates';
import { latestCode, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';

let stack: TestStack;

test.beforeAll(async () => {
  stack = await startTestStack();
});

test.afterEach(async () => {
  await stack.core.lock('signOut');
});

test.afterAll(async () => {
  await stack.dispose();
});

async function staff(role: 'manager' | 'care'): Promise<string> {
  const member = (await stack.hub.staffAccess.listStaff(stack.demo.buildingId)).find((s) => s.role === role);
  if (!member) throw new Error(`no demo ${role}`);
  return member.id;
}

async function residentId(index: number): Promise<string> {
  const id = await stack.hub.staffAccess.findResidentId(stack.demo.buildingId, stack.demo.residents[index]!.phone);
  if (id === null) throw new Error(`no demo resident ${index}`);
  return id;
}

async function signInAndOpenAccessLog(page: Page, index: number): Promise<void> {
  const resident = stack.demo.residents[index]!;
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(stack.hubUrl, resident.phone));
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);
  await page.getByTestId('nav-privacy').click();
  await page.getByTestId('privacy-accessLog').click();
}

test('a staff view of my profile is listed, in Vietnamese, with who, when and why', async ({ page }) => {
  const reason = 'Cư dân gọi tổng đài hỏi về hóa đơn tháng 11';
  await stack.hub.staffAccess.viewResidentProfile(await staff('manager'), await residentId(0), reason);
  const viewedAt = formatInstant(new Date().toISOString());

  await page.goto(stack.web.url);
  await signInAndOpenAccessLog(page, 0);
  const entries = page.getByTestId('access-log-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Nguyễn Thị Lan (Ban quản lý) đã xem hồ sơ của bạn');
  await expect(entries.first()).toContainText(`Lý do: ${reason}`);
  // dd/MM/yyyy HH:mm in Vietnam time (a minute boundary may pass between the view and now).
  await expect(entries.first().locator('time')).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  expect([viewedAt, formatInstant(new Date(Date.now() - 60_000).toISOString())]).toContain(await entries.first().locator('time').innerText());

  await page.getByTestId('access-log-back').click();
  await expect(page.getByTestId('privacy-accessLog')).toBeVisible();
});

test("in English, and only the signed-in resident's own events", async ({ page }) => {
  const reason = 'Xác minh địa chỉ giao bưu phẩm';
  await stack.hub.staffAccess.viewResidentProfile(await staff('care'), await residentId(2), reason);

  await page.goto(stack.web.url);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await signInAndOpenAccessLog(page, 2);
  await expect(page.getByRole('heading', { name: 'Who accessed my data' })).toBeVisible();
  const entries = page.getByTestId('access-log-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Trần Văn Hùng (Resident care) viewed your profile');
  await expect(entries.first()).toContainText(`Reason: ${reason}`);
  await expect(page.getByTestId('access-log-list')).not.toContainText('Nguyễn Thị Lan');
});

test('a resident nobody looked at sees that said plainly', async ({ page }) => {
  await page.goto(stack.web.url);
  await signInAndOpenAccessLog(page, 3);
  await expect(page.getByTestId('access-log-empty')).toHaveText('Chưa có nhân viên hay hệ thống nào xem hoặc thay đổi dữ liệu của bạn.');
});
