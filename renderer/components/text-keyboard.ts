/**
 * What the keys of the on-screen text keyboard do to the text, as pure functions: the
 * component only keeps the shift state and calls these.
 *
 * Everything works on the end of the text (the keyboard has no cursor) and on the word
 * being typed: the letters after the last space or symbol. Vietnamese is written the way
 * residents write it on paper, letters first and marks after:
 *
 * - A **letter modifier** key (â ă ê ô ơ ư đ) changes the last matching letter of the word
 *   (for ư the first u, since ư leads its vowels: `ruou` + ư → `rưou`):
 *   `nguyen` + ê → `nguyên`, `duong` + đ → `đuong`. Pressed again it takes the mark
 *   off (`nguyên` + ê → `nguyen`); â on an ă swaps the mark. With no matching letter in the
 *   word it types the letter itself, so the key can also be used like any other letter.
 * - A **tone** key (sắc, huyền, hỏi, ngã, nặng) puts the tone on the right vowel of the word;
 *   pressing the same tone again removes it, another tone replaces it. The tone moves when
 *   more letters follow (`hóa` + n → `hoán`), so it may be typed before the word is finished.
 *
 * Where the tone goes (the traditional placement, the one most residents learnt and the
 * one on most identity papers): on the vowel that carries a letter mark (â ă ê ô ơ ư; in
 * ươ on the ơ); otherwise on the only vowel; otherwise, when a consonant ends the word, on
 * the last vowel (`hoàn`, `huỳnh`); otherwise on the middle of three vowels (`ngoài`) or the
 * first of two (`hòa`, `thủy`, `khỏe`, `mùa`). The u of `qu` and the i of `gi` before another
 * vowel belong to the consonant (`quá`, `giá`), while `gì` has its tone on the i.
 *
 * Text is kept in NFC (one code point per letter), so "delete" removes one whole letter.
 *
 * The Telex engine (`telex.ts`) reuses these letters and this tone placement, so the two
 * layouts that write Vietnamese always put a tone in the same place.
 */

export type Tone = 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';
export const tones: readonly Tone[] = ['sac', 'huyen', 'hoi', 'nga', 'nang'];

/** The letters with a mark that the modifier keys produce. */
export type LetterModifier = 'â' | 'ă' | 'ê' | 'ô' | 'ơ' | 'ư' | 'đ';
export const letterModifiers: readonly LetterModifier[] = ['â', 'ă', 'ê', 'ô', 'ơ', 'ư', 'đ'];

export type Mark = 'circumflex' | 'breve' | 'horn' | 'stroke';

const toneMarks: Record<Tone, string> = { sac: '\u0301', huyen: '\u0300', hoi: '\u0309', nga: '\u0303', nang: '\u0323' };
const markChars: Record<Exclude<Mark, 'stroke'>, string> = { circumflex: '\u0302', breve: '\u0306', horn: '\u031B' };
const modifierOf: Record<LetterModifier, { base: string; mark: Mark }> = {
  â: { base: 'a', mark: 'circumflex' },
  ă: { base: 'a', mark: 'breve' },
  ê: { base: 'e', mark: 'circumflex' },
  ô: { base: 'o', mark: 'circumflex' },
  ơ: { base: 'o', mark: 'horn' },
  ư: { base: 'u', mark: 'horn' },
  đ: { base: 'd', mark: 'stroke' },
};

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
/** Marks that make a letter the tone's home; đ's stroke is not on a vowel. */
const VOWEL_MARKS = new Set<Mark>(['circumflex', 'breve', 'horn']);

/** One letter taken apart: its plain lower-case base, its letter mark, its tone, its case. */
export type Letter = { base: string; mark: Mark | null; tone: Tone | null; upper: boolean; other: string };

export function parseLetter(ch: string): Letter {
  const lower = ch.toLowerCase();
  const upper = lower !== ch;
  if (lower === 'đ') return { base: 'd', mark: 'stroke', tone: null, upper, other: '' };
  const [first = '', ...rest] = [...lower.normalize('NFD')];
  let mark: Mark | null = null;
  let tone: Tone | null = null;
  let other = '';
  for (const m of rest) {
    const foundTone = tones.find((t) => toneMarks[t] === m);
    if (foundTone) tone = foundTone;
    else if (m === markChars.circumflex) mark = 'circumflex';
    else if (m === markChars.breve) mark = 'breve';
    else if (m === markChars.horn) mark = 'horn';
    else other += m;
  }
  return { base: first, mark, tone, upper, other };
}

export function formatLetter(letter: Letter): string {
  let out: string;
  if (letter.mark === 'stroke') out = 'đ';
  else out = (letter.base + (letter.mark ? markChars[letter.mark] : '') + letter.other + (letter.tone ? toneMarks[letter.tone] : '')).normalize('NFC');
  return letter.upper ? out.toUpperCase() : out;
}

export const isVowel = (letter: Letter): boolean => VOWELS.has(letter.base) && letter.mark !== 'stroke';

/** The word being typed: the trailing run of letters (with their marks). */
export function splitWord(value: string): { head: string; word: string } {
  const match = /[\p{L}\p{M}]+$/u.exec(value);
  if (!match) return { head: value, word: '' };
  return { head: value.slice(0, match.index), word: match[0] };
}

/** The index of the letter that carries the word's tone, or null for a word without a vowel. */
export function toneIndex(word: string): number | null {
  const letters = [...word.normalize('NFC')].map(parseLetter);
  return toneHome(letters);
}

