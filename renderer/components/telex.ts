/**
 * Telex: Vietnamese typed on a plain QWERTY keyboard, the way most people in Vietnam type on
 * a phone or a computer. The on-screen keyboard's "Telex" layout sends every key through
 * `telexKey`, which turns the end of the text into the letter the resident meant:
 *
 * - `aa` → â, `aw` → ă, `ee` → ê, `oo` → ô, `ow` → ơ, `uw` → ư, `dd` → đ (the d that starts
 *   the word), and `uow` or `uwow` → ươ (`thuowngf` → thường). A `w` marks the u, a or o of
 *   the word wherever it is typed (`muaw` → mưa, `hoawcj` → hoặc); a `w` with no such vowel
 *   is the letter w. An ơ right after a plain u becomes ươ as soon as another letter follows
 *   (`thuow` → thuơ, then `n` → thươn), so `thuowr` still writes thuở.
 * - The tone keys `s` sắc, `f` huyền, `r` hỏi, `x` ngã, `j` nặng may be typed anywhere after
 *   the vowel; another tone key replaces the tone, `z` removes it. The tone moves when more
 *   letters follow (`hoas` + `n` → hoán).
 * - The same key again undoes the change and types the letter itself: `aa` + `a` → "aa",
 *   `mas` + `s` → "mas", `dd` + `d` → "dd", `uw` + `w` → "uw".
 * - Keys only act on a word that can be a Vietnamese syllable (an initial consonant, a vowel
 *   group, a final consonant): `Vinhomes` keeps its s, `aa` after an undo stays "aa".
 * - Capitals are kept: the mark goes on the letter as typed (`Nguyeenx` → Nguyễn,
 *   `DDaof` → Đào).
 *
 * The tone goes where the diacritic-key layout puts it, by the same code (`text-keyboard.ts`):
 * the traditional placement, `hoaf` → hòa, `thuys` → thúy, `khoer` → khỏe, `hoanf` → hoàn.
 * Everything works at the end of the text (the keyboard has no cursor), on the last word.
 * The result is always NFC.
 */
import { currentTone, formatLetter, parseLetter, replaceTone, splitWord, withTone } from './text-keyboard';
import type { Letter, Tone } from './text-keyboard';

export const telexToneKeys: Readonly<Record<string, Tone>> = { s: 'sac', f: 'huyen', r: 'hoi', x: 'nga', j: 'nang' };
const keyOfTone: Record<Tone, string> = { sac: 's', huyen: 'f', hoi: 'r', nga: 'x', nang: 'j' };

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?';
// Vowel groups by their plain letters (ươ is `uo`, iê is `ie`). `oo` (xoong) is left out on
// purpose, so that `oo` + `o` undoes the ô and then stays "oo".
const NUCLEI = [
  'a', 'e', 'i', 'o', 'u', 'y',
  'ai', 'ao', 'au', 'ay', 'eo', 'eu', 'ia', 'ie', 'iu', 'oa', 'oe', 'oi', 'ua', 'ue', 'ui', 'uo', 'uu', 'uy', 'ye',
  'oai', 'oao', 'oay', 'oeo', 'uay', 'uoi', 'uou', 'uya', 'uye', 'uyu', 'ieu', 'yeu',
];
const CODA = '(?:ch|ng|nh|c|m|n|p|t)?';
const SYLLABLE = new RegExp(`^${ONSET}(?:${NUCLEI.join('|')})${CODA}$`);
const ONSET_PREFIX = /^(?:b|c|ch|d|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|q|qu|r|s|t|th|tr|v|x)?$/;

const plain = (letters: readonly Letter[]): string => letters.map((l) => l.base).join('');
const isSyllable = (letters: readonly Letter[]): boolean => SYLLABLE.test(plain(letters));
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const vowel = (l: Letter | undefined): boolean => l !== undefined && VOWELS.has(l.base) && l.mark !== 'stroke';

/** The indices of the word's vowel group; the u of `qu` and the i of `gi` + vowel belong to the consonant. */
function nucleus(letters: readonly Letter[]): number[] {
  let start = 0;
  if (letters[0]?.base === 'q' && letters[1]?.base === 'u') start = 2;
  else if (letters[0]?.base === 'g' && letters[1]?.base === 'i' && vowel(letters[2])) start = 2;
  while (start < letters.length && !vowel(letters[start])) start++;
  const out: number[] = [];
  for (let i = start; i < letters.length && vowel(letters[i]); i++) out.push(i);
  return out;
}

const join = (letters: readonly Letter[]): string => letters.map(formatLetter).join('');

/** `uơ` followed by another letter is always ươ (thương, người): horn the u as well. */
function hornBeforeHornedO(letters: Letter[]): void {
  const group = nucleus(letters);
  for (const i of group) {
    const u = letters[i];
    const o = letters[i + 1];
    if (u?.base === 'u' && u.mark === null && o?.base === 'o' && o.mark === 'horn' && i + 2 < letters.length) u.mark = 'horn';
  }
}

