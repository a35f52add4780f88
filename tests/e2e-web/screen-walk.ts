/**
 * A walk through every kiosk screen a resident can reach, for the checks that must hold on
 * all of them (axe, controls inside the viewport). The walk taps like a resident; at each
 * screen it calls `visit(name)` and carries on. Shared by a11y.spec.ts and viewport.spec.ts.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import type { BuildingPublic } from '../../shared/contract/building';
import { openDatabase } from '../../server/db/connect';
import { createIdGenerator } from '../../server/ids';
import { generateDemoData } from '../../server/seed';
import { seedDemoConsents } from '../../server/services/consents';
import { SHOTS } from './console-fixtures';
import { latestCode, nationalDigits, startTestStack } from './fixtures';
import type { TestStack } from './fixtures';
import { createManualTimersClock } from './manual-timers-clock';
import type { ManualTimersClock } from './manual-timers-clock';

export const IDLE_SECONDS = 60;
export const COUNTDOWN_SECONDS = 15;
export const WALK_ENV = { KIOT_IDLE_SECONDS: String(IDLE_SECONDS), KIOT_COUNTDOWN_SECONDS: String(COUNTDOWN_SECONDS) };

export const SIZES = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

export type Visit = (name: string) => Promise<void>;

export type Walk = {
  page: Page;
  stack: TestStack;
  clock: ManualTimersClock;
  locale: 'vi' | 'en';
  largeText: boolean;
  phone: string;
};

export type WalkStack = { readonly clock: ManualTimersClock; readonly stack: TestStack; emergency(on: boolean): void };

/**
 * The stack a walk spec shares across its tests, on a manual clock with the emergency switch;
 * after each test the broadcast ends and the kiosk locks. Registers the spec's hooks: call it
 * once at the top of the spec file.
 */
export function useWalkStack(): WalkStack {
  const clock = createManualTimersClock();
  let stack: TestStack | null = null;
  let emergency: (on: boolean) => void = () => {};
  test.beforeAll(async () => {
    stack = await startTestStack(WALK_ENV, { clock });
    emergency = emergencySwitch(stack);
  });
  test.afterEach(async () => {
    emergency(false);
    await stack?.core.lock('signOut');
  });
  test.afterAll(async () => {
    await stack?.dispose();
  });
  return {
    clock,
    get stack(): TestStack {
      if (stack === null) throw new Error('the walk stack starts in beforeAll');
      return stack;
    },
    emergency: (on) => emergency(on),
  };
}

/** Demo residents, one per walk: a number may get only so many codes in 15 minutes. */
export function demoPhones(): string[] {
  return generateDemoData(new Date()).residents.map((r) => r.phone_e164);
}

/**
 * Gives the resident with this phone the seed's choices made under policy version 1 (as the
 * demo's fifth resident has, see consents.spec.ts), so the changed purpose of version 2 is theirs
 * to review right after sign-in: the walk then meets the re-consent screen.
 */
export async function needsReconsent(stack: TestStack, phone: string): Promise<void> {
  const db = openDatabase(path.join(stack.dataDir, 'hub.sqlite'));
  try {
    const { id } = await db.selectFrom('residents').select('id').where('phone_e164', '=', phone).executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => seedDemoConsents(trx, id, createIdGenerator(() => new Date(), (n) => randomBytes(n))));
  } finally {
    await db.destroy();
  }
}

/** Makes the kiosk's building read carry (or stop carrying) a live emergency broadcast, as if the hub had sent one. */
export function emergencySwitch(stack: TestStack): (on: boolean) => void {
  let on = false;
  const core = stack.core as unknown as { dispatch(channel: string, request: unknown): Promise<{ ok: boolean; value?: unknown }> };
  const original = core.dispatch.bind(core);
  core.dispatch = async (channel, request) => {
    const result = await original(channel, request);
    if (!on || channel !== 'building:public' || !result.ok) return result;
    const emergency: NonNullable<BuildingPublic['emergency']> = {
      id: 'a11y-drill',
      startedAt: new Date().toISOString(),
      title: { vi: 'Mất điện toàn tòa nhà', en: 'Power cut in the whole building' },
      body: { vi: 'Vui lòng dùng cầu thang bộ, không dùng thang máy.', en: 'Please use the stairs, not the lifts.' },
    };
    return { ...result, value: { ...(result.value as BuildingPublic), emergency } };
  };
  return (next) => {
    on = next;
  };
}

export async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  if (SHOTS !== '') await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function countdownShowing(stack: TestStack): Promise<boolean> {
  const view = await stack.core.dispatch('session:get', {});
  return view.ok && (view.value as { countdown: unknown }).countdown !== null;
}

