import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';
import { createManualTimersClock } from './manual-timers-clock';

/**
 * The sign-in journey as a resident meets it, through the real web host, hub and core: a number
 * that cannot get an SMS, the wait for a new code after walking away, the code screen's help,
 * "End now" on the idle countdown, and a web-host link without its token.
 * Screenshots go to KIOT_SHOTS when it is set.
 */
const IDLE_SECONDS = 60;
const COUNTDOWN_SECONDS = 15;

let stack: TestStack;
const clock = createManualTimersClock();

test.beforeAll(async () => {
  stack = await startTestStack({ KIOT_IDLE_SECONDS: String(IDLE_SECONDS), KIOT_COUNTDOWN_SECONDS: String(COUNTDOWN_SECONDS) }, { clock });
});

test.afterEach(async () => {
  await stack.core.lock('signOut');
});

test.afterAll(async () => {
  await stack.dispose();
});

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env['KIOT_SHOTS'];
  if (!dir) return;
  const size = page.viewportSize();
  await page.screenshot({ path: `${dir}/sign-in-${name}-${size ? `${size.width}x${size.height}` : 'page'}.png` });
}

/** The attract screen may offer the language choice in more than one place; any of them will do. */
async function chooseEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

async function countdownShowing(): Promise<boolean> {
  const view = await stack.core.dispatch('session:get', {});
  return view.ok && (view.value as { countdown: unknown }).countdown !== null;
}

/** Advances the kiosk's idle clock until its countdown runs (a heartbeat in flight may restart the idle time once). */
async function walkAway(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      if (!(await countdownShowing())) clock.advance(IDLE_SECONDS * 1000);
      return countdownShowing();
    })
    .toBe(true);
  await expect(page.getByTestId('countdown-overlay')).toBeVisible();
}

for (const lang of ['vi', 'en'] as const) {
  test(`an impossible number is refused before any SMS, with the expected form and an example (${lang})`, async ({ page }) => {
    await page.goto(stack.web.url);
    if (lang === 'en') await chooseEnglish(page);
    await page.getByTestId('attract-start').click();
    await typeOnKeypad(page, '1111111111');
    await page.getByTestId('phone-submit').click();
    await expect(page.getByTestId('error-message')).toContainText(
      lang === 'vi' ? 'Số di động 10 chữ số, ví dụ 0912 345 678' : 'A mobile number has 10 digits, for example 0912 345 678',
    );
    await expect(page.getByTestId('phone-display')).toBeVisible();
    await expect(page.getByTestId('code-display')).toHaveCount(0);
    await shot(page, `phone-invalid-${lang}`);
  });
}

test('walking away from the code screen and starting again: the wait for a new code counts down and holds the button', async ({ page }) => {
  const resident = stack.demo.residents[2]!;
  const digits = nationalDigits(resident.phone);
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, digits);
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await expect(page.getByTestId('code-sent-to')).toHaveText(`Mã đã gửi tới ${digits.slice(0, 4)} *** ${digits.slice(-3)}`);
  await expect(page.getByTestId('code-expiry')).toContainText('Mã dùng được trong 5 phút, còn');
  await page.getByTestId('code-help').click();
  await expect(page.getByTestId('code-help-panel')).toContainText('Đổi số điện thoại');
  // The office's phone comes from the building's settings, pulled from the hub.
  await expect(page.getByTestId('code-help-office')).toContainText(/Gọi ban quản lý tòa nhà: \S/);
  await shot(page, 'code-help-vi');

  await walkAway(page);
  clock.advance(COUNTDOWN_SECONDS * 1000);
  await expect(page.getByTestId('attract-start')).toBeVisible();

  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, digits);
  await page.getByTestId('phone-submit').click();
  const wait = page.getByTestId('phone-wait');
  await expect(wait).toHaveText(/^Có thể gửi mã mới tới số này sau \d+ giây\.$/);
  await expect(page.getByTestId('error-message')).toHaveCount(0);
  await expect(page.getByTestId('phone-submit')).toBeDisabled();
  const first = Number(/(\d+) giây/.exec((await wait.textContent()) ?? '')?.[1]);
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(60);
  // It counts down on screen (the hub's wait runs on real time).
  await expect.poll(async () => Number(/(\d+) giây/.exec((await wait.textContent()) ?? '')?.[1] ?? first)).toBeLessThan(first);
  await shot(page, 'phone-wait-vi');
  await chooseEnglish(page);
  await expect(wait).toHaveText(/^A new code can be sent to this number in \d+ seconds?\.$/);
  await shot(page, 'phone-wait-en');
});

test('End now on the idle countdown ends the session at once', async ({ page }) => {
  const resident = stack.demo.residents[3]!;
  await page.goto(stack.web.url);
  await chooseEnglish(page);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await shot(page, 'code-en');
  await walkAway(page);
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  await shot(page, 'countdown-en');
  await page.getByRole('button', { name: 'End now' }).click();
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expect(page.getByTestId('countdown-overlay')).toHaveCount(0);
  const view = await stack.core.dispatch('session:get', {});
  expect(view.ok && (view.value as { state: string; lastLock: { reason: string } | null })).toMatchObject({ state: 'attract', lastLock: { reason: 'signOut' } });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('the bare web-host address, without its token, says the link is missing its token', async ({ page }) => {
  await page.goto(stack.web.origin);
  await expect(page.getByRole('heading', { name: 'Đường dẫn này thiếu mã truy cập' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This link is missing its token' })).toBeVisible();
  await expect(page.getByText(/không khả dụng|unavailable/i)).toHaveCount(0);
});

test('a link with a token from an earlier start says the same', async ({ page }) => {
  await page.goto(`${stack.web.origin}/#token=from-an-earlier-start`);
  await expect(page.getByRole('heading', { name: 'This link is missing its token' })).toBeVisible();
});
