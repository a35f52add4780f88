import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startDevStack } from '../../scripts/dev-stack';
import type { DevStack } from '../../scripts/dev-stack';
import { DevSmsOutboxResponse } from '../../shared/hub-api';

export type TestStack = DevStack & { dataDir: string; dispose(): Promise<void> };

/** A fresh hub + kiosk + web host in a temporary folder, exactly what `npm run start:web` runs. */
export async function startTestStack(kioskEnv: Record<string, string> = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-'));
  const stack = await startDevStack({ dataDir, kioskEnv });
  return {
    ...stack,
    dataDir,
    dispose: async () => {
      await stack.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `+84912345678` → the digits a resident types: `0912345678`. */
export function nationalDigits(e164: string): string {
  return `0${e164.replace(/^\+84/, '')}`;
}

export async function typeOnKeypad(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.getByTestId(`keypad-${d}`).click();
}

/** Reads the newest code sent to `phone` from the hub's dev SMS outbox. */
export async function latestCode(hubUrl: string, phone: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${hubUrl}/v1/dev/sms-outbox?to=${encodeURIComponent(phone)}`);
    const { messages } = DevSmsOutboxResponse.parse(await res.json());
    const last = messages.filter((m) => m.to === phone).at(-1);
    const code = last?.body.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code was sent to ${phone}`);
}

export async function countSmsTo(hubUrl: string, phone: string): Promise<number> {
  const res = await fetch(`${hubUrl}/v1/dev/sms-outbox?to=${encodeURIComponent(phone)}`);
  const { messages } = DevSmsOutboxResponse.parse(await res.json());
  return messages.filter((m) => m.to === phone).length;
}
