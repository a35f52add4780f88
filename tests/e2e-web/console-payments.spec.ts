/**
 * Reconciliation in the console end to end: a real hub (dev mode, demo building with its
 * receiving account and dev webhook secret), a core enrolled as a manager workstation, the web
 * host, Chromium. A transfer without a payment code arrives through the signed generic webhook;
 * the manager matches it to the resident's bill with a reason, it leaves the unmatched list and
 * the resident's bill is paid at the hub. A statement with bad rows shows exactly those rows'
 * errors; a month of bills with errors cannot be published.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { BillsResponse, WebhookResponse } from '../../shared/hub-api';
import { genericSignature } from '../../server/adapters/payments/generic';
import { DEMO_FIRST_RESIDENT } from '../../server/seed';
import { DEV_WEBHOOK_SECRET } from '../../server/services/payments';
import { hubJson, residentSession, shot, signInThroughScreens, startConsoleStack } from './console-fixtures';
import type { ConsoleStack } from './console-fixtures';

let stack: ConsoleStack;
const ACCOUNT = '1023456789';

test.beforeAll(async () => {
  stack = await startConsoleStack({ kioskEnv: { KIOT_DEVICE_NAME: 'Văn phòng kế toán' }, sync: false });
});

test.afterAll(async () => {
  await stack?.dispose();
});

// The staff session lives in the stack's core: each test signs in through the screens afresh.
test.afterEach(async () => {
  await stack?.core.dispatch('staff:signOut', {});
});

/** A transfer as a bank-notification relay posts it, signed with the dev secret. */
async function postTransfer(amountVnd: number, content: string): Promise<void> {
  const body = JSON.stringify({ transactionId: `FT${randomUUID().replace(/-/g, '').slice(0, 14)}`, direction: 'in', amountVnd, content, accountNumber: ACCOUNT, receivedAt: new Date().toISOString() });
  const t = Math.floor(Date.now() / 1000);
  const res = await fetch(`${stack.hubUrl}/v1/payments/webhooks/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiot-signature': `t=${t},v1=${genericSignature(DEV_WEBHOOK_SECRET, t, body)}` },
    body,
  });
  expect(res.status).toBe(200);
  expect(WebhookResponse.parse(await res.json()).recorded).toBe('unmatched');
}

async function openPayments(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInThroughScreens(page, stack);
  await page.getByTestId('nav-payments').click();
  await expect(page.getByTestId('transfers-page')).toBeVisible();
}

test('a manager matches a transfer without a payment code to the resident’s bill; it leaves the unmatched list and the bill is paid', async ({ page }) => {
  test.setTimeout(120_000);
  const resident = await residentSession(stack, DEMO_FIRST_RESIDENT.phone);
  const bills = BillsResponse.parse(await hubJson('GET', `${stack.hubUrl}/v1/me/bills`, resident)).bills;
  const bill = bills.find((b) => b.status !== 'paid' && b.paidVnd === 0);
  expect(bill).toBeDefined();
  const owed = bill!.amountVnd;
  const content = `CK tien nha can ${DEMO_FIRST_RESIDENT.unitLabel} ${randomUUID().slice(0, 6)}`;
  await postTransfer(owed, content);

  await openPayments(page);
  const row = page.getByTestId('transfers-table').locator('tr', { hasText: content });
  await expect(row.getByTestId('transfer-match')).toHaveText('Chưa khớp');
  await shot(page, 'payments-transfers-vi');
  await row.getByTestId('transfer-match-open').click();
  const dialog = page.getByTestId('match-dialog');
  await dialog.getByTestId('match-unit').fill(DEMO_FIRST_RESIDENT.unitLabel);
  await dialog.getByTestId('match-unit-search').click();
  const pick = dialog.locator(`[data-bill-id="${bill!.id}"]`);
  await expect(pick).toContainText(new Intl.NumberFormat('vi-VN').format(owed));
  await pick.getByRole('checkbox').check();
  await expect(dialog.getByTestId('match-sum')).toContainText(new Intl.NumberFormat('vi-VN').format(owed));
  await dialog.getByRole('radio').first().check();
  await shot(page, 'payments-match-vi');
  await dialog.getByTestId('match-dialog-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('transfers-table').locator('tr', { hasText: content })).toHaveCount(0);

  // Under "matched by hand" with its reason.
  await page.getByTestId('transfers-filter').selectOption('resolved');
  await expect(page.getByTestId('transfers-table').locator('tr', { hasText: content }).getByTestId('transfer-match')).toHaveText('Đã khớp tay');

  const after = BillsResponse.parse(await hubJson('GET', `${stack.hubUrl}/v1/me/bills`, resident)).bills.find((b) => b.id === bill!.id);
  expect(after).toMatchObject({ status: 'paid', paidVnd: owed });
});

const STATEMENT = [
  'Sao kê tài khoản 1023456789',
  'Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Mô tả',
  '20/11/2026 09:15,FT26324001,,1.250.000,CK KTXXXXXXX phi quan ly',
  '20/11/2026 10:02,FT26324002,,500.000,Tien gui xe thang 11',
  '31/11/2026 11:00,FT26324003,,300.000,Ngay khong co that',
  '21/11/2026 08:30,FT26324004,,,Thieu so tien',
  '21/11/2026 09:45,FT26324005,200.000,,Chuyen tien ra',
  '22/11/2026 14:20,FT26324006,,750.000,Tien nuoc',
].join('\r\n');

test('a statement with bad rows shows exactly those rows’ errors, imports the rest with a progress bar and sums them up', async ({ page }) => {
  test.setTimeout(120_000);
  await openPayments(page);
  await page.getByTestId('payments-tab-statement').click();
  await page.getByTestId('statement-bank').selectOption('vietcombank');
  await page.getByTestId('statement-account').fill(ACCOUNT);
  await page.getByTestId('statement-file').setInputFiles({ name: 'sao-ke-11-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(STATEMENT, 'utf8') });
  const errors = page.getByTestId('statement-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveAttribute('data-line', '5');
  await expect(errors.nth(0)).toHaveAttribute('data-code', 'bad_date');
  await expect(errors.nth(1)).toHaveAttribute('data-line', '6');
  await expect(errors.nth(1)).toHaveAttribute('data-code', 'missing_amount');
  await expect(errors.nth(0)).toHaveText('Dòng 5: ngày không đúng dạng dd/MM/yyyy');
  await shot(page, 'payments-statement-vi');
  await page.getByTestId('statement-import').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('result-unmatched')).toHaveText('3');
  await expect(page.getByTestId('result-errors')).toHaveText('2');
  await expect(page.getByTestId('result-skipped')).toHaveText('1');
  await shot(page, 'payments-statement-done-vi');

});

test('a month of bills with errors is refused for publishing, with each row’s error', async ({ page }) => {
  test.setTimeout(120_000);
  const csv = [
    'Căn hộ,Dịch vụ,Kỳ,Số tiền,Hạn thanh toán',
    `${DEMO_FIRST_RESIDENT.unitLabel},Phí quản lý,2031-01,850000,15/02/2031`,
    'Z-9999,Nước,2031-01,120000,15/02/2031',
    `${DEMO_FIRST_RESIDENT.unitLabel},Điện,2031-01,-5000,15/02/2031`,
    `${DEMO_FIRST_RESIDENT.unitLabel},Gửi xe,2031-01,"120000,5",15/02/2031`,
    `${DEMO_FIRST_RESIDENT.unitLabel},Phí quản lý,2031-01,850000,15/02/2031`,
    `${DEMO_FIRST_RESIDENT.unitLabel},Vệ sinh,01/2031,60000,15/02/2031`,
  ].join('\n');
  await openPayments(page);
  await page.getByTestId('payments-tab-bills-import').click();
  await page.getByTestId('bills-import-month').fill('2031-01');
  await page.getByTestId('bills-import-file').setInputFiles({ name: 'hoa-don-01-2031.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const errors = page.getByTestId('bills-import-error');
  // The file's own rules first: negative, fraction, duplicate, period format.
  await expect(errors).toHaveCount(4);
  await expect(page.getByTestId('bills-import-publish')).toBeDisabled();
  await page.getByTestId('bills-import-check').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('aria-valuenow', '100');
  // The hub adds the unit it does not know.
  await expect(errors).toHaveCount(5);
  const codes = await errors.evaluateAll((items) => items.map((li) => `${li.getAttribute('data-line')}:${li.getAttribute('data-code')}`));
  expect(codes).toEqual(['3:unknown_unit', '4:negative_amount', '5:non_integer_amount', '6:duplicate_in_file', '7:bad_period']);
  await expect(page.getByTestId('bills-import-publish')).toBeDisabled();
  await shot(page, 'payments-bills-import-vi');

  // Nothing was written: the month has no bills.
  await page.getByTestId('payments-tab-bills').click();
  await page.getByTestId('bills-filter-month').fill('2031-01');
  await page.getByTestId('bills-apply').click();
  await expect(page.getByTestId('bills-total')).toHaveText('0 hóa đơn');
});
