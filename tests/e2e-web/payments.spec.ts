/**
 * Paying bills by VietQR end to end through the dev stack, in Vietnamese and English, on a
 * portrait (1080×1920) and a landscape (1920×1080) kiosk (axe-checked): a resident opens "pay all", the QR
 * code on screen is decoded back (screenshot → jsQR) to a VietQR payload for the account,
 * amount and code shown beside it, the test posts a webhook signed as the bank-notification
 * relay would, and the kiosk says the money arrived and the bills turn paid. Every control
 * stays inside the screen. Screenshots are attached to each test.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import jsQR from 'jsqr';
import { QRPay } from 'vietnam-qr-pay';
import { GENERIC_SIGNATURE_HEADER, genericSignature } from '../../server/adapters/payments/generic';
import { DEV_WEBHOOK_SECRET } from '../../server/services/payments';
import { codeAfter, countSmsTo, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';

let stack: TestStack;

test.beforeAll(async () => {
  // The checks (axe, QR decoding, two looks) take longer than a resident's 60 idle seconds; idling is not this file's subject.
  stack = await startTestStack({ KIOT_IDLE_SECONDS: '600' });
});

test.afterEach(async () => {
  await stack.core.lock('signOut');
});

test.afterAll(async () => {
  await stack.dispose();
});

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function signIn(page: Page, phone: string, lang: 'vi' | 'en'): Promise<void> {
  await page.goto(stack.web.url);
  if (lang === 'en') await page.getByTestId('lang-toggle').click();
  await page.getByTestId('attract-start').click();
  const before = await countSmsTo(stack.hubUrl, phone);
  await typeOnKeypad(page, nationalDigits(phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await codeAfter(stack.hubUrl, phone, before));
  await expect(page.getByTestId('nav-bills')).toBeVisible();
}

/** To the bills list; a resident who chose under an older policy is asked about what changed first (not this test's subject). */
async function toBills(page: Page): Promise<void> {
  await page.getByTestId('nav-bills').click();
  const gate = page.getByTestId('reconsent');
  await expect(page.getByTestId('bills-list').or(gate)).toBeVisible();
  if (await gate.isVisible()) {
    const declines = gate.getByTestId('consent-decline');
    for (let i = 0; i < (await declines.count()); i += 1) await declines.nth(i).click();
    await gate.getByTestId('reconsent-continue').click();
  }
  await expect(page.getByTestId('bills-list')).toBeVisible();
}

/** "Pay all" from the bills list; where the list has no such button yet, "Pay this bill" from the first unpaid bill. */
async function openPayAll(page: Page): Promise<void> {
  await toBills(page);
  const payAll = page.getByTestId('pay-all');
  if ((await payAll.count()) > 0) {
    await payAll.click();
  } else {
    await page.locator('[data-testid="bill-row"]:not(.bill-row-paid)').first().click();
    await page.getByTestId('bill-pay').click();
  }
  await expect(page.getByTestId('pay-code')).toBeVisible();
}

/** The QR code as the screen shows it, decoded: a screenshot of it read back with jsQR in Node. */
async function decodeQrOnScreen(page: Page): Promise<string> {
  const png = (await page.getByTestId('pay-qr').screenshot()).toString('base64');
  // The browser turns the PNG into pixels (no image library needed in the test).
  const pixels = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  }, png);
  const found = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
  if (found === null) throw new Error('no QR code found in the screenshot');
  return found.data;
}

/** Every button and the QR code lie wholly inside the viewport: nothing to scroll to. */
async function expectAllInView(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  const boxes = await page.locator('[data-testid="pay-screen"] button, [data-testid="pay-qr"], [data-testid="pay-code"], [data-testid="pay-received"]').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-testid') ?? el.textContent, top: r.top, left: r.left, bottom: r.bottom, right: r.right };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) {
    expect({ ...box, inside: box.top >= 0 && box.left >= 0 && box.bottom <= viewport.height && box.right <= viewport.width }).toMatchObject({ inside: true });
  }
}