/** Every screen, from the attract screen to the emergency takeover. */
export async function walkEveryScreen(walk: Walk, visit: Visit, emergency: (on: boolean) => void): Promise<void> {
  const { page, stack, clock, locale, largeText, phone } = walk;
  const tap = (id: string) => page.getByTestId(id).locator('visible=true').first().click();
  await needsReconsent(stack, phone);
  await page.goto(stack.web.url);
  await expect(page.getByTestId('attract-start')).toBeVisible();
  if (locale === 'en') {
    await tap('lang-toggle');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
  if (largeText) {
    await tap('mode-large-text');
    await expect(page.getByTestId('mode-large-text')).toHaveAttribute('aria-pressed', 'true');
  }
  await visit('attract');

  await tap('attract-policy');
  await expect(page.getByTestId('policy-text')).toBeVisible();
  await visit('policy');
  await tap('policy-back');

  await tap('attract-start');
  await expect(page.getByTestId('phone-display')).toBeVisible();
  await visit('phone');
  for (const d of nationalDigits(phone)) await tap(`keypad-${d}`);
  await tap('phone-submit');
  await expect(page.getByTestId('code-display')).toBeVisible();
  await visit('code');
  // The "didn't get a code?" help, drawn over the screen.
  await tap('code-help');
  await expect(page.getByTestId('code-help-panel')).toBeVisible();
  await visit('code-help');
  await tap('code-help-close');
  await expect(page.getByTestId('code-help-overlay')).toHaveCount(0);
  for (const d of await latestCode(stack.hubUrl, phone)) await tap(`keypad-${d}`);
  // A changed purpose to review comes before anything else.
  const gate = page.getByTestId('reconsent');
  await expect(gate).toBeVisible();
  await visit('reconsent');
  const declines = gate.getByTestId('consent-decline');
  for (let i = 0; i < (await declines.count()); i += 1) await declines.nth(i).click();
  await tap('reconsent-continue');
  await expect(page.getByTestId('home-sentence')).not.toHaveText(/Đang xem|Checking/);
  await visit('home');

  await tap('home-bills');
  await expect(page.getByTestId('bills-list')).toBeVisible();
  await visit('bills');
  const toggle = page.getByTestId('month-toggle').first();
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await page.getByTestId('bill-row').first().click();
  await expect(page.getByTestId('bill-detail')).toBeVisible();
  await visit('bill-detail');
  await tap('bill-back');

  await tap('nav-home');
  await tap('home-pay');
  await expect(page.getByTestId('pay-screen')).toBeVisible();
  await expect(page.getByTestId('pay-qr')).toBeVisible();
  await visit('pay');
  await tap('pay-back');

  await tap('nav-privacy');
  await expect(page.getByTestId('privacy-profile')).toBeVisible();
  await visit('privacy');
  await tap('privacy-profile');
  await expect(page.getByTestId('profile-screen')).toBeVisible();
  await expect(page.getByTestId('profile-change-name')).toBeVisible();
  await visit('profile');
  await tap('profile-change-name');
  await expect(page.getByTestId('text-keyboard')).toBeVisible();
  await visit('profile-keyboard');
  // Cancel closes the keyboard; with larger text in landscape the open keyboard hides the tabs.
  await tap('profile-cancel');
  await expect(page.getByTestId('text-keyboard')).toHaveCount(0);

  const privacyEntries: [string, string, string][] = [
    ['privacy-consents', 'consents', 'consents'],
    ['privacy-accessLog', 'accessLog', 'access-log'],
    ['privacy-requests', 'requests', 'requests'],
    ['privacy-deletion', 'deletion', 'deletion'],
    ['privacy-export', 'export', 'export'],
  ];
  for (const [id, location, name] of privacyEntries) {
    await tap('nav-privacy');
    await tap(id);
    await expect(page.locator(`[data-location="${location}"]`)).toBeVisible();
    // Let the screen's own read from the hub settle (its loading line goes away).
    await expect(page.locator('[data-loading="true"]')).toHaveCount(0);
    await visit(name);
  }

  // The resident walks away: the idle countdown.
  await expect
    .poll(async () => {
      if (!(await countdownShowing(stack))) clock.advance(IDLE_SECONDS * 1000);
      return countdownShowing(stack);
    })
    .toBe(true);
  await expect(page.getByTestId('countdown-overlay')).toBeVisible();
  await visit('countdown');
  await tap('countdown-continue');
  await expect(page.getByTestId('countdown-overlay')).toHaveCount(0);

  // An emergency broadcast takes over the screen (and signs the resident out).
  emergency(true);
  await expect(page.getByTestId('emergency')).toBeVisible();
  await expect(page.locator('.app-attract')).toBeVisible();
  await visit('broadcast');
  emergency(false);
  await expect(page.getByTestId('emergency')).toHaveCount(0);
}
