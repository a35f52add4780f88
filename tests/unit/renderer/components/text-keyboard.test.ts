import { describe, expect, it } from 'vitest';
import { applyModifier, applyTone, deleteLast, insertText, startsWord, toneIndex } from '../../../../renderer/components/text-keyboard';
import type { LetterModifier, Tone } from '../../../../renderer/components/text-keyboard';

/** Types a sequence the way a resident taps it: plain letters, `[ê]` modifiers, `{nga}` tones. */
function tap(keys: string, start = ''): string {
  let value = start;
  for (const token of keys.match(/\[[^\]]+\]|\{[^}]+\}|./gu) ?? []) {
    if (token.startsWith('[')) value = applyModifier(value, token.slice(1, -1) as LetterModifier);
    else if (token.startsWith('{')) value = applyTone(value, token.slice(1, -1) as Tone);
    else value = insertText(value, token);
  }
  return value;
}

describe('Vietnamese on the text keyboard', () => {
  it('writes nguyễn from nguyen, the circumflex on e and the ngã tone, in either order', () => {
    expect(tap('nguyen[ê]{nga}')).toBe('nguyễn');
    expect(tap('nguyen{nga}[ê]')).toBe('nguyễn');
    expect(tap('Nguyen[ê]{nga} Van[ă] An')).toBe('Nguyễn Văn An');
    expect(tap('an[ă]')).toBe('ăn');
  });

  it('puts the tone of hoa, thuy, khoe on the first vowel (the traditional placement)', () => {
    expect(tap('hoa{huyen}')).toBe('hòa');
    expect(tap('thuy{hoi}')).toBe('thủy');
    expect(tap('khoe{hoi}')).toBe('khỏe');
    expect(tap('mua{huyen}')).toBe('mùa');
  });

  it('puts the tone on the last vowel when a consonant ends the word, and moves it as the word grows', () => {
    expect(tap('hoan{huyen}')).toBe('hoàn');
    expect(tap('huynh{huyen}')).toBe('huỳnh');
    expect(tap('hoa{sac}n')).toBe('hoán');
    expect(tap('toan{sac}')).toBe('toán');
  });

  it('puts the tone on the marked vowel, on ơ in ươ, and on the middle of three vowels', () => {
    expect(tap('nguoi[ư][ơ]{huyen}')).toBe('người');
    expect(tap('duong[đ][ư][ơ]{huyen}')).toBe('đường');
    expect(tap('tuan[â]{sac}')).toBe('tuấn');
    expect(tap('ngoai{huyen}')).toBe('ngoài');
    expect(tap('ruou[ư][ơ]{nang}')).toBe('rượu');
    expect(tap('huu[ư]{nga}')).toBe('hữu');
    expect(tap('mua[ư]')).toBe('mưa');
    expect(tap('quy{sac}')).toBe('quý');
  });

  it('treats the u of qu and the i of gi before a vowel as consonants', () => {
    expect(tap('qua{sac}')).toBe('quá');
    expect(tap('quoc[ô]{sac}')).toBe('quốc');
    expect(tap('gia{sac}')).toBe('giá');
    expect(tap('gi{huyen}')).toBe('gì');
    expect(tap('gin{huyen}')).toBe('gìn');
    expect(tap('giuong[ư][ơ]{huyen}')).toBe('giường');
  });

  it('turns d into đ, and types đ when the word has no d', () => {
    expect(tap('d[đ]')).toBe('đ');
    expect(tap('D[đ]ao')).toBe('Đao');
    expect(tap('[đ]')).toBe('đ');
    expect(applyModifier('Lê ', 'đ', { upper: true })).toBe('Lê Đ');
  });

  it('removes a tone when the same tone is tapped again, and replaces it with another', () => {
    expect(tap('hoa{huyen}{huyen}')).toBe('hoa');
    expect(tap('nguyen[ê]{nga}{nga}')).toBe('nguyên');
    expect(tap('ma{sac}{huyen}')).toBe('mà');
  });

  it('takes a letter mark off when its key is tapped again, and swaps â for ă', () => {
    expect(tap('nguyen[ê][ê]')).toBe('nguyen');
    expect(tap('an[â][ă]')).toBe('ăn');
    expect(tap('ten[ê]{sac}[ê]')).toBe('tén');
  });

  it('keeps capitals through marks and tones', () => {
    expect(tap('HOA{huyen}')).toBe('HÒA');
    expect(tap('LE[ê]')).toBe('LÊ');
  });

  it('changes nothing when a tone is tapped with no word, or on a word without a vowel', () => {
    expect(applyTone('', 'sac')).toBe('');
    expect(applyTone('Lê Lợi ', 'sac')).toBe('Lê Lợi ');
    expect(applyTone('12', 'sac')).toBe('12');
    expect(applyTone('nh', 'sac')).toBe('nh');
  });

  it('only touches the word being typed', () => {
    expect(tap(' hoa{huyen}', 'Lê Văn')).toBe('Lê Văn hòa');
    expect(tap('{sac}', '12/3 Lê Loi')).toBe('12/3 Lê Lói');
  });

  it('deletes one whole letter, marks included, and re-places the tone', () => {
    expect(deleteLast('nguyễn')).toBe('nguyễ');
    expect(deleteLast('hoán')).toBe('hóa');
    expect(deleteLast('đ')).toBe('');
    expect(deleteLast('')).toBe('');
    // Text that arrived decomposed (NFD) still loses one letter, not one mark.
    expect(deleteLast('nguyễn'.normalize('NFD'))).toBe('nguyễ');
  });

  it('refuses what would pass the maximum length and leaves the text as it was', () => {
    expect(insertText('abc', 'd', 3)).toBe('abc');
    expect(insertText('lan', '@gmail.com', 10)).toBe('lan');
    expect(insertText('lan', '@gmail.com', 13)).toBe('lan@gmail.com');
    expect(applyModifier('abc', 'đ', { maxLength: 3 })).toBe('abc');
    // A mark or a tone does not make the text longer.
    expect(applyTone('hoa', 'huyen')).toBe('hòa');
  });

  it('says which letter carries the tone', () => {
    expect(toneIndex('hoa')).toBe(1);
    expect(toneIndex('hoan')).toBe(2);
    expect(toneIndex('nguyên')).toBe(4);
    expect(toneIndex('str')).toBeNull();
  });

  it('knows when a new word starts, for capitals at the start of words', () => {
    expect(startsWord('')).toBe(true);
    expect(startsWord('Lê ')).toBe(true);
    expect(startsWord('Lê')).toBe(false);
  });
});
