import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { latestCode, nationalDigits, startTestStack } from './fixtures';
import type { TestStack } from './fixtures';
import { generateDemoData } from '../../server/seed';
import { SHOTS } from './console-fixtures';

/**
 * Home and bills as a resident sees them, in both languages, on a portrait and a landscape
 * screen: sign-in lands on "what do I owe" within the tap budget, every control is on the
 * screen without scrolling the page, and the bills list scrolls inside itself.
 */

let stack: TestStack;

/**
 * Residents whose flat pays late (this month unpaid and the two before overdue), from the
 * demo's own generator: the same seed gives the same flats. One each test, since a number
 * may get only so many codes in 15 minutes.
 */
function latePayers(): string[] {
  const data = generateDemoData(new Date());
  const newest = data.bills.reduce((m, b) => (b.month > m ? b.month : m), '');
  const late = new Set(data.bills.filter((b) => b.status === 'unpaid' && b.month < newest).map((b) => b.unit_id));
  return data.residents.filter((r) => late.has(r.unit_id)).map((r) => r.phone_e164);
}
const lateResidents = latePayers();
let nextResident = 0;

test.beforeAll(async () => {
  stack = await startTestStack();
});

test.afterEach(async () => {
  await stack.core.lock('signOut');
});

test.afterAll(async () => {
  await stack.dispose();
});

/** The budget: sign-in to "what do I owe" in at most this many taps from the attract screen. */
const TAP_BUDGET = 19;

const screens = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

/** Counts every tap the resident makes, so the budget is measured, not assumed. */
function tapper(): { tap(locator: Locator): Promise<void>; readonly count: number } {
  let count = 0;
  return {
    async tap(locator) {
      await locator.click();
      count += 1;
    },
    get count() {
      return count;
    },
  };
}

/** Kept with the test's results (and in the KIOT_SHOTS folder when set), to look at. */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  if (SHOTS !== '') await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Every visible control, as [test id or text, box]; none may lie outside the viewport. */
async function controlsOutside(page: Page, root: Locator, skipInside?: Locator): Promise<string[]> {
  const viewport = page.viewportSize()!;
  const skip = skipInside ? await skipInside.boundingBox() : null;
  const outside: string[] = [];
  for (const control of await root.locator('button, a, input, [role=button]').all()) {
    if (!(await control.isVisible())) continue;
    // Inside the list that scrolls by itself: the list's own box is what must fit.
    if (skipInside && (await control.evaluate((el, list) => list !== null && list.contains(el), await skipInside.elementHandle()))) continue;
    const box = await control.boundingBox();
    if (!box) continue;
    const name = (await control.getAttribute('data-testid')) ?? (await control.innerText()).slice(0, 30);
    if (box.x < 0 || box.y < 0 || box.x + box.width > viewport.width + 0.5 || box.y + box.height > viewport.height + 0.5) outside.push(`${name} at ${JSON.stringify(box)}`);
  }
  if (skip && (skip.y < 0 || skip.y + skip.height > viewport.height + 0.5)) outside.push(`the scrolling list at ${JSON.stringify(skip)}`);
  return outside;
}

async function signIn(page: Page, locale: 'vi' | 'en', phone: string): Promise<number> {
  const taps = tapper();
  await page.goto(stack.web.url);
  if (locale === 'en') await taps.tap(page.getByTestId('lang-toggle').locator('visible=true').first());
  await taps.tap(page.getByTestId('attract-start'));
  for (const d of nationalDigits(phone)) await taps.tap(page.getByTestId(`keypad-${d}`));
  await taps.tap(page.getByTestId('phone-submit'));
  await expect(page.getByTestId('code-display')).toBeVisible();
  const code = await latestCode(stack.hubUrl, phone);
  for (const d of code) await taps.tap(page.getByTestId(`keypad-${d}`));
  await expect(page.getByTestId('home-sentence')).not.toHaveText(/Đang xem|Checking/);
  return taps.count;
}