/** axe (WCAG 2.0–2.2 A and AA) finds nothing serious or critical on the screen, and no label that differs from what it shows. */
async function expectNoSeriousAxeFinding(page: Page, scope: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(scope).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(
    results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((node) => `${v.id} ${node.target.join(' ')} ${node.failureSummary ?? ''}`)),
  ).toEqual([]);
  const names = await new AxeBuilder({ page }).include(scope).withRules(['label-content-name-mismatch']).analyze();
  expect(names.violations.flatMap((v) => v.nodes.map((node) => `${v.id} ${node.target.join(' ')}`))).toEqual([]);
}

async function postWebhook(body: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
  const raw = JSON.stringify(body);
  const response = await fetch(`${stack.hubUrl}/v1/payments/webhooks/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GENERIC_SIGNATURE_HEADER]: genericSignature(DEV_WEBHOOK_SECRET, Math.floor(Date.now() / 1000), raw) },
    body: raw,
  });
  return { status: response.status, json: await response.json() };
}

const digitsOf = (text: string | null): string => (text ?? '').replace(/\D/g, '');

type Look = { lang: 'vi' | 'en'; viewport: { width: number; height: number } };

const words = {
  vi: { waiting: 'Đang chờ ngân hàng xác nhận', received: /^✓ Đã nhận [\d.]+ ₫$/, thanks: 'Cảm ơn bạn. Các hóa đơn đã được ghi là đã thanh toán.' },
  en: { waiting: 'Waiting for the bank to confirm', received: /^✓ Received [\d,]+ ₫$/, thanks: 'Thank you. The bills are marked paid.' },
} as const;

const portrait = { width: 1080, height: 1920 };
const landscape = { width: 1920, height: 1080 };

/**
 * Each payment pays up a unit, and the demo has few: each test starts in one language and
 * orientation and turns the kiosk to the other pair midway, so two payments see all four.
 */
const cases: { unit: number; first: Look; second: Look }[] = [
  { unit: 0, first: { lang: 'vi', viewport: portrait }, second: { lang: 'en', viewport: landscape } },
  { unit: 1, first: { lang: 'en', viewport: portrait }, second: { lang: 'vi', viewport: landscape } },
];

/** One resident of each demo unit, in the seed's order. */
function residentOfUnit(index: number): (typeof stack.demo.residents)[number] {
  const seen = new Set<string>();
  const firsts = stack.demo.residents.filter((r) => (seen.has(r.unitLabel) ? false : (seen.add(r.unitLabel), true)));
  return firsts[index]!;
}

/** The kiosk turned to `look`: the screen resized, the language chosen in the footer if it differs. */
async function turn(page: Page, from: Look, to: Look): Promise<void> {
  await page.setViewportSize(to.viewport);
  if (from.lang !== to.lang) await page.getByTestId('lang-toggle').click();
}

const lookName = (look: Look): string => `${look.lang}-${look.viewport.width}x${look.viewport.height}`;

for (const c of cases) {
  test(`${lookName(c.first)} then ${lookName(c.second)}: pay all by QR, the bank's webhook arrives, the kiosk confirms and the bills turn paid`, async ({ page }, testInfo) => {
    // Two looks, each checked by axe and by decoding the QR: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    await page.setViewportSize(c.first.viewport);
    const resident = residentOfUnit(c.unit);
    await signIn(page, resident.phone, c.first.lang);
    await openPayAll(page);

    const code = (await page.getByTestId('pay-code').textContent())!.replace(/\s/g, '');
    const account = (await page.getByTestId('pay-account').textContent())!.replace(/\s/g, '');
    const amount = Number(digitsOf(await page.getByTestId('pay-amount').textContent()));
    expect(code).toMatch(/^KT[A-Z0-9]{8}$/);
    expect(amount).toBeGreaterThan(0);

    for (const [from, look] of [[c.first, c.first], [c.first, c.second]] as const) {
      await turn(page, from, look);
      await expect(page.getByTestId('pay-status')).toContainText(words[look.lang].waiting);
      await expectAllInView(page);
      await expectNoSeriousAxeFinding(page, '[data-testid="pay-screen"]');
      await shot(page, testInfo, `pay-${lookName(look)}-qr`);

      // What a banking app reads from the screen: the account, the amount and the code shown beside it.
      const qr = new QRPay(await decodeQrOnScreen(page));
      expect(qr.isValid).toBe(true);
      expect(qr.initMethod).toBe('12');
      expect(qr.consumer?.bankNumber).toBe(account);
      expect(qr.amount).toBe(String(amount));
      expect(qr.currency).toBe('704');
      expect(qr.nation).toBe('VN');
      expect(qr.additionalData?.purpose).toBe(code);
    }

    // The bank's relay reports the transfer, content as banking apps mangle it.
    const spaced = code.replace(/(.{4})/g, '$1 ');
    const webhook = await postWebhook({ transactionId: `FT${Date.now()}${c.unit}`, direction: 'in', amountVnd: amount, content: `CK ${spaced.toLowerCase()} thanh toan`, accountNumber: account, receivedAt: new Date().toISOString() });
    expect(webhook).toEqual({ status: 200, json: { ok: true, recorded: 'matched' } });

    for (const [from, look] of [[c.second, c.second], [c.second, c.first]] as const) {
      await turn(page, from, look);
      await expect(page.getByTestId('pay-received')).toHaveText(words[look.lang].received);
      expect(digitsOf(await page.getByTestId('pay-received').textContent())).toBe(String(amount));
      await expect(page.getByTestId('pay-status')).toContainText(words[look.lang].thanks);
      const badges = page.getByTestId('pay-bills').locator('[data-status]');
      expect(await badges.count()).toBeGreaterThan(0);
      for (const status of await badges.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))) expect(status).toBe('paid');
      await expectAllInView(page);
      await expectNoSeriousAxeFinding(page, '[data-testid="pay-screen"]');
      await shot(page, testInfo, `pay-${lookName(look)}-paid`);
    }

    // Back in the bills: nothing left to pay.
    await page.getByTestId('pay-done').click();
    await expect(page.getByTestId('bills-list')).toBeVisible();
    await expect(page.getByTestId('pay-all')).toHaveCount(0);
    await shot(page, testInfo, `pay-${lookName(c.first)}-bills`);
  });
}