export function toneHome(letters: readonly Letter[]): number | null {
  let start = 0;
  const b0 = letters[0]?.base;
  const b1 = letters[1]?.base;
  // `qu` and (before another vowel) `gi` are consonants: quá, giá; but gì.
  if (b0 === 'q' && b1 === 'u') start = 2;
  else if (b0 === 'g' && b1 === 'i' && letters[2] !== undefined && isVowel(letters[2])) start = 2;
  while (start < letters.length && !isVowel(letters[start] as Letter)) start++;
  if (start >= letters.length) {
    // A word whose only vowel was taken by `qu`/`gi` (as typed so far): tone that vowel.
    const fallback = letters.findIndex(isVowel);
    return fallback === -1 ? null : fallback;
  }
  let end = start;
  while (end < letters.length && isVowel(letters[end] as Letter)) end++;
  const nucleus = Array.from({ length: end - start }, (_, i) => start + i);
  const marked = nucleus.filter((i) => {
    const mark = letters[i]?.mark;
    return mark !== null && mark !== undefined && VOWEL_MARKS.has(mark);
  });
  if (marked.length > 0) return marked.at(-1) ?? null;
  if (nucleus.length === 1) return start;
  const hasFinalConsonant = end < letters.length;
  if (hasFinalConsonant) return end - 1;
  if (nucleus.length >= 3) return start + 1;
  return start;
}

/** Puts `tone` (or none) on the right vowel of the word, taking it off every other letter. */
export function withTone(word: string, tone: Tone | null): string {
  const letters = [...word].map(parseLetter);
  for (const letter of letters) letter.tone = null;
  if (tone !== null) {
    const home = toneHome(letters);
    if (home === null) return word;
    const target = letters[home];
    if (target) target.tone = tone;
  }
  return letters.map(formatLetter).join('');
}

export function currentTone(word: string): Tone | null {
  for (const ch of word) {
    const { tone } = parseLetter(ch);
    if (tone) return tone;
  }
  return null;
}

/** Moves the word's tone (if any) to where it belongs now that letters were added or changed. */
export function replaceTone(value: string): string {
  const { head, word } = splitWord(value);
  const tone = currentTone(word);
  if (tone === null) return value;
  return head + withTone(word, tone);
}

const fits = (value: string, maxLength: number | undefined): boolean => maxLength === undefined || [...value].length <= maxLength;

/** Appends typed text (a letter, a digit, `.com`…), unless it would pass `maxLength`. */
export function insertText(value: string, text: string, maxLength?: number): string {
  const next = replaceTone(value.normalize('NFC') + text.normalize('NFC'));
  return fits(next, maxLength) ? next : value;
}

/** Removes the last letter (with its marks). */
export function deleteLast(value: string): string {
  const chars = [...value.normalize('NFC')];
  chars.pop();
  return replaceTone(chars.join(''));
}

/** Sets, replaces or (pressed again) removes the tone of the word being typed. No word: no change. */
export function applyTone(value: string, tone: Tone): string {
  const { head, word } = splitWord(value.normalize('NFC'));
  if (word === '') return value;
  const next = currentTone(word) === tone ? null : tone;
  const changed = withTone(word, next);
  return changed === word && next !== null ? value : head + changed;
}

/**
 * Puts the modifier's mark on the last letter of the word with the same base (a for â and
 * ă, e for ê, o for ô and ơ, u for ư, d for đ), takes it off if that letter has it already,
 * or types the marked letter when the word has no such letter.
 */
export function applyModifier(value: string, modifier: LetterModifier, opts: { upper?: boolean; maxLength?: number } = {}): string {
  const normalized = value.normalize('NFC');
  const { head, word } = splitWord(normalized);
  const { base, mark } = modifierOf[modifier];
  const letters = [...word].map(parseLetter);
  let index = -1;
  if (base === 'u') {
    // ư comes before the other vowel (ươ, ưu, ưa): the first u, unless it is the u of qu.
    index = letters.findIndex((l, i) => l.base === 'u' && !(i === 1 && letters[0]?.base === 'q'));
  } else {
    for (let i = letters.length - 1; i >= 0; i--) {
      if (letters[i]?.base === base) {
        index = i;
        break;
      }
    }
  }
  const target = letters[index];
  if (target === undefined) return insertText(value, opts.upper ? modifier.toUpperCase() : modifier, opts.maxLength);
  target.mark = target.mark === mark ? null : mark;
  return replaceTone(head + letters.map(formatLetter).join(''));
}

/** Whether the shift key should be on for the next letter when words start with a capital. */
export function startsWord(value: string): boolean {
  return value === '' || /[\s]$/u.test(value);
}

/**
 * The `data-testid` suffix of the key that types `ch` (`key-<suffix>`): the letter or digit
 * itself, or a name for a symbol. Tests type through the same map the keyboard draws from.
 */
export const symbolKeyNames: Readonly<Record<string, string>> = {
  '@': 'at',
  '.': 'dot',
  _: 'underscore',
  '-': 'dash',
  ',': 'comma',
  '/': 'slash',
  ':': 'colon',
  ';': 'semicolon',
  '(': 'lparen',
  ')': 'rparen',
  '&': 'amp',
  '"': 'quote',
  "'": 'apostrophe',
  '?': 'question',
  '!': 'exclamation',
  '#': 'hash',
  '+': 'plus',
};

export function keyTestId(ch: string): string {
  return `key-${symbolKeyNames[ch] ?? ch.toLowerCase()}`;
}

/** The test ids of the modifier keys, in telex spelling (aa = â), which needs no escaping. */
export const modifierKeyIds: Readonly<Record<LetterModifier, string>> = {
  â: 'key-mod-aa',
  ă: 'key-mod-aw',
  ê: 'key-mod-ee',
  ô: 'key-mod-oo',
  ơ: 'key-mod-ow',
  ư: 'key-mod-uw',
  đ: 'key-mod-dd',
};
