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
