/**
 * Every control of every kiosk screen is on the screen, in portrait (1080×1920) and landscape
 * (1920×1080), in both languages, at the normal text size and with larger text on; each
 * screen's screenshot is kept with the results.
 *
 * The rule: every visible control (button, a, input, [role=button]) lies wholly inside the
 * viewport without scrolling the screen, except a control inside a list that scrolls by itself
 * (an element other than the screen's main area whose own content overflows and scrolls, such
 * as the bills list or a long policy text): for those, the list's own box must lie inside the
 * viewport, so the list and the screen's actions around it are all reachable, the list by
 * scrolling within it. The screen's main area scrolling is not an exception: a control
 * reachable only by scrolling the whole screen is a failure.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { latestCode, nationalDigits, typeOnKeypad } from './fixtures';
import { chooseLayout } from './text-keyboard';
import { SIZES, demoPhones, shoot, useWalkStack, walkEveryScreen } from './screen-walk';

const walk = useWalkStack();
// From the end of the demo's residents, so these walks do not share numbers with the axe walks.
const phones = demoPhones().reverse();
let nextPhone = 0;

/** The controls (or self-scrolling lists) not wholly inside the viewport, named by test id or text. */
function outsideViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const inside = (r: DOMRect): boolean => r.left >= -0.5 && r.top >= -0.5 && r.right <= vw + 0.5 && r.bottom <= vh + 0.5;
    const name = (el: Element): string => el.getAttribute('data-testid') ?? (el.textContent ?? '').trim().slice(0, 30);
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    /** The nearest ancestor that scrolls its own content, other than the screen's main area and the page. */
    const scroller = (el: Element): Element | null => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (p.classList.contains('app-main')) return null;
        const oy = getComputedStyle(p).overflowY;
        if ((oy === 'auto' || oy === 'scroll') && p.scrollHeight > p.clientHeight + 1) return p;
      }
      return null;
    };
    const out: string[] = [];
    const lists = new Set<Element>();
    for (const el of document.querySelectorAll('#root button, #root a, #root input, #root [role=button]')) {
      if (!visible(el) || el.closest('[inert]')) continue;
      const list = scroller(el);
      if (list) {
        lists.add(list);
        continue;
      }
      const r = el.getBoundingClientRect();
      // Inside the screen area too: a control the screen area clips (behind the bottom bar)
      // is as unreachable as one below the screen.
      const main = el.closest('.app-main')?.getBoundingClientRect();
      const clipped = main !== undefined && (r.top < main.top - 0.5 || r.bottom > main.bottom + 0.5);
      if (!inside(r) || clipped) out.push(`${name(el)} at x=${Math.round(r.left)} y=${Math.round(r.top)} w=${Math.round(r.width)} h=${Math.round(r.height)}`);
    }
    for (const list of lists) {
      const r = list.getBoundingClientRect();
      if (!inside(r)) out.push(`the scrolling list ${list.className} at y=${Math.round(r.top)} h=${Math.round(r.height)}`);
    }
    return out;
  });
}

/**
 * With larger text, the elements drawn more than a quarter bigger: a zoom applied twice (a zoomed
 * overlay inside a zoomed screen) would make text too big to fit, unnoticed where it still fits.
 */
function zoomedTwice(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('#root *')) {
      if (el.currentCSSZoom > 1.26) out.push(`${el.dataset['testid'] ?? el.className} drawn ${el.currentCSSZoom.toFixed(2)}×`);
      if (out.length >= 5) break;
    }
    return out;
  });
}

for (const largeText of [false, true]) {
  for (const size of SIZES) {
    for (const locale of ['vi', 'en'] as const) {
      test(`every control of every screen is inside the ${size.name} viewport: ${locale}${largeText ? ', larger text' : ''}`, async ({ page }, testInfo) => {
        test.setTimeout(240_000);
        await page.setViewportSize({ width: size.width, height: size.height });
        const found: string[] = [];
        await walkEveryScreen(
          { page, stack: walk.stack, clock: walk.clock, locale, largeText, phone: phones[nextPhone++]! },
          async (name) => {
            await shoot(page, testInfo, `screen-${name}-${locale}-${size.name}${largeText ? '-large' : ''}`);
            for (const where of await outsideViewport(page)) found.push(`${name}: ${where}`);
            if (largeText) for (const what of await zoomedTwice(page)) found.push(`${name}: ${what}`);
          },
          walk.emergency,
        );
        expect(found).toEqual([]);
      });
    }
  }
}

