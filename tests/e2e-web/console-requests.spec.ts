/**
 * The console's request queue end to end: a real hub (dev mode, demo building), a core enrolled
 * as a manager workstation, the web host, Chromium. A resident asks for deletion over the hub's
 * own HTTP routes with fresh codes from the dev SMS outbox; a manager signs in on the console's
 * screens (password, SMS code, the first-password change) and sees it in the queue with
 * its erasure countdown, puts it on hold with a reason; the resident's view (`GET /v1/me/requests`)
 * then says on hold with the category and not the office's written reason. Screenshots of the
 * queue and a request in vi and en go to /tmp/shots-console-requests/ when KIOT_SHOTS is set.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CreateRequestResponse, MyRequestsResponse, RequestOtpResponse } from '../../shared/hub-api';
import { openDatabase } from '../../server/db/connect';
import { requestTables } from '../../server/db/requests';
import { smsSentTo } from '../fixtures/dev-sms';
import { codeAfter, hubJson as http, residentSession, signInThroughScreens, shot, startConsoleStack } from './console-fixtures';
import type { ConsoleStack } from './console-fixtures';

let stack: ConsoleStack;

test.beforeAll(async () => {
  stack = await startConsoleStack({ kioskEnv: { KIOT_DEVICE_NAME: 'Văn phòng ban quản lý' }, sync: false });
});

test.afterAll(async () => {
  await stack?.dispose();
});

/** Asks for deletion with a fresh code; the hub sends one code a minute to a number, so this waits out the sign-in's minute. */
async function askForDeletion(phone: string, resident: Record<string, string>): Promise<string> {
  for (;;) {
    const before = (await smsSentTo(stack.hubUrl, phone)).length;
    const res = await fetch(`${stack.hubUrl}/v1/me/requests/otp`, { method: 'POST', headers: resident });
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, 2_000));
      continue;
    }
    const { challengeId } = RequestOtpResponse.parse(await res.json());
    const created = CreateRequestResponse.parse(
      await http('POST', `${stack.hubUrl}/v1/me/requests`, resident, { kind: 'deletion', finalNotice: 'sms', otpChallengeId: challengeId, code: await codeAfter(stack, phone, before) }),
    );
    return created.request.id;
  }
}

const MANAGER_PHONE = '+84907654329';

/** A manager account of the demo building with its one-time password, as `create-admin` or an administrator makes one. */
async function managerAccount(): Promise<{ username: string; oneTimePassword: string }> {
  const account = await stack.hub.staffAuth.createAccount({ buildingId: stack.demo.buildingId, username: 'hoa.pham', fullName: 'Phạm Thị Hoa', role: 'manager', phone: '0907654329' });
  return { username: 'hoa.pham', oneTimePassword: account.oneTimePassword };
}

/** Signs in through the console's screens: username and password, the SMS code, the required password change. */
async function signInOnScreen(page: Page, account: { username: string; oneTimePassword: string }): Promise<void> {
  await signInThroughScreens(page, stack, { username: account.username, phone: MANAGER_PHONE }, account.oneTimePassword, 'Hoa sen nở giữa hồ Tây 2026');
  await expect(page.getByTestId('nav-requests')).toBeVisible();
}

test('a manager sees a deletion with its countdown and holds it with a reason; the resident sees on hold and the category', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const resident = stack.demo.residents[3]!;
  const residentHeaders = await residentSession(stack, resident.phone);
  // The code minute runs while the manager signs in.
  const [requestId, account] = await Promise.all([askForDeletion(resident.phone, residentHeaders), managerAccount()]);
  // Two more in the queue: an objection made long ago, past its acknowledgement deadline, and a fresh export.
  const objector = stack.demo.residents[0]!;
  const late = CreateRequestResponse.parse(await http('POST', `${stack.hubUrl}/v1/me/requests`, await residentSession(stack, objector.phone), { kind: 'objection', details: 'Không dùng số điện thoại của tôi cho khảo sát' })).request.id;
  await http('POST', `${stack.hubUrl}/v1/me/requests`, await residentSession(stack, stack.demo.residents[1]!.phone), { kind: 'export' });
  const db = openDatabase(path.join(stack.dataDir, 'hub.sqlite'));
  await requestTables(db).updateTable('data_requests').set({ acknowledge_due_at: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', late).execute();
  await db.destroy();

  await signInOnScreen(page, account);
  await page.getByTestId('nav-requests').click();
  const row = page.locator(`[data-testid="requests-table"] tr[data-row-id="${requestId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(resident.fullName);
  await expect(row).toContainText('Xóa dữ liệu');
  await expect(row.getByTestId('erasure-left')).toHaveText(/^còn (4 ngày 23|5 ngày 0) giờ$/);
  // Overdue first, marked in words.
  const first = page.locator('[data-testid="requests-table"] tr[data-row-id]').first();
  await expect(first).toHaveAttribute('data-row-id', late);
  await expect(first.getByTestId('overdue')).toHaveText('⚠Quá hạn xác nhận');
  await shot(page, 'queue-vi');

  await row.getByTestId('request-open').click();
  await expect(page.getByTestId('fact-resident')).toHaveText(resident.fullName);
  await page.getByTestId('action-hold').click();
  const dialog = page.getByTestId('action-dialog');
  await dialog.getByTestId('action-category').selectOption('authority_request');
  await dialog.getByTestId('action-reason').fill('Công an phường đề nghị giữ hồ sơ đến khi có kết luận');
  await shot(page, 'hold-dialog-vi');
  await dialog.getByTestId('action-confirm').click();
  await expect(page.getByTestId('action-saved')).toBeVisible();
  await expect(page.getByTestId('fact-status')).toHaveText('Tạm dừng (lưu giữ theo pháp luật)');
  await expect(page.getByTestId('fact-hold-category')).toHaveText('Theo yêu cầu của cơ quan có thẩm quyền');
  await expect(page.getByTestId('erasure')).toContainText('dừng vì lưu giữ');
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await shot(page, 'detail-vi');

  // The resident's own view: on hold, the category, and nothing of the office's written reason.
  const mine = MyRequestsResponse.parse(await http('GET', `${stack.hubUrl}/v1/me/requests`, residentHeaders)).requests.find((r) => r.id === requestId);
  expect(mine).toMatchObject({ status: 'on_hold', holdCategory: 'authority_request' });
  expect(JSON.stringify(mine)).not.toContain('Công an phường');

  // The same screens in English.
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('fact-status')).toHaveText('On hold (legal hold)');
  await expect(page.getByTestId('fact-hold-category')).toHaveText('Requested by a competent authority');
  await shot(page, 'detail-en');
  // Releasing asks why, with the usual reasons offered; Escape leaves it unchanged.
  await page.getByTestId('action-release').click();
  await expect(page.getByTestId('action-dialog')).toContainText('The dispute has been settled');
  await shot(page, 'release-dialog-en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-dialog')).toBeHidden();
  await page.getByTestId('request-back').click();
  await expect(row.getByTestId('request-status')).toHaveText('On hold (legal hold)');
  await shot(page, 'queue-en');
});