function step(text: string, key: string): string {
  const k = key.toLowerCase();
  if (!/^[a-z]$/.test(k)) return replaceTone(text + key.normalize('NFC'));
  const { head, word } = splitWord(text);
  const letters = [...word].map(parseLetter);
  const literal = (): string => {
    const next = [...letters, parseLetter(key)];
    hornBeforeHornedO(next);
    return replaceTone(head + join(next));
  };
  const undo = (): string => replaceTone(head + join(letters) + key);

  const tone = telexToneKeys[k];
  if (tone !== undefined) {
    if (currentTone(word) === tone) return head + withTone(word, null) + key;
    if (!isSyllable(letters)) return literal();
    return head + withTone(word, tone);
  }
  if (k === 'z') return currentTone(word) === null ? literal() : head + withTone(word, null);

  if (k === 'a' || k === 'e' || k === 'o') {
    const last = letters.at(-1);
    if (last === undefined || last.base !== k || !isSyllable(letters)) return literal();
    if (last.mark === 'circumflex') {
      last.mark = null;
      return undo();
    }
    last.mark = 'circumflex';
    return replaceTone(head + join(letters));
  }

  if (k === 'd') {
    const first = letters[0];
    if (letters.length !== 1 || first?.base !== 'd') return literal();
    if (first.mark === 'stroke') {
      first.mark = null;
      return undo();
    }
    first.mark = 'stroke';
    return head + join(letters);
  }

  if (k === 'w') {
    if (!isSyllable(letters)) return literal();
    const group = nucleus(letters);
    const pair = group.find((i) => letters[i]?.base === 'u' && letters[i + 1]?.base === 'o' && group.includes(i + 1));
    if (pair !== undefined) {
      const u = letters[pair] as Letter;
      const o = letters[pair + 1] as Letter;
      if (o.mark === 'horn') {
        u.mark = null;
        o.mark = null;
        return undo();
      }
      o.mark = 'horn';
      // ươ needs a letter after it; alone, uơ is thuở or huơ, unless the u already has its horn.
      if (pair + 2 < letters.length) u.mark = 'horn';
      return replaceTone(head + join(letters));
    }
    const target = ['u', 'a', 'o'].map((base) => group.find((i) => letters[i]?.base === base)).find((i) => i !== undefined);
    if (target === undefined) return literal();
    const letter = letters[target] as Letter;
    const mark = letter.base === 'a' ? 'breve' : 'horn';
    if (letter.mark === mark) {
      letter.mark = null;
      return undo();
    }
    letter.mark = mark;
    return replaceTone(head + join(letters));
  }

  return literal();
}

const fits = (value: string, maxLength: number | undefined): boolean => maxLength === undefined || [...value].length <= maxLength;

/**
 * The text after the resident presses `key` (one character: a letter, a digit, a space, a
 * symbol) in the Telex layout, or `value` unchanged when the result would pass `maxLength`.
 */
export function telexKey(value: string, key: string, maxLength?: number): string {
  const next = step(value.normalize('NFC'), key);
  return fits(next, maxLength) ? next : value;
}

/** Types every character of `keys` in turn, as `telexKey` does. */
export function telexType(keys: string, start = ''): string {
  let value = start;
  for (const key of keys) value = telexKey(value, key);
  return value;
}

/** Whether `word` (plain letters or with marks) can be a Vietnamese syllable, so Telex keys act on it. */
export function isTelexSyllable(word: string): boolean {
  const letters = [...word.normalize('NFC')].map(parseLetter);
  return isSyllable(letters) || (ONSET_PREFIX.test(plain(letters)) && letters.length > 0);
}

/**
 * The keys a Telex typist presses to write `text`: each Vietnamese letter as its plain letter
 * and its mark key (â `aa`, ơ `ow`, đ `dd`…), the word's tone key at the end of the word. Made
 * for Vietnamese words (names, addresses); tests type through it.
 */
export function telexSpelling(text: string): string {
  return text.normalize('NFC').replace(/[\p{L}\p{M}]+/gu, (word) => {
    const letters = [...word].map(parseLetter);
    let out = '';
    let tone: Tone | null = null;
    letters.forEach((letter, i) => {
      out += letter.upper ? letter.base.toUpperCase() : letter.base;
      if (letter.mark === 'stroke') out += 'd';
      else if (letter.mark === 'circumflex') out += letter.base;
      else if (letter.mark === 'breve' || letter.mark === 'horn') out += 'w';
      const previous = letters[i - 1];
      // A plain doubled vowel (xoong) takes a third key to undo the circumflex the second made.
      if (letter.mark === null && 'aeo'.includes(letter.base) && previous?.mark === null && previous.base === letter.base) out += letter.base;
      if (letter.tone !== null) tone = letter.tone;
    });
    return tone === null ? out : out + keyOfTone[tone];
  });
}