// The rule above lets a long part scroll by itself; a resident must also be able to tell that it does.
test('a part that scrolls by itself says there is more below, and a tap on that scrolls it', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const phone = phones[nextPhone++]!;
  await page.goto(walk.stack.web.url);
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(walk.stack.hubUrl, phone));
  await page.getByTestId('nav-privacy').click();
  await page.getByTestId('privacy-consents').click();

  const cards = page.getByRole('region', { name: 'Sự đồng ý của tôi' });
  const more = page.getByTestId('scroll-more');
  await expect(more).toHaveAccessibleName('Kéo để xem thêm');
  await expect(more).toBeInViewport({ ratio: 1 });
  // The receipt choice, last in the list, is below the fold until the list moves.
  await expect(page.getByTestId('receipts-sms')).not.toBeInViewport();
  const top = await cards.evaluate((el) => el.scrollTop);
  await more.click();
  await expect.poll(() => cards.evaluate((el) => el.scrollTop)).toBeGreaterThan(top);
  // At the end the tab goes away, and the last choice is in sight.
  for (let i = 0; i < 10 && (await more.count()) > 0; i++) {
    const before = await cards.evaluate((el) => el.scrollTop);
    // The tab may go away between the count and the tap, when the last tap reached the end.
    await more.click({ timeout: 5_000 }).catch(async (error: unknown) => {
      if ((await more.count()) > 0) throw error;
    });
    await expect.poll(async () => (await more.count()) === 0 || (await cards.evaluate((el) => el.scrollTop)) > before).toBe(true);
  }
  await expect(more).toHaveCount(0);
  await expect(page.getByTestId('receipts-sms')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('consents-back')).toBeInViewport({ ratio: 1 });
});

async function signIn(page: Page, locale: 'vi' | 'en', largeText = false): Promise<void> {
  const phone = phones[nextPhone++]!;
  await page.goto(walk.stack.web.url);
  if (locale === 'en') await page.getByTestId('lang-toggle').click();
  if (largeText) {
    await page.getByTestId('mode-large-text').click();
    await expect(page.locator('html')).toHaveClass(/kiot-large-text/);
  }
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(page, nationalDigits(phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();
  await typeOnKeypad(page, await latestCode(walk.stack.hubUrl, phone));
  await expect(page.getByTestId('home')).toBeVisible();
}

/**
 * The keyboard's keys a resident cannot tap whole: outside the viewport, reaching below the
 * bottom bar's top, or covered at an edge by something else (a key scrolled out of its part,
 * the bottom bar over it).
 */
function keysOutOfReach(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('footer.bottom-bar')?.getBoundingClientRect();
    const out: string[] = [];
    for (const key of document.querySelectorAll<HTMLElement>('[data-testid="text-keyboard"] button')) {
      const r = key.getBoundingClientRect();
      const name = `${key.dataset['testid'] ?? ''} at x=${Math.round(r.left)} y=${Math.round(r.top)} w=${Math.round(r.width)} h=${Math.round(r.height)}`;
      if (r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5) out.push(`${name}: outside the viewport`);
      else if (bar !== undefined && r.bottom > bar.top + 0.5) out.push(`${name}: below the bottom bar's top (${Math.round(bar.top)})`);
      else {
        // The middle of each edge, just inside (the corners are rounded off), and the centre.
        const [cx, cy] = [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
        const points: [number, number][] = [
          [cx, r.top + 3],
          [cx, r.bottom - 3],
          [r.left + 3, cy],
          [r.right - 3, cy],
          [cx, cy],
        ];
        const hit = points.map(([x, y]) => document.elementFromPoint(x, y)).find((el) => !key.contains(el));
        if (hit !== undefined) out.push(`${name}: covered by ${hit?.getAttribute('data-testid') ?? hit?.className ?? 'nothing'}`);
      }
    }
    return out;
  });
}

// Larger text makes every key a quarter bigger; on a 1080-pixel-high screen the keyboard must still end above the bottom bar.
for (const locale of ['vi', 'en'] as const) {
  test(`with larger text, every key of every keyboard layout is on the landscape screen, above the bottom bar: ${locale}`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page, locale, true);
    await page.getByTestId('nav-privacy').click();
    await page.getByTestId('privacy-profile').click();
    await expect(page.getByTestId('profile-screen')).toBeVisible();
    const keyboard = page.getByTestId('text-keyboard');
    const found: string[] = [];
    const check = async (name: string): Promise<void> => {
      await expect(keyboard).toBeVisible();
      await shoot(page, testInfo, `large-keyboard-${name}-${locale}-landscape`);
      for (const where of [...(await keysOutOfReach(page)), ...(await outsideViewport(page))]) found.push(`${name}: ${where}`);
    };

    await page.getByTestId('profile-change-name').click();
    await expect(keyboard).toHaveAttribute('data-layout', 'telex');
    await check('telex');
    await page.getByTestId('key-layer').click();
    await check('telex-symbols');
    await chooseLayout(page, 'marks');
    await check('marks');
    await page.getByTestId('key-layer').click();
    await check('marks-symbols');
    // Clear all asks on the keyboard's top row, in place of the layout keys.
    await page.getByTestId('key-clear').click();
    await expect(page.getByTestId('key-clear-yes')).toBeVisible();
    await check('clear-question');
    await page.getByTestId('key-clear-no').click();
    await chooseLayout(page, 'email');
    await check('email');
    await page.getByTestId('profile-cancel').click();

    // The email field opens on the email layout by itself.
    await page.getByTestId('profile-change-email').click();
    await expect(keyboard).toHaveAttribute('data-layout', 'email');
    await check('email-field');
    expect(found).toEqual([]);
  });
}

