import { expect, test } from '@playwright/test';
import path from 'node:path';
import { createHub } from '../../server/app';
import type { Hub } from '../../server/app';
import { latestCode, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';
import { startHubCut } from './hub-cut';
import type { HubCut } from './hub-cut';

let stack: TestStack;
let relay: HubCut;
let revived: Hub | null = null;

test.beforeAll(async () => {
  relay = await startHubCut();
  stack = await startTestStack(
    {},
    {
      kioskHubUrl: (hubUrl) => {
        relay.target = hubUrl;
        return relay.url;
      },
    },
  );
});

test.afterAll(async () => {
  await revived?.close();
  await stack.dispose();
  await relay.close();
});

// First, while the first hub still runs: this test cuts the relay and restores it, the next closes the hub.
test('bills already shown stay when the hub goes away, "as of" their time, with a counted-down retry and the office phone', async ({ page }, testInfo) => {
  // The page's clock is the test's: "a minute later" and "the retry is due" without waiting.
  await page.clock.install();
  const resident = stack.demo.residents[3]!;
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(stack.hubUrl, resident.phone));
  await expect(page.getByTestId('home-sentence')).toContainText('₫');
  const sentence = await page.getByTestId('home-sentence').innerText();

  relay.cut();
  // A minute on, the bills are old enough to be read again when the resident opens them.
  await page.clock.fastForward(61_000);
  await page.getByTestId('nav-bills').click();
  const trouble = page.getByTestId('hub-trouble');
  await expect(trouble).toBeVisible();
  // Nothing went blank: the months and their bills are still there, said to be as of their time.
  await expect(page.getByTestId('bill-row').first()).toBeVisible();
  await expect(page.getByTestId('bills-as-of')).toHaveText(/^Cập nhật lúc \d\d:\d\d$/);
  await expect(page.getByTestId('retry-countdown')).toHaveText(/^Thử lại sau (1[0-5]|[1-9]) giây$/);
  await expect(page.getByTestId('office-phone')).toContainText('024');
  const before = await page.getByTestId('retry-countdown').innerText();
  await page.clock.fastForward(5_000);
  await expect(page.getByTestId('retry-countdown')).not.toHaveText(before);
  await testInfo.attach('bills-hub-unreachable-vi-portrait', { body: await page.screenshot(), contentType: 'image/png' });

  // Home keeps what it said too.
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('home-sentence')).toHaveText(sentence);

  // The hub is back: the automatic retry reads the bills again and the notice goes.
  relay.restore();
  await page.clock.fastForward(31_000);
  await expect(trouble).toBeHidden();
  await page.getByTestId('nav-bills').click();
  await expect(page.getByTestId('bill-row').first()).toBeVisible();
  await expect(page.getByTestId('hub-trouble')).toBeHidden();
  await stack.core.lock('signOut');
});

test('when the hub is down the resident sees "service unavailable" with a retry, and nothing they typed is lost', async ({ page }) => {
  const resident = stack.demo.residents[2]!;
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));

  relay.cut();
  await stack.hub.close();
  await page.getByTestId('phone-submit').click();

  await expect(page.getByTestId('error-message')).toContainText(/không khả dụng/i);
  await expect(page.getByTestId('retry')).toBeEnabled();
  await expect(page.getByTestId('phone-display')).toContainText(nationalDigits(resident.phone).slice(-3));

  // The hub comes back on the same database, at the address the kiosk knows (the relay; the new
  // hub itself binds a fresh port): Retry sends the number typed before.
  revived = await createHub({ database: path.join(stack.dataDir, 'hub.sqlite'), devMode: true });
  const revivedUrl = await revived.listen({ port: 0, host: '127.0.0.1' });
  relay.target = revivedUrl;
  relay.restore();
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(revivedUrl, resident.phone));
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);
});
