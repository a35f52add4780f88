/**
 * The audit log end to end: a real hub (dev mode, demo building), a core enrolled as a manager
 * workstation, the web host, Chromium. An administrator revokes a kiosk with a reason a
 * spreadsheet would run as a formula, finds that event in the console's audit log with a
 * filter, sees the chain intact, and exports the filtered log as CSV (downloaded through a
 * Blob link): the formula arrives neutralized, and the export is itself in the log.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { EnrollResponse } from '../../shared/hub-api';
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
  await signInThroughCore(stack, { username: 'it.mai', fullName: 'Đỗ Thị Mai', role: 'admin', phone: '0907650031' }, 'Máy sảnh mới lắp tháng mười một 2026');
}

const FORMULA = '=HYPERLINK("http://example.invalid","mở")';

test('an administrator finds a revocation in the audit log and exports it as neutralized CSV; the export is audited', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInAdmin();
  const code = await stack.hub.createEnrollmentCode({ buildingId: stack.demo.buildingId, mode: 'kiosk' });
  const response = await fetch(`${stack.hubUrl}/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'Sảnh tòa C' }) });
  const kiosk = EnrollResponse.parse(await response.json());
  const revoked = await stack.core.dispatch('consoleDevices:revoke', { deviceId: kiosk.deviceId, reason: FORMULA });
  expect(revoked.ok).toBe(true);

  await page.goto(stack.web.url);
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-table')).toBeVisible();
  await page.getByTestId('audit-filter-action').selectOption('device.revoked');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-total')).toHaveText('1 sự kiện');
  const row = page.getByTestId('audit-row');
  await expect(row.getByTestId('audit-reason')).toHaveText(FORMULA);
  await expect(row).toContainText('Đỗ Thị Mai');
  await expect(row).toContainText('Quản trị viên');
  await expect(row).toContainText(kiosk.deviceId);

  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-.+\.csv$/);
  const csv = await readFile((await file.path())!, 'utf8');
  expect(csv.startsWith('\ufeff"seq","at_utc","at_vietnam","actor_kind"')).toBe(true);
  expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""mở"")"`);
  expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(2);
  await expect(page.getByTestId('audit-exported')).toContainText('Đã xuất 1 dòng.');

  // The export and the readings are in the log themselves.
  await page.getByTestId('audit-filter-action').selectOption('audit.exported');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-total')).toHaveText('1 sự kiện');
  await expect(page.getByTestId('audit-row')).toContainText('filterAction: device.revoked');
});
