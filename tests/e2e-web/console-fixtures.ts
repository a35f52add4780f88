/**
 * The manager console end to end: the same stack as `npm run start:web -- --manager` (hub in dev
 * mode with the demo building and its demo staff, a core enrolled as a manager workstation, the
 * web host) in a temporary folder; helpers that sign staff in through the screens or straight
 * through the core with the code from the dev SMS outbox; a resident's kiosk session over the
 * hub's own HTTP routes.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startDevStack } from '../../dev/dev-stack';
import type { DevHub, DevStack, DevStackOptions } from '../../dev/dev-stack';
import { DEVICE_HEADER, EnrollResponse, OtpRequestResponse, OtpVerifyResponse } from '../../shared/hub-api';
import type { StaffRole } from '../../shared/domain';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../server/seed';
import { smsSentTo } from '../fixtures/dev-sms';
import { codeAfter as codeAfterOnHub } from './fixtures';

export { DEMO_STAFF, DEMO_STAFF_PASSWORD };
export type DemoStaff = (typeof DEMO_STAFF)[number];

export type ConsoleStack = DevStack & { dataDir: string; dispose(): Promise<void> };

/** Someone who signs in with a username and gets the code on `phone` (E.164). */
export type StaffLogin = { username: string; phone: string };

export async function startConsoleStack(hooks: Pick<DevStackOptions, 'clock' | 'staffIdleSeconds' | 'kioskEnv' | 'sync'> = {}): Promise<ConsoleStack> {
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

/** The newest code sent to `phone` after `before` messages (the hub sends after answering). */
export function codeAfter(stack: DevHub, phone: string, before: number): Promise<string> {
  return codeAfterOnHub(stack.hubUrl, phone, before);
}

/**
 * Opens the console and signs `who` in: username and password, then the newest code sent to
 * their phone; with `newPassword`, also the required change of a one-time password. Ends on the
 * console's overview.
 */
export async function signInThroughScreens(page: Page, stack: DevStack, who: StaffLogin = DEMO_STAFF[0], password: string = DEMO_STAFF_PASSWORD, newPassword?: string): Promise<void> {
  if (!page.url().startsWith(stack.web.url)) await page.goto(stack.web.url);
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  const before = (await smsSentTo(stack.hubUrl, who.phone)).length;
  await page.getByTestId('staff-username').fill(who.username);
  await page.getByTestId('staff-password').fill(password);
  await page.getByTestId('staff-sign-in-submit').click();
  await expect(page.getByTestId('staff-code')).toBeVisible();
  await page.getByTestId('staff-code-input').fill(await codeAfter(stack, who.phone, before));
  await page.getByTestId('staff-code-submit').click();
  if (newPassword !== undefined) {
    await page.getByTestId('staff-current-password').fill(password);
    await page.getByTestId('staff-new-password').fill(newPassword);
    await page.getByTestId('staff-repeat-password').fill(newPassword);
    await page.getByTestId('staff-password-submit').click();
  }
  await expect(page.getByTestId('overview')).toBeVisible();
}

/** A new staff account of the demo building; `phone` as an office types it (`09…`). */
export type NewStaff = { username: string; fullName: string; role: StaffRole; phone: string };

/**
 * Makes `staff` an account (as an administrator or `create-admin` does) and signs them in on the
 * stack's core without the screens: password, SMS code, then `newPassword` for the one-time one.
 */
export async function signInThroughCore(stack: DevStack, staff: NewStaff, newPassword: string): Promise<void> {
  const phone = `+84${staff.phone.replace(/^0/, '')}`;
  const account = await stack.hub.staffAuth.createAccount({ buildingId: stack.demo.buildingId, ...staff });
  const before = (await smsSentTo(stack.hubUrl, phone)).length;
  const step = async (channel: 'staff:signIn' | 'staff:verify' | 'staff:changePassword', request: unknown): Promise<void> => {
    const result = await stack.core.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  };
  await step('staff:signIn', { username: staff.username, password: account.oneTimePassword });
  await step('staff:verify', { code: await codeAfter(stack, phone, before) });
  await step('staff:changePassword', { currentPassword: account.oneTimePassword, newPassword });
}

/** A JSON call to the hub that must answer 200; its parsed body. */
export async function hubJson(method: 'GET' | 'POST', url: string, headers: Record<string, string>, json?: unknown): Promise<unknown> {
  const res = await fetch(url, { method, headers: { ...headers, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  const body: unknown = await res.json();
  if (res.status !== 200) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** A resident signed in at a newly enrolled lobby kiosk over HTTP, with the sign-in code from the outbox: the headers to call as them. */
export async function residentSession(stack: DevHub, phone: string): Promise<Record<string, string>> {
  const enrolled = EnrollResponse.parse(await hubJson('POST', `${stack.hubUrl}/v1/devices/enroll`, {}, { code: await stack.enrollmentCode(), name: 'Sảnh A' }));
  const kiosk = { [DEVICE_HEADER]: `${enrolled.deviceId}.${enrolled.deviceSecret}` };
  const before = (await smsSentTo(stack.hubUrl, phone)).length;
  const { requestId } = OtpRequestResponse.parse(await hubJson('POST', `${stack.hubUrl}/v1/auth/otp/request`, kiosk, { phone }));
  const { token } = OtpVerifyResponse.parse(await hubJson('POST', `${stack.hubUrl}/v1/auth/otp/verify`, kiosk, { requestId, code: await codeAfter(stack, phone, before) }));
  return { ...kiosk, authorization: `Bearer ${token}` };
}

/** Where screenshots go; empty (the default) takes none. */
export const SHOTS = process.env['KIOT_SHOTS'] ?? '';

/** A screenshot of the viewport as `<name>.png` in the KIOT_SHOTS folder, when it is set. */
export async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS === '') return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}
