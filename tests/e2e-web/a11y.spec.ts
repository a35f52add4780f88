/**
 * axe on every kiosk screen (attract, policy, phone, code and its help, the re-consent review, home, bills,
 * bill detail, pay, privacy, profile with its keyboard open, consents, access log, requests,
 * deletion, export, the idle countdown and the emergency takeover), in Vietnamese and English, with and without
 * the larger-text mode, at 1080×1920: nothing serious or critical under WCAG 2.0/2.1/2.2 A and
 * AA (colour contrast included). Each screen's findings are gathered and reported together.
 * Also: the display modes are one tap each, pressed while on, and gone after a lock.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoPhones, shoot, useWalkStack, walkEveryScreen } from './screen-walk';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const walk = useWalkStack();
const phones = demoPhones();
let nextPhone = 0;

for (const largeText of [false, true]) {
  for (const locale of ['vi', 'en'] as const) {
    const mode = largeText ? 'large text' : 'normal text';
    test(`axe finds nothing serious or critical on any screen: ${locale}, ${mode}`, async ({ page }, testInfo) => {
      test.setTimeout(240_000);
      const found: string[] = [];
      const visited: string[] = [];
      await walkEveryScreen(
        { page, stack: walk.stack, clock: walk.clock, locale, largeText, phone: phones[nextPhone++]! },
        async (name) => {
          visited.push(name);
          const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
          for (const v of results.violations) {
            if (v.impact !== 'serious' && v.impact !== 'critical') continue;
            const where = v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ');
            found.push(`${name}: ${v.id} (${v.impact}) ×${v.nodes.length} at ${where}`);
          }
          await shoot(page, testInfo, `a11y-${name}-${locale}${largeText ? '-large' : ''}`);
        },
        walk.emergency,
      );
      testInfo.annotations.push({ type: 'screens checked', description: visited.join(', ') });
      expect(visited).toHaveLength(20);
      expect(found).toEqual([]);
    });
  }
}

test('larger text and reach are one tap each on every screen, pressed while on, and a lock turns both off', async ({ page }) => {
  await page.goto(walk.stack.web.url);
  const root = page.locator('html');
  const large = page.getByTestId('mode-large-text');
  const reach = page.getByTestId('mode-reach');
  await expect(large).toHaveAttribute('aria-pressed', 'false');
  const policyBox = (await page.getByTestId('attract-policy').boundingBox())!;
  await large.click();
  await expect(large).toHaveAttribute('aria-pressed', 'true');
  await expect(root).toHaveClass(/kiot-large-text/);
  // Bigger for real: the attract screen's reading text and its buttons grow (the start button
  // and the clock are drawn large already and keep their size, so the screen still fits).
  expect((await page.getByTestId('attract-policy').boundingBox())!.height).toBeGreaterThan(policyBox.height * 1.2);
  await reach.click();
  await expect(reach).toHaveAttribute('aria-pressed', 'true');
  // Every control of the screen now sits in the lower half.
  const height = page.viewportSize()!.height;
  for (const control of await page.locator('#root').locator('button, a, input, [role=button]').all()) {
    if (!(await control.isVisible())) continue;
    const box = (await control.boundingBox())!;
    expect(box.y, (await control.getAttribute('data-testid')) ?? '').toBeGreaterThanOrEqual(height / 2);
  }
  // The modes stay on through the visit…
  await page.getByTestId('attract-start').click();
  await expect(page.getByTestId('phone-display')).toBeVisible();
  await expect(page.getByTestId('mode-large-text')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('mode-reach')).toHaveAttribute('aria-pressed', 'true');
  // …and the lock ends them, for the next person.
  await walk.stack.core.lock('signOut');
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expect(page.getByTestId('mode-large-text')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('mode-reach')).toHaveAttribute('aria-pressed', 'false');
  await expect(root).not.toHaveClass(/kiot-large-text|kiot-reach/);
});
