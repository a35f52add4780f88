import { expect, test } from '@playwright/test';
import path from 'node:path';
import { createHub } from '../../server/app';
import type { Hub } from '../../server/app';
import { latestCode, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';

let stack: TestStack;
let revived: Hub | null = null;

test.beforeAll(async () => {
  stack = await startTestStack();
});

test.afterAll(async () => {
  await revived?.close();
  await stack.dispose();
});

test('when the hub is down the resident sees "service unavailable" with a retry, and nothing they typed is lost', async ({ page }) => {
  const resident = stack.demo.residents[2]!;
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));

  await stack.hub.close();
  await page.getByTestId('phone-submit').click();

  await expect(page.getByTestId('error-message')).toContainText(/không khả dụng/i);
  await expect(page.getByTestId('retry')).toBeEnabled();
  await expect(page.getByTestId('phone-display')).toContainText(nationalDigits(resident.phone).slice(-3));

  // The hub comes back on the same address and database: Retry sends the number typed before.
  const port = Number(new URL(stack.hubUrl).port);
  revived = await createHub({ database: path.join(stack.dataDir, 'hub.sqlite'), devMode: true });
  await revived.listen({ port, host: '127.0.0.1' });
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(stack.hubUrl, resident.phone));
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);
});
