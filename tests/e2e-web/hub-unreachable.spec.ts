import { expect, test } from '@playwright/test';
import { nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';

let stack: TestStack;

test.beforeAll(async () => {
  stack = await startTestStack();
});

test.afterAll(async () => {
  await stack.dispose();
});

test('when the hub is down the resident sees "service unavailable" with a retry, and nothing they typed is lost', async ({ page }) => {
  const resident = stack.demo.residents[2]!;
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(resident.phone));

  await stack.hub.close();
  await page.getByTestId('phone-submit').click();

  await expect(page.getByTestId('error-message')).toContainText(/không khả dụng|thử lại/i);
  await expect(page.getByTestId('retry').or(page.getByTestId('phone-submit'))).toBeEnabled();
  await expect(page.getByTestId('phone-display')).toContainText(nationalDigits(resident.phone).slice(-3));
});
