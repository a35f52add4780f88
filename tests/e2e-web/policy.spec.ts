import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
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

async function signIn(page: Page, resident: { phone: string; fullName: string }, language: 'vi' | 'en'): Promise<void> {
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  if (language === 'en') await page.getByTestId('lang-toggle').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(stack.hubUrl, resident.phone));
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);
}

async function openPolicy(page: Page): Promise<void> {
  await page.getByTestId('nav-privacy').click();
  await page.getByTestId('privacy-policy').click();
}

test('a resident reads the policy in effect and an earlier version, in Vietnamese', async ({ page }) => {
  await signIn(page, stack.demo.residents[0]!, 'vi');
  await openPolicy(page);
  const version = page.getByTestId('policy-version');
  await expect(version).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('policy-effective')).toHaveText('Có hiệu lực từ 01/07/2026');
  await expect(page.getByTestId('policy-changes')).toContainText('Ahamove');
  await expect(page.getByTestId('policy-text')).toContainText('Chúng tôi không bán, cho thuê hay trao đổi dữ liệu của bạn.');

  await page.getByTestId('policy-open-1').click();
  await expect(version).toHaveAttribute('data-version', '1');
  await expect(page.getByTestId('policy-effective')).toHaveText('Có hiệu lực từ 01/01/2026');
  await expect(page.getByTestId('policy-changes')).toHaveCount(0);
  await expect(page.getByTestId('policy-text')).not.toContainText('Ahamove');
  await page.getByTestId('policy-back').click();
  await expect(version).toHaveAttribute('data-version', '2');
});

test('in English, and from the kiosk’s stored copy while the hub is cut', async ({ page }) => {
  await signIn(page, stack.demo.residents[2]!, 'en');
  await openPolicy(page);
  await expect(page.getByTestId('policy-effective')).toHaveText('In effect from 01/07/2026');
  await expect(page.getByTestId('policy-text')).toContainText('We never sell, rent or trade your data.');
  await expect(page.getByTestId('policy-stored')).toHaveCount(0);

  relay.cut();
  await page.getByTestId('policy-back').click();
  await page.getByTestId('privacy-policy').click();
  await expect(page.getByTestId('policy-stored')).toContainText('The server cannot be reached');
  await expect(page.getByTestId('policy-version')).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('policy-text')).toContainText('We never sell, rent or trade your data.');
  await page.getByTestId('policy-open-1').click();
  await expect(page.getByTestId('policy-effective')).toHaveText('In effect from 01/01/2026');
});

test('anyone can read the policy from the attract screen without signing in, in both languages', async ({ page }) => {
  await page.goto(stack.web.url);
  await page.getByTestId('attract-policy').click();
  await expect(page.getByTestId('policy-version')).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('policy-text')).toContainText('Chúng tôi không bán, cho thuê hay trao đổi dữ liệu của bạn.');
  // Nobody signed in, and nothing of anyone's on screen.
  await expect(page.getByTestId('resident-name')).toHaveCount(0);
  await expect(stack.core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'attract', resident: null } });
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('policy-effective')).toHaveText('In effect from 01/07/2026');
  await page.getByTestId('policy-back').click();
  await expect(page.getByTestId('attract-start')).toBeVisible();
});
