/**
 * "My requests" end to end through the dev stack: in Vietnamese, a deletion confirmed with a
 * fresh code from the dev SMS outbox, its erasure date, time and countdown, a second attempt
 * that shows the first, and its cancellation; in English, an export whose mail (with the data
 * attached) reaches the dev mail outbox once the hub's jobs have run.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DevMailOutboxResponse, DevRunJobsResponse } from '../../shared/hub-api';
import { codeAfter, countSmsTo, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
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

/** A code sent after `before` messages to that number: the hub sends after it answers. */
const newCodeTo = (phone: string, before: number): Promise<string> => codeAfter(stack.hubUrl, phone, before);

async function signInToPrivacy(page: Page, phone: string, lang: 'vi' | 'en'): Promise<void> {
  await page.goto(stack.web.url);
  if (lang === 'en') await page.getByTestId('lang-toggle').click();
  await page.getByTestId('attract-start').click();
  const before = await countSmsTo(stack.hubUrl, phone);
  await typeOnKeypad(page, nationalDigits(phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await newCodeTo(phone, before));
  await page.getByTestId('nav-privacy').click();
  // A resident who chose under an older policy is asked about what changed first (not this test's subject).
  const gate = page.getByTestId('reconsent');
  await expect(page.getByTestId('privacy-requests').or(gate)).toBeVisible();
  if (await gate.isVisible()) {
    const declines = gate.getByTestId('consent-decline');
    for (let i = 0; i < (await declines.count()); i += 1) await declines.nth(i).click();
    await gate.getByTestId('reconsent-continue').click();
  }
  await expect(page.getByTestId('privacy-requests')).toBeVisible();
}

/** `dd/MM/yyyy` in Vietnam, `days` from now. */
function vietnamDatePlus(days: number): string {
  const local = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = local.split('-');
  return `${d}/${m}/${y}`;
}

test('in Vietnamese: deletion with a fresh code, its date, time and countdown; a second attempt shows the first; cancelled', async ({ page }) => {
  const resident = stack.demo.residents[2]!;
  await signInToPrivacy(page, resident.phone, 'vi');
  await page.getByTestId('privacy-deletion').click();
  const intro = page.getByTestId('deletion-intro');
  await expect(intro).toContainText('Những gì sẽ bị xóa');
  await expect(intro).toContainText('Chứng từ kế toán của các hóa đơn đã thanh toán');
  await expect(page.getByTestId('deletion-when')).toHaveText('Việc xóa diễn ra 5 ngày sau khi bạn gửi yêu cầu. Trong thời gian đó bạn có thể hủy tại máy này.');
  await expect(page.getByTestId('deletion-notice-sms')).toHaveAttribute('aria-checked', 'true');

  const before = await countSmsTo(stack.hubUrl, resident.phone);
  // Right after the sign-in code: the deletion code has a resend wait of its own, so it goes at once.
  await page.getByTestId('deletion-send-code').click();
  await expect(page.getByTestId('deletion-code')).toContainText('Mã 6 số đã được gửi đến');
  const code = await newCodeTo(resident.phone, before);
  // A wrong code first: the resident is told how many tries are left.
  await typeOnKeypad(page, code === '000000' ? '111111' : '000000');
  await expect(page.getByTestId('error-message')).toHaveText(/Mã không đúng\. Còn 4 lần thử\./);
  await typeOnKeypad(page, code);

  const status = page.getByTestId('deletion-status');
  await expect(status).toContainText('Đã nhận yêu cầu xóa dữ liệu');
  await expect(page.getByTestId('deletion-already-open')).toHaveCount(0);
  await expect(page.getByTestId('deletion-erase-at')).toHaveText(new RegExp(`^Dữ liệu của bạn sẽ được xóa lúc \\d\\d:\\d\\d, (Chủ nhật|thứ \\S+), ${vietnamDatePlus(5).replaceAll('/', '\\/')}\\.$`));
  await expect(page.getByTestId('deletion-countdown')).toHaveText(/^Còn lại(4 ngày 23 giờ 5\d phút|5 ngày 0 giờ 0 phút)$/);

  // A second attempt, from a page opened before the first was made (the list then had none): the hub
  // answers with the first, and the kiosk shows it rather than a new one.
  const second = await page.context().newPage();
  await second.goto(stack.web.url);
  await second.getByTestId('nav-privacy').click();
  await second.getByTestId('privacy-deletion').click();
  await expect(second.getByTestId('deletion-already-open')).toHaveText('Bạn đã có một yêu cầu xóa dữ liệu đang chờ. Đây là yêu cầu đó.');
  const eraseAt = await page.getByTestId('deletion-erase-at').textContent();
  await expect(second.getByTestId('deletion-erase-at')).toHaveText(eraseAt!);
  await second.close();

  await page.getByTestId('deletion-cancel').click();
  await page.getByTestId('request-cancel-yes').click();
  await expect(page.getByTestId('deletion-cancelled')).toContainText('Đã hủy yêu cầu xóa dữ liệu');
  await page.getByTestId('deletion-to-list').click();
  const card = page.locator('[data-testid="request-card"][data-kind="deletion"]');
  await expect(card.getByTestId('request-status')).toHaveText('Đã hủy');
  await expect(card.getByTestId('request-deadline')).toHaveText(`Đã hủy ngày ${vietnamDatePlus(0)}`);
  await expect(card.getByTestId('request-cancel')).toHaveCount(0);
});

test('in English: a copy of my data goes to my email, shows in My requests, and its mail carries the data once the jobs run', async ({ page }) => {
  // The first demo resident has an email address.
  const resident = stack.demo.residents[0]!;
  await signInToPrivacy(page, resident.phone, 'en');
  const profile = await stack.core.dispatch('profile:get', {});
  if (!profile.ok) throw new Error('profile:get failed');
  const email = (profile.value as { details: { email: string | null } }).details.email;
  expect(email).not.toBeNull();

  await page.getByTestId('privacy-export').click();
  await expect(page.getByTestId('export-where')).toHaveText(/^We will send the copy to your email \S•••@example\.com\.$/);
  await page.getByTestId('export-confirm').click();
  await expect(page.getByTestId('export-notice')).toHaveText('Request received. The copy will be sent to your email.');
  await page.getByTestId('export-to-list').click();
  const card = page.locator('[data-testid="request-card"][data-kind="export"]');
  await expect(card.getByTestId('request-status')).toHaveText('Received');
  await expect(card.getByTestId('request-deadline')).toHaveText(/^We will answer by (Monday|Tuesday|Wednesday|Thursday|Friday) \d\d\/\d\d\/\d{4}$/);
  await expect(card).toContainText('Delivery: by email');

  const mails = async (): Promise<DevMailOutboxResponse['messages']> => {
    const res = await fetch(`${stack.hubUrl}/v1/dev/mail-outbox?to=${encodeURIComponent(email!)}`);
    return DevMailOutboxResponse.parse(await res.json()).messages;
  };
  await expect
    .poll(async () => {
      const res = await fetch(`${stack.hubUrl}/v1/dev/run-jobs`, { method: 'POST' });
      DevRunJobsResponse.parse(await res.json());
      return (await mails()).filter((m) => (m.attachments ?? []).some((a) => a.filename.endsWith('.json') && a.size > 0)).length;
    })
    .toBe(1);
});
