import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startDevStack } from '../../dev/dev-stack';
import type { DevStack, DevStackOptions } from '../../dev/dev-stack';
import { latestCode, smsSentTo } from '../fixtures/dev-sms';

export { latestCode, nationalDigits } from '../fixtures/dev-sms';

export type TestStack = DevStack & { dataDir: string; dispose(): Promise<void> };

export type TestStackHooks = Pick<DevStackOptions, 'clock' | 'kioskHubUrl'>;

/**
 * A fresh hub + kiosk + web host in a temporary folder, exactly what `npm run start:web` runs;
 * `hooks` let a test drive the kiosk's timers or put something between the kiosk and the hub.
 */
export async function startTestStack(kioskEnv: Record<string, string> = {}, hooks: TestStackHooks = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-'));
  const stack = await startDevStack({ dataDir, kioskEnv, ...hooks });
  return {
    ...stack,
    dataDir,
    dispose: async () => {
      await stack.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function typeOnKeypad(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.getByTestId(`keypad-${d}`).click();
}

export async function countSmsTo(hubUrl: string, phone: string): Promise<number> {
  return (await smsSentTo(hubUrl, phone)).length;
}

/** The newest code sent to `phone` after `before` messages to it (the hub sends after it answers). */
export async function codeAfter(hubUrl: string, phone: string, before: number): Promise<string> {
  await expect.poll(() => countSmsTo(hubUrl, phone)).toBeGreaterThan(before);
  return latestCode(hubUrl, phone);
}