test('the bill detail of a metered bill shows its consumption chart, and pays that one bill', async ({ page }, testInfo) => {
  // A unit none of the payment tests above has paid up.
  const resident = residentOfUnit(cases.length);
  await signIn(page, resident.phone, 'vi');
  await toBills(page);
  const electricity = page.locator('[data-testid="bill-row"]:not(.bill-row-paid)', { hasText: 'Điện' }).first();
  await electricity.click();
  await expect(page.getByTestId('consumption-chart')).toBeVisible();
  await expect(page.getByTestId('consumption-change')).toHaveText(/^(Tăng|Giảm) \d+% so với tháng trước$|^Bằng tháng trước$|^Chưa có số liệu tháng trước để so sánh$/);
  // The bars are drawn, this month's among them.
  await expect(page.getByTestId('consumption-svg')).toBeVisible();
  await expect(page.getByTestId('consumption-bar').and(page.locator('[data-now="true"]'))).toBeVisible();
  await expect(page.getByTestId('bill-back')).toBeInViewport();
  await expect(page.getByTestId('bill-pay')).toBeInViewport();
  await expectNoSeriousAxeFinding(page, '[data-testid="bill-detail"]');
  await shot(page, testInfo, 'bill-detail-chart-vi-1080x1920');
  await page.getByTestId('bill-pay').click();
  await expect(page.getByTestId('pay-code')).toBeVisible();
  await expect(page.getByTestId('pay-screen')).toContainText('Cho 1 hóa đơn');
});
