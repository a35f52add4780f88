/**
 * "My information" end to end through the dev stack, in Vietnamese and in English: masked
 * fields revealed for a few seconds, an email change with the code from the dev mail outbox,
 * a phone change with both codes from the dev SMS outbox, and a name correction whose state
 * the resident sees.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DevMailOutboxResponse } from '../../shared/hub-api';
import { maskPhoneLocal } from '../../shared/profile';
import { codeAfter, countSmsTo, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';
import { clearTextKeyboard, typeOnTextKeyboard } from './text-keyboard';

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

async function mailCodeTo(email: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const res = await fetch(`${stack.hubUrl}/v1/dev/mail-outbox?to=${encodeURIComponent(email)}`);
      const { messages } = DevMailOutboxResponse.parse(await res.json());
      code = messages.at(-1)?.text.match(/\b(\d{6})\b/)?.[1];
      return code;
    })
    .toBeDefined();
  return code!;
}

async function signInToProfile(page: Page, phone: string, lang: 'vi' | 'en'): Promise<void> {
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
  await expect(page.getByTestId('privacy-profile').or(gate)).toBeVisible();
  if (await gate.isVisible()) {
    const declines = gate.getByTestId('consent-decline');
    for (let i = 0; i < (await declines.count()); i += 1) await declines.nth(i).click();
    await gate.getByTestId('reconsent-continue').click();
  }
  await page.getByTestId('privacy-profile').click();
  await expect(page.getByTestId('profile-screen')).toBeVisible();
}

const words = {
  vi: { done: 'Đã đổi thành công', sent: 'Đã gửi, chờ ban quản lý duyệt', attempts: 'Còn 4 lần thử', title: 'Thông tin của tôi' },
  en: { done: 'Changed', sent: 'Sent, waiting for the management', attempts: '4 attempts left', title: 'My information' },
} as const;

for (const [index, lang] of (['vi', 'en'] as const).entries()) {
  test.describe(`in ${lang === 'vi' ? 'Vietnamese' : 'English'}`, () => {
    // Each language takes its own two residents (the demo lists five), so one's changes never meet the other's.
    const residentAt = (offset: number): { phone: string; fullName: string } => stack.demo.residents[index * 2 + offset]!;

    test('shows fields masked and reveals one for a few seconds; changes the email with the mailed code; asks for a name correction and sees it sent', async ({ page }) => {
      const resident = residentAt(0);
      await signInToProfile(page, resident.phone, lang);
      await expect(page.getByRole('heading', { name: words[lang].title })).toBeVisible();

      const phone = page.getByTestId('profile-value-phone');
      await expect(phone).toHaveText(maskPhoneLocal(resident.phone));
      await expect(page.getByTestId('profile-value-name')).not.toContainText(resident.fullName);
      await page.getByTestId('profile-reveal-phone').click();
      await expect(phone).toHaveText(nationalDigits(resident.phone));
      // Only one at a time: showing the name hides the phone…
      await page.getByTestId('profile-reveal-name').click();
      await expect(page.getByTestId('profile-value-name')).toHaveText(resident.fullName);
      await expect(phone).toHaveText(maskPhoneLocal(resident.phone));
      // …and the name hides itself after a few seconds.
      await expect(page.getByTestId('profile-value-name')).not.toContainText(resident.fullName, { timeout: 8000 });

      const email = `cu.dan.${lang}.${Date.now() % 100000}@example.vn`;
      await page.getByTestId('profile-change-email').click();
      await typeOnTextKeyboard(page, email);
      await expect(page.getByTestId('profile-text-display')).toHaveText(email);
      await page.getByTestId('profile-text-send').click();
      await expect(page.getByTestId('profile-code-new')).toBeVisible();
      await typeOnKeypad(page, await mailCodeTo(email));
      await expect(page.getByTestId('profile-notice')).toContainText(words[lang].done);
      await page.getByTestId('profile-reveal-email').click();
      await expect(page.getByTestId('profile-value-email')).toHaveText(email);

      await page.getByTestId('profile-change-name').click();
      await clearTextKeyboard(page);
      await typeOnTextKeyboard(page, 'Trần Văn Bình');
      await page.getByTestId('profile-text-send').click();
      await expect(page.getByTestId('profile-notice')).toBeVisible();
      const item = page.getByTestId('profile-history-item').filter({ hasText: 'Trần Văn Bình' });
      await expect(item.getByTestId('profile-history-state')).toHaveText(words[lang].sent, { timeout: 10_000 });
    });

    test('changes the phone with a code to the new number and one to the current number', async ({ page }) => {
      const resident = residentAt(1);
      await signInToProfile(page, resident.phone, lang);
      const newPhone = `+84369${lang === 'vi' ? '1' : '2'}${String(Date.now() % 100000).padStart(5, '0')}`;
      await page.getByTestId('profile-change-phone').click();
      await typeOnKeypad(page, nationalDigits(newPhone));
      await page.getByTestId('profile-has-old-yes').click();
      const before = { fresh: await countSmsTo(stack.hubUrl, newPhone), old: await countSmsTo(stack.hubUrl, resident.phone) };
      await page.getByTestId('profile-phone-send').click();

      await expect(page.getByTestId('profile-code-new')).toBeVisible();
      const newCode = await newCodeTo(newPhone, before.fresh);
      const oldCode = await newCodeTo(resident.phone, before.old);
      // A wrong code says how many tries are left.
      await typeOnKeypad(page, newCode === '000000' ? '111111' : '000000');
      await expect(page.getByTestId('error-message')).toContainText(words[lang].attempts);
      await typeOnKeypad(page, newCode);
      await expect(page.getByTestId('profile-code-old')).toBeVisible();
      await typeOnKeypad(page, oldCode);
      await expect(page.getByTestId('profile-notice')).toContainText(words[lang].done);
      await expect(page.getByTestId('profile-value-phone')).toHaveText(maskPhoneLocal(newPhone));
      // The old number was told, after its code.
      await expect.poll(() => countSmsTo(stack.hubUrl, resident.phone)).toBe(before.old + 2);
    });
  });
}
