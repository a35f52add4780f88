/**
 * The manager console end to end: the same stack as `npm run start:web -- --manager` (hub in dev
 * mode with the demo building and its demo staff, a core enrolled as a manager workstation, the
 * web host) in a temporary folder, and a helper that signs a demo staff member in through the
 * screens with the code from the dev SMS outbox.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startDevStack } from '../../dev/dev-stack';
import type { DevStack, DevStackOptions } from '../../dev/dev-stack';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../server/seed';
import { latestCode, smsSentTo } from '../fixtures/dev-sms';

export { DEMO_STAFF, DEMO_STAFF_PASSWORD };
export type DemoStaff = (typeof DEMO_STAFF)[number];

export type ConsoleStack = DevStack & { dataDir: string; dispose(): Promise<void> };

export async function startConsoleStack(hooks: Pick<DevStackOptions, 'clock' | 'staffIdleSeconds' | 'kioskEnv'> = {}): Promise<ConsoleStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-console-'));
  const stack = await startDevStack({ dataDir, mode: 'manager', ...hooks });
  return {
    ...stack,
    dataDir,
    dispose: async () => {
      await stack.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the console and signs `who` in: username and password, then the newest code sent to
 * their phone. Ends on the console's overview.
 */
export async function signInThroughScreens(page: Page, stack: DevStack, who: DemoStaff = DEMO_STAFF[0], password: string = DEMO_STAFF_PASSWORD): Promise<void> {
  if (!page.url().startsWith(stack.web.url)) await page.goto(stack.web.url);
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  const before = (await smsSentTo(stack.hubUrl, who.phone)).length;
  await page.getByTestId('staff-username').fill(who.username);
  await page.getByTestId('staff-password').fill(password);
  await page.getByTestId('staff-sign-in-submit').click();
  await expect(page.getByTestId('staff-code')).toBeVisible();
  // The hub sends the SMS after it answers.
  await expect.poll(async () => (await smsSentTo(stack.hubUrl, who.phone)).length).toBeGreaterThan(before);
  await page.getByTestId('staff-code-input').fill(await latestCode(stack.hubUrl, who.phone));
  await page.getByTestId('staff-code-submit').click();
  await expect(page.getByTestId('overview')).toBeVisible();
}
