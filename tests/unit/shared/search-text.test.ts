import { describe, expect, it } from 'vitest';
import { normalizeSearchText, phoneSearchForms, residentSearchText, searchTerms } from '../../../shared/search-text';

/** What the hub's search does: every term a substring of the stored text. */
function finds(query: string, resident: { fullName: string; email?: string | null; phoneE164?: string; unitLabels?: string[] }): boolean {
  const stored = residentSearchText({ fullName: resident.fullName, email: resident.email ?? null, phoneE164: resident.phoneE164 ?? '+84987000111', unitLabels: resident.unitLabels ?? ['A-0101'] });
  const terms = searchTerms(query);
  return terms.length > 0 && terms.every((t) => stored.includes(t));
}

describe('resident search text', () => {
  const cases: [query: string, resident: Parameters<typeof finds>[1], found: boolean][] = [
    ['nguyen van a', { fullName: 'Nguyễn Văn A' }, true],
    ['Nguyễn Văn A', { fullName: 'Nguyễn Văn A' }, true],
    ['NGUYEN VAN A', { fullName: 'Nguyễn Văn A' }, true],
    ['dang', { fullName: 'Đặng Thị Hoa' }, true],
    ['đặng', { fullName: 'Đặng Thị Hoa' }, true],
    ['TRẦN', { fullName: 'trần quốc bảo' }, true],
    ['tran quoc bao', { fullName: 'TRẦN QUỐC BẢO' }, true],
    ['hoa', { fullName: 'Lê Thị Hoà' }, true],
    ['hoa', { fullName: 'Lê Thị Hòa' }, true],
    ['thuy', { fullName: 'Phạm Thị Thủy' }, true],
    ['nguyen   van    a', { fullName: 'Nguyễn Văn A' }, true],
    ['van nguyen', { fullName: 'Nguyễn Văn A' }, true],
    ['nguyen van b', { fullName: 'Nguyễn Văn A' }, false],
    ['0901 234', { fullName: 'Bùi Minh Tú', phoneE164: '+84901234567' }, true],
    ['+84 901 234', { fullName: 'Bùi Minh Tú', phoneE164: '+84901234567' }, true],
    ['84901234567', { fullName: 'Bùi Minh Tú', phoneE164: '+84901234567' }, true],
    ['090-123-4567', { fullName: 'Bùi Minh Tú', phoneE164: '+84901234567' }, true],
    ['(090) 1234 567', { fullName: 'Bùi Minh Tú', phoneE164: '+84901234567' }, true],
    ['0901 235', { fullName: 'Bùi Minh Tú', phoneE164: '+84901234567' }, false],
    ['mai.nguyen@gmail', { fullName: 'Nguyễn Thị Mai', email: 'mai.nguyen@gmail.com' }, true],
    ['MAI.NGUYEN', { fullName: 'Nguyễn Thị Mai', email: 'mai.nguyen@gmail.com' }, true],
    ['b-1203', { fullName: 'Võ Thị Lan', unitLabels: ['B-1203'] }, true],
    ['B-1203', { fullName: 'Võ Thị Lan', unitLabels: ['A-0101', 'B-1203'] }, true],
    ['1203', { fullName: 'Võ Thị Lan', unitLabels: ['B-1203'] }, true],
    ['', { fullName: 'Võ Thị Lan' }, false],
  ];
  it.each(cases)('%s → %j: %s', (query, resident, found) => {
    expect(finds(query, resident)).toBe(found);
  });

  it('normalizes to lower case without marks and single spaces', () => {
    expect(normalizeSearchText('  Đỗ   Thị  Ánh Nguyệt ')).toBe('do thi anh nguyet');
    expect(normalizeSearchText('ĐƯỜNG Ưu Ơn')).toBe('duong uu on');
  });

  it('keeps a number in the local and the +84 form, digits only', () => {
    expect(phoneSearchForms('+84901234567')).toEqual(['0901234567', '84901234567']);
  });

  it('reads a phone-like query as one run of digits, and caps the words of a long query', () => {
    expect(searchTerms('0901 234')).toEqual(['0901234']);
    expect(searchTerms('+84 (901) 234')).toEqual(['84901234']);
    expect(searchTerms('12')).toEqual(['12']);
    expect(searchTerms('a b c d e f g h')).toHaveLength(6);
    expect(searchTerms('Mai mai MAI')).toEqual(['mai']);
  });
});
