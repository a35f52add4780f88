import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { latestCode, countSmsTo, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';
import { createManualTimersClock } from './manual-timers-clock';

// The kiosk's timers fire when the test advances its clock, never by waiting real seconds.
const IDLE_SECONDS = 60;
const COUNTDOWN_SECONDS = 15;

let stack: TestStack;
const clock = createManualTimersClock();

test.beforeAll(async () => {
  stack = await startTestStack(
    {
      KIOT_IDLE_SECONDS: String(IDLE_SECONDS),
      KIOT_COUNTDOWN_SECONDS: String(COUNTDOWN_SECONDS),
    },
    { clock },
  );
});

async function countdownShowing(): Promise<boolean> {
  const view = await stack.core.dispatch('session:get', {});
  return view.ok && (view.value as { countdown: unknown }).countdown !== null;
}

/**
 * The resident stops touching the screen for the idle time. A heartbeat from their last touch
 * may still be on its way and start the idle time over; so advance until the core has started
 * its countdown (a heartbeat during the countdown no longer cancels it).
 */
async function walkAway(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      if (!(await countdownShowing())) clock.advance(IDLE_SECONDS * 1000);
      return countdownShowing();
    })
    .toBe(true);
  await expect(page.getByTestId('countdown-overlay')).toBeVisible();
}

// The kiosk core (like the real kiosk) keeps one session across page loads: end it between tests.
test.afterEach(async () => {
  await stack.core.lock('signOut');
});

test.afterAll(async () => {
  await stack.dispose();
});

test('a resident logs in with an SMS code, reads their bills, goes idle and is locked out with nothing left behind', async ({ page }) => {
  const resident = stack.demo.residents[0]!;
  await page.goto(stack.web.url);

  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await page.getByTestId('attract-start').click();

  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();

  const code = await latestCode(stack.hubUrl, resident.phone);
  const wrong = code === '000000' ? '111111' : '000000';
  await typeOnKeypad(page, wrong);
  await expect(page.getByTestId('error-message')).toContainText('4');

  await typeOnKeypad(page, code);
  // Sign-in lands on home, which says what is owed; the bills are one tap away.
  await expect(page.getByTestId('home-sentence')).toContainText('₫');
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);
  await page.getByTestId('nav-bills').click();
  await expect(page.getByTestId('bills-list')).toBeVisible();
  const rows = page.getByTestId('bill-row');
  expect(await rows.count()).toBeGreaterThan(3);
  await expect(page.getByTestId('bills-list')).toContainText('₫');

  await rows.first().click();
  await expect(page.getByTestId('bill-detail')).toBeVisible();
  await expect(page.getByTestId('bill-detail')).toContainText('₫');
  await page.getByTestId('bill-back').click();
  await expect(page.getByTestId('bills-list')).toBeVisible();

  // Switch to English, then walk away: the countdown appears, then the kiosk locks.
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('sign-out')).toContainText('Sign out');
  await walkAway(page);
  clock.advance(COUNTDOWN_SECONDS * 1000);
  await expect(page.getByTestId('attract-start')).toBeVisible();

  const body = await page.locator('body').innerText();
  expect(body).not.toContain(resident.fullName);
  expect(body).not.toContain(resident.unitLabel);
  expect(body).not.toContain('₫');
  const html = await page.content();
  expect(html).not.toContain(resident.fullName);
  expect(html).not.toContain(resident.phone.slice(-6));
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  expect(storage).toEqual({ local: 0, session: 0 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('Continue on the countdown keeps the resident signed in', async ({ page }) => {
  const resident = stack.demo.residents[1]!;
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(stack.hubUrl, resident.phone));
  await expect(page.getByTestId('home')).toBeVisible();

  await walkAway(page);
  await page.getByTestId('countdown-continue').click();
  await expect(page.getByTestId('countdown-overlay')).toBeHidden();
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('attract-start')).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain(resident.fullName);
});

test('an unknown number goes through exactly the same screens, sends no SMS and never signs in', async ({ page }) => {
  const unknown = '+84987654321';
  expect(stack.demo.residents.some((r) => r.phone === unknown)).toBe(false);
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(unknown));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  expect(await countSmsTo(stack.hubUrl, unknown)).toBe(0);

  await typeOnKeypad(page, '123456');
  await expect(page.getByTestId('error-message')).toContainText('4');
  await expect(page.getByTestId('bills-list')).toHaveCount(0);
  await expect(page.getByTestId('home')).toHaveCount(0);
});

test('an invalid phone number gets a clear Vietnamese message and stays on the phone screen', async ({ page }) => {
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, '012');
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('error-message')).toBeVisible();
  await expect(page.getByTestId('error-message')).toContainText(/số điện thoại/i);
  await expect(page.getByTestId('phone-display')).toBeVisible();
});