for (const size of screens) {
  for (const locale of ['vi', 'en'] as const) {
    test(`${locale} ${size.name}: home says what is owed, overdue apart; every control fits; bills fold by month and pay`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const phone = lateResidents[nextResident++]!;
      const taps = await signIn(page, locale, phone);
      testInfo.annotations.push({ type: 'taps to "what do I owe"', description: String(taps) });
      expect(taps).toBeLessThanOrEqual(TAP_BUDGET);

      const sentence = page.getByTestId('home-sentence');
      await expect(sentence).toHaveText(locale === 'vi' ? /^Tháng \d{1,2} cần đóng [\d.]+ ₫, hạn \d\d\/\d\d$/ : /^[A-Z][a-z]+: [\d,]+ ₫ due by \d\d\/\d\d$/);
      const overdue = page.getByTestId('home-overdue');
      await expect(overdue).toHaveText(locale === 'vi' ? /^!Quá hạn \d+ ngày: [\d.]+ ₫$/ : /^!Overdue by \d+ days?: [\d,]+ ₫$/);
      // Red: the overdue part is told apart by colour as well as by words.
      expect(await overdue.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(164, 22, 26)');
      await expect(page.getByTestId('home-office')).toContainText('024');
      await expect(page.getByTestId('home-notices')).toBeVisible();
      for (const id of ['home-pay', 'home-bills', 'home-profile', 'home-privacy', 'home-requests']) await expect(page.getByTestId(id)).toBeVisible();
      await shoot(page, testInfo, `home-${locale}-${size.name}`);
      expect(await controlsOutside(page, page.locator('#root'))).toEqual([]);

      // The bills: what is still to pay, the two overdue months first, folded to their totals; this month open.
      await page.getByTestId('home-bills').click();
      const list = page.getByTestId('bills-list');
      const months = list.getByTestId('month-group');
      await expect(months).toHaveCount(3);
      await expect(list.locator('.month-group-overdue')).toHaveCount(2);
      await expect(months.nth(0)).toHaveClass(/month-group-overdue/);
      await expect(list.getByTestId('month-toggle').nth(0)).toHaveAttribute('aria-expanded', 'false');
      await expect(list.getByTestId('month-toggle').nth(1)).toHaveAttribute('aria-expanded', 'false');
      await expect(list.getByTestId('month-toggle').nth(2)).toHaveAttribute('aria-expanded', 'true');
      await expect(months.nth(0).getByTestId('bill-row')).toHaveCount(0);
      await expect(months.nth(0).getByTestId('month-amount')).toContainText('₫');
      await expect(months.nth(0).getByTestId('month-pay')).toBeInViewport();
      // Each row's name says the due date the row shows.
      const firstRow = list.getByTestId('bill-row').first();
      const due = (await firstRow.locator('.bill-due').innerText()).match(/\d\d\/\d\d\/\d{4}/)?.[0];
      expect(due).toBeTruthy();
      await expect(firstRow).toHaveAccessibleName(new RegExp(due!.replaceAll('/', '\\/')));
      await shoot(page, testInfo, `bills-${locale}-${size.name}`);
      expect(await controlsOutside(page, page.locator('#root'), list)).toEqual([]);

      // Open an overdue month: its bills show, and the page itself still does not scroll.
      await list.getByTestId('month-toggle').nth(0).click();
      await expect(months.nth(0).getByTestId('bill-row').first()).toBeVisible();
      expect(await page.locator('main').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      expect(await controlsOutside(page, page.locator('#root'), list)).toEqual([]);

      // Paid history: one tap.
      await page.getByTestId('bills-history').click();
      await expect(list.getByTestId('month-group').first()).toHaveAttribute('data-month', /^\d{4}-\d\d$/);
      await expect(list.locator('.badge-unpaid, .badge-overdue')).toHaveCount(0);
      expect(await list.getByTestId('month-group').count()).toBeGreaterThan(12);
      await shoot(page, testInfo, `bills-history-${locale}-${size.name}`);
      expect(await controlsOutside(page, page.locator('#root'), list)).toEqual([]);
      await page.getByTestId('bills-history').click();

      // Pay all goes to the pay screen with every unpaid bill.
      await page.getByTestId('pay-all').click();
      await expect(page.locator('[data-location="pay"]')).toBeVisible();
    });
  }
}