// The bill detail's last part (the consumption chart) can be scrolled wholly into sight, above the
// bottom bar; and the page itself never scrolls (the chart's table for screen readers once stuck out
// of the screen's area, so a drag on the bottom bar slid the whole frame up over a blank band).
for (const size of SIZES) {
  for (const locale of ['vi', 'en'] as const) {
    for (const largeText of [false, true]) {
      const mode = largeText ? ', larger text' : '';
      test(`a metered bill's chart scrolls wholly above the bottom bar in ${size.name}: ${locale}${mode}`, async ({ page }, testInfo) => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await signIn(page, locale, largeText);
        await page.getByTestId('nav-bills').click();
        const toggle = page.getByTestId('month-toggle').first();
        if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
        await page.getByTestId('bill-row').filter({ hasText: locale === 'vi' ? 'Điện' : 'Electricity' }).first().click();
        const chart = page.getByTestId('consumption-chart');
        await expect(page.getByTestId('consumption-svg')).toBeVisible();
        const bar = page.locator('footer.bottom-bar');
        const barTop = (await bar.boundingBox())!.y;

        // The screen's area to its end, as a finger drag on the bill would take it.
        await page.locator('.app-main').evaluate((main) => main.scrollTo({ top: main.scrollHeight, behavior: 'instant' }));
        await shoot(page, testInfo, `bill-detail-end-${locale}-${size.name}${largeText ? '-large' : ''}`);
        const box = (await chart.boundingBox())!;
        // Clearly above it, not touching it (a fraction of a pixel would pass a bare "less than").
        expect(barTop - (box.y + box.height), 'space between the chart and the bottom bar').toBeGreaterThanOrEqual(8);

        // A wheel (or drag) on the bottom bar has nothing to scroll: the frame stays where it is.
        expect(await page.evaluate(() => document.scrollingElement!.scrollHeight), 'the page is no taller than the screen').toBeLessThanOrEqual(size.height);
        await page.mouse.move(size.width / 2, size.height - 10);
        await page.mouse.wheel(0, 2000);
        await expect.poll(async () => (await bar.boundingBox())!.y).toBe(barTop);
        expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
      });
    }
  }
}

// Larger text grows what the resident reads and taps on the screen, not the greeting and the tabs above it (large already).
test('with larger text the signed-in screen grows and its greeting and tabs keep their size', async ({ page }) => {
  await signIn(page, 'vi');
  const height = async (id: string): Promise<number> => (await page.getByTestId(id).boundingBox())!.height;
  const greeting = async (): Promise<number> => (await page.locator('#resident-greeting').boundingBox())!.height;
  const before = { tile: await height('home-bills'), tab: await height('nav-bills'), greeting: await greeting() };
  await page.getByTestId('mode-large-text').click();
  await expect(page.locator('html')).toHaveClass(/kiot-large-text/);
  expect(await height('home-bills')).toBeGreaterThan(before.tile * 1.2);
  expect(await height('nav-bills')).toBeCloseTo(before.tab, 0);
  expect(await greeting()).toBeCloseTo(before.greeting, 0);
});

// The privacy centre's seven topics are all in sight at once: none waits behind "Scroll for more"
// (the walk above would let a self-scrolling list hide them). Its hints are longest in English
// in portrait and in Vietnamese in landscape.
for (const largeText of [false, true]) {
  for (const size of SIZES) {
    for (const locale of ['vi', 'en'] as const) {
      test(`every privacy topic is in sight without scrolling, ${size.name}, ${locale}${largeText ? ', larger text' : ''}`, async ({ page }) => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await signIn(page, locale, largeText);
        await page.getByTestId('nav-privacy').click();
        await expect(page.getByTestId('privacy-profile')).toBeVisible();
        for (const topic of ['profile', 'consents', 'policy', 'accessLog', 'requests', 'export', 'deletion']) {
          await expect(page.getByTestId(`privacy-${topic}`)).toBeInViewport({ ratio: 1 });
        }
        await expect(page.getByTestId('scroll-more')).toHaveCount(0);
      });
    }
  }
}
