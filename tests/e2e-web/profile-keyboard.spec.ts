/**
 * The on-screen keyboard where "My information" needs text, in a portrait and a landscape
 * screen: a name typed in Telex one key at a time, the diacritic and email layouts, Clear all
 * asking first, every key big enough and the keyboard inside the screen with its field
 * visible, and no serious accessibility finding on it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { codeAfter, countSmsTo, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';
import { chooseLayout, clearTextKeyboard, typeOnTextKeyboard } from './text-keyboard';

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

async function signInToProfile(page: Page, phone: string, lang: 'vi' | 'en'): Promise<void> {
  await page.goto(stack.web.url);
  if (lang === 'en') await page.getByTestId('lang-toggle').click();
  await page.getByTestId('attract-start').click();
  const before = await countSmsTo(stack.hubUrl, phone);
  await typeOnKeypad(page, nationalDigits(phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await codeAfter(stack.hubUrl, phone, before));
  await page.getByTestId('nav-privacy').click();
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

/** The keyboard, its field and Send are all on the screen, without scrolling, and every key is at least 64 px tall. */
async function expectKeyboardFits(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const id of ['text-keyboard', 'profile-text-display', 'profile-text-send']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.y, `${id} top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${id} bottom`).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width, `${id} right`).toBeLessThanOrEqual(viewport.width);
  }
  const heights = await page.getByTestId('text-keyboard').locator('button').evaluateAll((keys) => keys.map((key) => key.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(64);
}

/** A screenshot kept in the test's output folder (and attached to the report), passed or not. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function expectNoSeriousAxeFinding(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('[data-testid="text-keyboard"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(
    results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((node) => `${v.id} ${node.target.join(' ')} ${node.failureSummary ?? ''}`)),
  ).toEqual([]);
  // Labels that contain what the key shows: an experimental rule, so asked for by name.
  const names = await new AxeBuilder({ page }).include('[data-testid="text-keyboard"]').withRules(['label-content-name-mismatch']).analyze();
  expect(names.violations.flatMap((v) => v.nodes.map((node) => `${v.id} ${node.target.join(' ')}`))).toEqual([]);
}

const screens = [
  { name: 'portrait 1080×1920', viewport: { width: 1080, height: 1920 }, lang: 'vi' as const, resident: 0 },
  { name: 'landscape 1920×1080', viewport: { width: 1920, height: 1080 }, lang: 'en' as const, resident: 1 },
];

for (const screen of screens) {
  test.describe(`${screen.name}, in ${screen.lang === 'vi' ? 'Vietnamese' : 'English'}`, () => {
    test.use({ viewport: screen.viewport });

    test('types "Nguyeenx Thij Lan" in Telex and shows Nguyễn Thị Lan; the other layouts and Clear all fit too', async ({ page }, testInfo) => {
      await signInToProfile(page, stack.demo.residents[screen.resident]!.phone, screen.lang);
      await page.getByTestId('profile-change-name').click();
      const keyboard = page.getByTestId('text-keyboard');
      await expect(keyboard).toHaveAttribute('data-layout', 'telex');
      await expectKeyboardFits(page);

      await clearTextKeyboard(page);
      await expect(page.getByTestId('profile-text-display')).toHaveText('');
      // One tap per key, as a Telex typist would: capitals come by themselves at the start of a name's words.
      for (const key of 'nguyeenx thij lan') await page.getByTestId(key === ' ' ? 'key-space' : `key-${key}`).click();
      await expect(page.getByTestId('profile-text-display')).toHaveText('Nguyễn Thị Lan');
      await keepScreenshot(page, testInfo, `keyboard-telex-${screen.lang}-${screen.viewport.width}x${screen.viewport.height}`);
      await expectNoSeriousAxeFinding(page);

      // Clear all asks first; No keeps the name.
      await page.getByTestId('key-clear').click();
      await expect(page.getByTestId('key-clear-yes')).toBeVisible();
      await expectKeyboardFits(page);
      await page.getByTestId('key-clear-no').click();
      await expect(page.getByTestId('profile-text-display')).toHaveText('Nguyễn Thị Lan');

      await chooseLayout(page, 'marks');
      await expectKeyboardFits(page);
      await typeOnTextKeyboard(page, ' Đào');
      await expect(page.getByTestId('profile-text-display')).toHaveText('Nguyễn Thị Lan Đào');
      await expectNoSeriousAxeFinding(page);
      await page.getByTestId('profile-cancel').click();

      // The email field opens on the email layout.
      await page.getByTestId('profile-change-email').click();
      await expect(keyboard).toHaveAttribute('data-layout', 'email');
      await expectKeyboardFits(page);
      await typeOnTextKeyboard(page, 'lan.nguyen@example');
      await page.getByTestId('key-dotvn').click();
      await expect(page.getByTestId('profile-text-display')).toHaveText('lan.nguyen@example.vn');
      await expectNoSeriousAxeFinding(page);
      await keepScreenshot(page, testInfo, `keyboard-email-${screen.lang}-${screen.viewport.width}x${screen.viewport.height}`);
    });
  });
}
