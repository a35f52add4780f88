/**
 * Typing on the kiosk's on-screen text keyboard the way a resident does: one tap per key, in
 * whichever layout the keyboard shows. In the Telex layout a Vietnamese letter is its plain
 * letter and its mark key (`Nguyễn` is N g u y e e n x); in the diacritic layout it is the
 * plain letter, then the mark key, then the tone key once the word is typed; the email layout
 * has lower case and address symbols. Tests write the text they expect to see
 * (`Nguyễn Thị Lan`, `lan@example.vn`).
 */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { KeyboardLayout } from '../../renderer/components/TextKeyboard';
import { telexSpelling } from '../../renderer/components/telex';
import { keyTestId, modifierKeyIds } from '../../renderer/components/text-keyboard';
import type { LetterModifier, Tone } from '../../renderer/components/text-keyboard';

const toneByMark: Record<string, Tone> = { '\u0301': 'sac', '\u0300': 'huyen', '\u0309': 'hoi', '\u0303': 'nga', '\u0323': 'nang' };
const modifierByMark: Record<string, Record<string, LetterModifier>> = {
  '\u0302': { a: 'â', e: 'ê', o: 'ô' },
  '\u0306': { a: 'ă' },
  '\u031B': { o: 'ơ', u: 'ư' },
};

type Stroke = { base: string; upper: boolean; modifier: LetterModifier | null; tone: Tone | null };

function strokeOf(ch: string): Stroke {
  const lower = ch.toLowerCase();
  const upper = lower !== ch;
  if (lower === 'đ') return { base: 'd', upper, modifier: 'đ', tone: null };
  const [base = '', ...marks] = [...lower.normalize('NFD')];
  let modifier: LetterModifier | null = null;
  let tone: Tone | null = null;
  for (const mark of marks) {
    tone = toneByMark[mark] ?? tone;
    modifier = modifierByMark[mark]?.[base] ?? modifier;
  }
  return { base, upper, modifier, tone };
}

/** The layout the keyboard on screen shows. */
export async function keyboardLayout(page: Page): Promise<KeyboardLayout> {
  return (await page.getByTestId('text-keyboard').getAttribute('data-layout')) as KeyboardLayout;
}

/** Switches the keyboard on screen to `layout` with its layout key. */
export async function chooseLayout(page: Page, layout: KeyboardLayout): Promise<void> {
  await page.getByTestId(`key-layout-${layout}`).click();
  await expect(page.getByTestId('text-keyboard')).toHaveAttribute('data-layout', layout);
}

/** Clears the field with Clear all and its confirmation. */
export async function clearTextKeyboard(page: Page): Promise<void> {
  await page.getByTestId('key-clear').click();
  await page.getByTestId('key-clear-yes').click();
}

async function tapKey(page: Page, testId: string): Promise<void> {
  const key = page.getByTestId(testId);
  // Digits and symbols of the text layouts are on the second layer.
  if (!(await key.isVisible()) && (await page.getByTestId('key-layer').isVisible())) await page.getByTestId('key-layer').click();
  await key.click();
}

/** Taps one letter key, with shift set for its case where the layout has a shift key. */
async function tapLetter(page: Page, letter: string): Promise<void> {
  const key = page.getByTestId(`key-${letter.toLowerCase()}`);
  if (!(await key.isVisible())) await page.getByTestId('key-layer').click();
  const shift = page.getByTestId('key-shift');
  if ((await shift.count()) > 0 && (await shift.getAttribute('aria-pressed')) !== String(letter !== letter.toLowerCase())) await shift.click();
  await key.click();
}

/** Types `text` at the end of the field the keyboard on screen writes to, in the layout it shows. */
export async function typeOnTextKeyboard(page: Page, text: string): Promise<void> {
  const layout = await keyboardLayout(page);
  if (layout === 'telex') {
    for (const ch of telexSpelling(text)) {
      if (/\p{L}/u.test(ch)) await tapLetter(page, ch);
      else await tapKey(page, ch === ' ' ? 'key-space' : keyTestId(ch));
    }
    return;
  }
  let pendingTone: Tone | null = null;
  const finishWord = async (): Promise<void> => {
    if (pendingTone) await page.getByTestId(`key-tone-${pendingTone}`).click();
    pendingTone = null;
  };
  for (const ch of text.normalize('NFC')) {
    if (!/\p{L}/u.test(ch)) {
      await finishWord();
      await tapKey(page, ch === ' ' ? 'key-space' : keyTestId(ch));
      continue;
    }
    const stroke = strokeOf(ch);
    await tapLetter(page, stroke.upper ? stroke.base.toUpperCase() : stroke.base);
    if (stroke.modifier) await page.getByTestId(modifierKeyIds[stroke.modifier]).click();
    pendingTone = stroke.tone ?? pendingTone;
  }
  await finishWord();
}
