/**
 * The device fleet end to end: a real hub (dev mode, demo building), a core enrolled as a
 * manager workstation, the web host, Chromium. An administrator issues a kiosk enrollment code
 * in the console (text and QR), a kiosk enrolls with it over HTTP and reports a heartbeat, and
 * appears in the fleet with its health; revoking it with a reason refuses its next request.
 */
import { expect, test } from '@playwright/test';
import { DEVICE_HEADER, EnrollResponse } from '../../shared/hub-api';
import { signInThroughCore, startConsoleStack } from './console-fixtures';
import type { ConsoleStack } from './console-fixtures';

let stack: ConsoleStack;

test.beforeAll(async () => {
  stack = await startConsoleStack({ kioskEnv: { KIOT_DEVICE_NAME: 'Phòng IT' }, sync: false });
});

test.afterAll(async () => {
  await stack?.dispose();
});

/** An administrator of the demo building, signed in on this workstation's core. */
async function signInAdmin(): Promise<void> {
  await signInThroughCore(stack, { username: 'it.hoang', fullName: 'Hoàng Văn Nam', role: 'admin', phone: '0907650021' }, 'Máy sảnh mới lắp tháng mười một 2026');
}

async function post(pathname: string, headers: Record<string, string>, json: unknown): Promise<Response> {
  return fetch(`${stack.hubUrl}${pathname}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(json) });
}

test('an administrator issues a code; the kiosk enrolled with it shows in the fleet; revoking it refuses its next request', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInAdmin();

  await page.goto(stack.web.url);
  await page.getByTestId('nav-devices').click();
  await expect(page.getByTestId('devices-table')).toContainText('Phòng IT');
  await page.getByTestId('issue-mode').selectOption('kiosk');
  await page.getByTestId('issue-submit').click();
  const code = (await page.getByTestId('issued-code').textContent())!.trim();
  expect(code.length).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId('issued-expires')).toContainText(/Hết hạn lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/);
  await expect(page.getByTestId('enrollment-qr')).toHaveAttribute('src', /^data:image\/svg\+xml/);
  // The image really loaded (the console's CSP allows data: images): it has an intrinsic size.
  await expect.poll(() => page.getByTestId('enrollment-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // The kiosk enrolls with the code as typed off the screen, then reports its health.
  const enrolled = EnrollResponse.parse(await (await post('/v1/devices/enroll', {}, { code, name: 'Sảnh tòa B' })).json());
  expect(enrolled.mode).toBe('kiosk');
  const kiosk = { [DEVICE_HEADER]: `${enrolled.deviceId}.${enrolled.deviceSecret}` };
  const beat = await post('/v1/devices/heartbeat', kiosk, { version: '1.4.2', uptimeSeconds: 90, outboxDepth: 2, oldestPendingSeconds: 130, lastSyncAt: null, lastError: 'hub_unavailable' });
  expect(beat.status).toBe(200);

  await page.getByTestId('devices-refresh').click();
  const row = page.locator(`[data-testid="device-row"][data-device-id="${enrolled.deviceId}"]`);
  await expect(row).toContainText('Sảnh tòa B');
  await expect(row).toContainText('Kiosk sảnh');
  await expect(row).toContainText('1.4.2');
  await expect(row).toContainText('2 phút');
  await expect(row).toContainText('hub_unavailable');
  await expect(row).toContainText('Hoạt động');

  await row.getByTestId('device-revoke').click();
  await page.getByTestId('revoke-reason').fill('Máy bị tháo khỏi sảnh để sửa');
  await page.getByTestId('revoke-confirm').click();
  await expect(page.getByTestId('revoke-done')).toHaveText('Đã thu hồi “Sảnh tòa B”.');
  await expect(row).toContainText('Đã thu hồi');
  const refused = await post('/v1/devices/heartbeat', kiosk, { version: '1.4.2', uptimeSeconds: 95, outboxDepth: 0, oldestPendingSeconds: null, lastSyncAt: null, lastError: null });
  expect(refused.status).toBe(401);
});
