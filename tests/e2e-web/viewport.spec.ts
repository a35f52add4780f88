/**
 * Every control of every kiosk screen is on the screen, in portrait (1080×1920) and landscape
 * (1920×1080), in both languages; each screen's screenshot is kept with the results.
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
import { startTestStack } from './fixtures';
import type { TestStack } from './fixtures';
import { createManualTimersClock } from './manual-timers-clock';
import { SIZES, WALK_ENV, demoPhones, emergencySwitch, shoot, walkEveryScreen } from './screen-walk';

const clock = createManualTimersClock();
let stack: TestStack;
let emergency: (on: boolean) => void;
// From the end of the demo's residents, so these walks do not share numbers with the axe walks.
const phones = demoPhones().reverse();
let nextPhone = 0;

test.beforeAll(async () => {
  stack = await startTestStack(WALK_ENV, { clock });
  emergency = emergencySwitch(stack);
});

test.afterEach(async () => {
  emergency(false);
  await stack.core.lock('signOut');
});

test.afterAll(async () => {
  await stack.dispose();
});

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
 * Screens known to put controls below the fold today (issue 13, still open): the consents list
 * (five switches and the receipt buttons run past the screen), the profile and its keyboard,
 * and the policy's version links. Their findings are attached to the report, not asserted;
 * every other screen must be clean in both orientations.
 */
const KNOWN_OUTSIDE: Readonly<Record<string, ReadonlySet<string>>> = {
  portrait: new Set(['consents', 'profile', 'profile-keyboard', 'policy']),
  landscape: new Set(['consents', 'profile', 'profile-keyboard', 'policy']),
};

test.fixme('the consents, profile and policy screens keep every control inside the viewport', () => {
  // Tracked in issue 13: see KNOWN_OUTSIDE.
});

for (const size of SIZES) {
  for (const locale of ['vi', 'en'] as const) {
    test(`every control of every screen is inside the ${size.name} viewport: ${locale}`, async ({ page }, testInfo) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      const found: string[] = [];
      await walkEveryScreen(
        { page, stack, clock, locale, largeText: false, phone: phones[nextPhone++]! },
        async (name) => {
          await shoot(page, testInfo, `screen-${name}-${locale}-${size.name}`);
          for (const where of await outsideViewport(page)) found.push(`${name}: ${where}`);
        },
        emergency,
      );
      const known = found.filter((f) => KNOWN_OUTSIDE[size.name]?.has(f.slice(0, f.indexOf(':'))) === true);
      if (known.length > 0) testInfo.annotations.push({ type: 'known issue (issue 13)', description: known.join('\n') });
      expect(found.filter((f) => !known.includes(f))).toEqual([]);
    });
  }
}
