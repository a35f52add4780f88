/**
 * Typing on the kiosk's on-screen text keyboard the way a resident does: one tap per key,
 * Vietnamese letters as the plain letter then its mark key, the tone key once the word is
 * typed. Tests write the text they expect to see (`Nguyễn Thị Lan`, `lan@example.vn`).
 */
import type { Page } from '@playwright/test';
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

async function tapKey(page: Page, testId: string): Promise<void> {
  const key = page.getByTestId(testId);
  // Digits and symbols of the text layout are on the second layer.
  if (!(await key.isVisible()) && (await page.getByTestId('key-layer').isVisible())) await page.getByTestId('key-layer').click();
  await key.click();
}

/** Types `text` at the end of the field the keyboard on screen writes to. */
export async function typeOnTextKeyboard(page: Page, text: string): Promise<void> {
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
    const letterKey = page.getByTestId(`key-${stroke.base}`);
    if (!(await letterKey.isVisible())) await page.getByTestId('key-layer').click();
    const shift = page.getByTestId('key-shift');
    if ((await shift.count()) > 0 && (await shift.getAttribute('aria-pressed')) !== String(stroke.upper)) await shift.click();
    await letterKey.click();
    if (stroke.modifier) await page.getByTestId(modifierKeyIds[stroke.modifier]).click();
    pendingTone = stroke.tone ?? pendingTone;
  }
  await finishWord();
}
