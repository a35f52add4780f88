/**
 * A correction asked for while the hub cannot be reached: it waits on the kiosk ("saved on
 * this kiosk"), a phone change says it needs the hub, and once the hub is back the
 * correction is sent and the hub has it.
 */
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { openDatabase } from '../../server/db/connect';
import { profileTables } from '../../server/db/profile-schema';
import { countSmsTo, latestCode, nationalDigits, startTestStack, typeOnKeypad } from './fixtures';
import type { TestStack } from './fixtures';
import { startHubCut } from './hub-cut';
import type { HubCut } from './hub-cut';
import { typeOnTextKeyboard } from './text-keyboard';

let stack: TestStack;
let relay: HubCut;

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
  await stack.dispose();
  await relay.close();
});

test('a correction made with the hub cut waits on this kiosk, then is sent when the hub returns', async ({ page }) => {
  const resident = stack.demo.residents[2]!;
  await page.goto(stack.web.url);
  await page.getByTestId('attract-start').click();
  const before = await countSmsTo(stack.hubUrl, resident.phone);
  await typeOnKeypad(page, nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect.poll(() => countSmsTo(stack.hubUrl, resident.phone)).toBeGreaterThan(before);
  await typeOnKeypad(page, await latestCode(stack.hubUrl, resident.phone));
  await page.getByTestId('nav-privacy').click();
  await page.getByTestId('privacy-profile').click();
  await expect(page.getByTestId('profile-value-phone')).toBeVisible();

  relay.cut();
  await page.getByTestId('profile-change-address').click();
  await typeOnTextKeyboard(page, '45 Lê Lợi, Quận 1');
  await page.getByTestId('profile-text-send').click();
  await expect(page.getByTestId('profile-from-cache')).toBeVisible();
  const item = page.getByTestId('profile-history-item').filter({ hasText: '45 Lê Lợi, Quận 1' });
  await expect(item.getByTestId('profile-history-state')).toHaveText('Đã lưu trên máy này, sẽ gửi khi có mạng');

  // A phone change needs the hub to send its codes, and says so.
  await page.getByTestId('profile-change-phone').click();
  await typeOnKeypad(page, '0369155555');
  await page.getByTestId('profile-has-old-yes').click();
  await page.getByTestId('profile-phone-send').click();
  await expect(page.getByTestId('error-message')).toContainText('cần kết nối đến hệ thống');
  await page.getByTestId('profile-cancel').click();

  relay.restore();
  // The kiosk's engine would retry on its own backoff; the test does not wait for it.
  await stack.core.sync.flush();
  await expect(item.getByTestId('profile-history-state')).toHaveText('Đã gửi, chờ ban quản lý duyệt', { timeout: 10_000 });

  // The hub has it, as this resident's request.
  const db = openDatabase(path.join(stack.dataDir, 'hub.sqlite'));
  try {
    const rows = await profileTables(db)
      .selectFrom('correction_requests as c')
      .innerJoin('residents as r', 'r.id', 'c.resident_id')
      .select(['c.field', 'c.value', 'c.status'])
      .where('r.phone_e164', '=', resident.phone)
      .execute();
    expect(rows).toEqual([{ field: 'address', value: '45 Lê Lợi, Quận 1', status: 'received' }]);
  } finally {
    await db.destroy();
  }
});
