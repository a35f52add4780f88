import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { smsSentTo } from '../fixtures/dev-sms';
import { formatLocalDate, vietnamDate } from '../../shared/dates';
import { latestCode, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';
import { startHubCut } from './hub-cut';
import type { HubCut } from './hub-cut';

let stack: TestStack;
let relay: HubCut;

test.beforeAll(async () => {
  relay = await startHubCut();
  stack = await startTestStack({}, { kioskHubUrl: (hubUrl) => ((relay.target = hubUrl), relay.url) });
});

test.afterEach(async () => {
  relay.restore();
  await stack.core.lock('signOut');
});

test.afterAll(async () => {
  await stack.dispose();
  await relay.close();
});

async function signIn(page: Page, resident: { phone: string; fullName: string }, language: 'vi' | 'en' = 'vi'): Promise<void> {
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  if (language === 'en') await page.getByTestId('lang-toggle').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(stack.hubUrl, resident.phone));
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);
}

async function openConsents(page: Page): Promise<void> {
  await page.getByTestId('nav-privacy').click();
  await page.getByTestId('privacy-consents').click();
  await expect(page.getByTestId('consent-list')).toBeVisible();
}

async function receipts(phone: string): Promise<string[]> {
  return (await smsSentTo(stack.hubUrl, phone)).map((m) => m.body).filter((body) => body.includes('đồng ý') || body.includes('ĐỒNG Ý'));
}

const today = formatLocalDate(vietnamDate(new Date()));

test('a resident grants and withdraws a consent in Vietnamese and gets a receipt by SMS each time', async ({ page }) => {
  const resident = stack.demo.residents[0]!;
  await signIn(page, resident);
  // This resident never chose anything: nothing to review, the bills come first.
  await expect(page.getByTestId('reconsent')).toHaveCount(0);
  await openConsents(page);

  const card = page.getByTestId('consent-bill_reminders_sms');
  await expect(card).toHaveAttribute('data-granted', 'false');
  await expect(card.getByTestId('consent-since')).toHaveText('Bạn chưa chọn · đang tắt');
  await expect(page.getByTestId('consent-service_notices').getByTestId('consent-necessary')).toBeVisible();
  await expect(page.getByTestId('consent-service_notices').getByTestId('consent-switch')).toHaveCount(0);

  await card.getByTestId('consent-switch').click();
  await expect(card.getByTestId('consent-state')).toContainText('Đã gửi');
  await expect(card).toHaveAttribute('data-granted', 'true');
  await expect(card.getByTestId('consent-since')).toHaveText(`Từ ${today} · chính sách phiên bản 2`);
  await expect.poll(async () => (await receipts(resident.phone)).at(-1) ?? '').toContain('ĐỒNG Ý "Nhắc hóa đơn qua tin nhắn SMS"');

  await card.getByTestId('consent-switch').click();
  await expect(card).toHaveAttribute('data-granted', 'false');
  await expect(card.getByTestId('consent-state')).toContainText('Đã gửi');
  await expect.poll(async () => (await receipts(resident.phone)).at(-1) ?? '').toContain('RÚT LẠI đồng ý "Nhắc hóa đơn qua tin nhắn SMS"');
  expect(await receipts(resident.phone)).toHaveLength(2);
});

test('in English, a consent change made while the hub is cut waits on this kiosk, and is sent when the hub returns', async ({ page }) => {
  const resident = stack.demo.residents[3]!;
  await signIn(page, resident, 'en');
  await openConsents(page);
  const card = page.getByTestId('consent-surveys');
  await expect(card.getByTestId('consent-since')).toHaveText('Not chosen yet · off');
  const before = (await receipts(resident.phone)).length;

  relay.cut();
  await card.getByTestId('consent-switch').click();
  await expect(card.getByTestId('consent-state')).toHaveText('Saved on this kiosk, will be sent when the network is back');
  await expect(card).toHaveAttribute('data-granted', 'true');
  await expect(page.getByTestId('consents-offline')).toBeVisible();
  expect(await receipts(resident.phone)).toHaveLength(before);

  relay.restore();
  await stack.core.sync.flush();
  await expect(card.getByTestId('consent-state')).toContainText('Sent');
  // The hub has it: the receipt went out, and the hub's own list says so.
  await expect.poll(async () => (await receipts(resident.phone)).length).toBe(before + 1);
  expect((await receipts(resident.phone)).at(-1)).toContain('GAVE consent to "Surveys"');
  await page.getByTestId('consents-back').click();
  await page.getByTestId('privacy-consents').click();
  await expect(page.getByTestId('consent-surveys').getByTestId('consent-since')).toHaveText(`Since ${today} · policy version 2`);
  await expect(page.getByTestId('consents-offline')).toHaveCount(0);
});

test('a resident who chose under the old policy reviews the changed purpose before anything else, in Vietnamese then English', async ({ page }) => {
  const resident = stack.demo.residents[4]!;
  await signIn(page, resident);
  const gate = page.getByTestId('reconsent');
  await expect(gate).toBeVisible();
  await expect(page.getByTestId('home')).toHaveCount(0);
  await expect(gate).toContainText('Chính sách bảo mật đã thay đổi');
  await expect(page.getByTestId('reconsent-changes')).toContainText('Ahamove');
  await expect(gate.getByTestId('consent-delivery_partners')).toContainText('Giao Hàng Tiết Kiệm và Ahamove');
  await expect(gate.getByTestId('consent-agree')).toHaveText('Đồng ý');

  await page.getByTestId('lang-toggle').click();
  await expect(gate).toContainText('The privacy policy has changed');
  // Only the purpose whose recipients changed is asked; nothing is chosen for the resident.
  await expect(gate.locator('[data-testid^="consent-"][data-granted]')).toHaveCount(1);
  const delivery = gate.getByTestId('consent-delivery_partners');
  await expect(delivery).toContainText('Giao Hàng Tiết Kiệm and Ahamove');
  await expect(delivery.getByTestId('consent-agree')).toHaveAttribute('aria-pressed', 'false');
  await expect(delivery.getByTestId('consent-decline')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('reconsent-continue')).toBeDisabled();

  await delivery.getByTestId('consent-decline').click();
  await expect(page.getByTestId('reconsent-continue')).toBeEnabled();
  await page.getByTestId('reconsent-continue').click();
  // Past the gate, the resident lands where every sign-in does: home, what is owed.
  await expect(page.getByTestId('home')).toBeVisible();
  await expect.poll(async () => (await receipts(resident.phone)).at(-1) ?? '').toContain('WITHDREW consent to "Sharing contact details with delivery partners"');

  await openConsents(page);
  const card = page.getByTestId('consent-delivery_partners');
  await expect(card).toHaveAttribute('data-granted', 'false');
  await expect(card.getByTestId('consent-since')).toHaveText(`Since ${today} · policy version 2`);
  await expect(card).not.toContainText('The policy changed this purpose');
});
