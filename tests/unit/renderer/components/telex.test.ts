import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTelexSyllable, telexKey, telexSpelling, telexType } from '../../../../renderer/components/telex';
import { withTone } from '../../../../renderer/components/text-keyboard';
import type { Tone } from '../../../../renderer/components/text-keyboard';

/** Each row: what the resident types on the Telex layout, and what the field then shows. */
type Row = readonly [keys: string, shown: string];

const check = (rows: readonly Row[]): void => {
  for (const [keys, shown] of rows) expect(telexType(keys), keys).toBe(shown);
};

// The twelve vowels with the keys that write them, and the five tones by their key.
const vowels: readonly Row[] = [
  ['a', 'a'], ['aw', 'ă'], ['aa', 'â'], ['e', 'e'], ['ee', 'ê'], ['i', 'i'],
  ['o', 'o'], ['oo', 'ô'], ['ow', 'ơ'], ['u', 'u'], ['uw', 'ư'], ['y', 'y'],
];
const toneMarks: readonly (readonly [key: string, mark: string])[] = [
  ['s', '\u0301'], ['f', '\u0300'], ['r', '\u0309'], ['x', '\u0303'], ['j', '\u0323'],
];
const everyToneOnEveryVowel: Row[] = vowels.flatMap(([keys, vowel]) =>
  toneMarks.map(([key, mark]): Row => [keys + key, (vowel + mark).normalize('NFC')]),
);

const uoWords: readonly Row[] = [
  ['nguwowif', 'người'], ['nguoiwf', 'người'], ['thuowngf', 'thường'], ['thuwowngf', 'thường'],
  ['truwowngf', 'trường'], ['nuwowngs', 'nướng'], ['ruwowuj', 'rượu'], ['ruowuj', 'rượu'],
  ['huwowngr', 'hưởng'], ['tuwowng', 'tương'], ['dduwowcj', 'được'], ['dduwowngf', 'đường'],
  ['phuwowngf', 'phường'], ['muwowif', 'mười'], ['buwowir', 'bưởi'], ['luwowix', 'lưỡi'],
  ['cuwowis', 'cưới'], ['tuwowi', 'tươi'], ['suwowngs', 'sướng'], ['huwowng', 'hương'],
  ['Uwowcs', 'Ước'], ['ruwowngj', 'rượng'], ['thuowr', 'thuở'], ['huow', 'huơ'],
  ['uow', 'uơ'], ['uwow', 'ươ'], ['khuwowcs', 'khước'], ['gUwowng', 'gƯơng'],
];

const quGiWords: readonly Row[] = [
  ['quas', 'quá'], ['quar', 'quả'], ['quaanj', 'quận'], ['quyeenf', 'quyền'], ['quys', 'quý'],
  ['quoocs', 'quốc'], ['quee', 'quê'], ['quawn', 'quăn'], ['quaf', 'quà'], ['quyeetj', 'quyệt'],
  ['gias', 'giá'], ['giaf', 'già'], ['gif', 'gì'], ['giuwx', 'giữ'], ['giuwowngf', 'giường'],
  ['gios', 'gió'], ['giaays', 'giấy'], ['gioir', 'giỏi'], ['gins', 'gín'], ['giuwax', 'giữa'],
];

const traditionalPlacement: readonly Row[] = [
  ['hoaf', 'hòa'], ['thuyr', 'thủy'], ['thuys', 'thúy'], ['khoer', 'khỏe'], ['muaf', 'mùa'],
  ['cuar', 'của'], ['luaj', 'lụa'], ['hoanf', 'hoàn'], ['hoangf', 'hoàng'], ['huynhf', 'huỳnh'],
  ['toans', 'toán'], ['khoangr', 'khoảng'], ['xoawns', 'xoắn'], ['hoawcj', 'hoặc'], ['ngoaif', 'ngoài'],
  ['khuyru', 'khuỷu'], ['hoas', 'hóa'], ['hoasn', 'hoán'], ['ddoois', 'đối'], ['muaw', 'mưa'],
  ['tieengs', 'tiếng'], ['yeeu', 'yêu'], ['khuya', 'khuya'], ['chieeuf', 'chiều'], ['nhieeuf', 'nhiều'],
];

const names: readonly Row[] = [
  ['Nguyeenx', 'Nguyễn'], ['Traanf', 'Trần'], ['Lee', 'Lê'], ['Phamj', 'Phạm'], ['Hoangf', 'Hoàng'],
  ['Huynhf', 'Huỳnh'], ['Phan', 'Phan'], ['Vux', 'Vũ'], ['Vox', 'Võ'], ['DDawngj', 'Đặng'],
  ['Buif', 'Bùi'], ['DDoox', 'Đỗ'], ['Hoof', 'Hồ'], ['Ngoo', 'Ngô'], ['Duwowng', 'Dương'],
  ['Lys', 'Lý'], ['DDinh', 'Đinh'], ['Trinhj', 'Trịnh'], ['Mai', 'Mai'], ['Too', 'Tô'],
  ['Haf', 'Hà'], ['Laam', 'Lâm'], ['Chaau', 'Châu'], ['Taj', 'Tạ'], ['Thais', 'Thái'],
  ['Vawn', 'Văn'], ['Thij', 'Thị'], ['Huwux', 'Hữu'], ['DDuwcs', 'Đức'], ['Tuaans', 'Tuấn'],
  ['Hungf', 'Hùng'], ['Dungx', 'Dũng'], ['Thaor', 'Thảo'], ['Huwowng', 'Hương'], ['Hanhj', 'Hạnh'],
  ['Ngocj', 'Ngọc'], ['Phucs', 'Phúc'], ['Khanhs', 'Khánh'], ['Yeens', 'Yến'], ['Hawngf', 'Hằng'],
  ['Hieenf', 'Hiền'], ['Tuyeets', 'Tuyết'], ['Xuaan', 'Xuân'], ['Baor', 'Bảo'], ['DDatj', 'Đạt'],
  ['Kieen', 'Kiên'], ['Anhs', 'Ánh'], ['Aan', 'Ân'], ['DDaof', 'Đào'], ['Truwowng', 'Trương'],
  ['Nguyeenx Thij Lan', 'Nguyễn Thị Lan'], ['Traanf Vawn Binhf', 'Trần Văn Bình'], ['Lee Thij Tuyeets', 'Lê Thị Tuyết'],
  ['Phamj Minh Tuaans', 'Phạm Minh Tuấn'], ['Hoangf Thij Thu Thuyr', 'Hoàng Thị Thu Thủy'],
  ['DDoox Quang Vinh', 'Đỗ Quang Vinh'], ['Buif Thij Ngocj Anhs', 'Bùi Thị Ngọc Ánh'],
];

const addresses: readonly Row[] = [
  ['Phuwowngf Beens Nghes', 'Phường Bến Nghé'], ['Quaanj Hoanf Kieems', 'Quận Hoàn Kiếm'], ['Quaanj Ba DDinhf', 'Quận Ba Đình'],
  ['DDoongs DDa', 'Đống Đa'], ['Caauf Giaays', 'Cầu Giấy'], ['Hai Baf Truwng', 'Hai Bà Trưng'], ['Thanh Xuaan', 'Thanh Xuân'],
  ['Taay Hoof', 'Tây Hồ'], ['Long Bieen', 'Long Biên'], ['Binhf Thanhj', 'Bình Thạnh'], ['Gof Vaaps', 'Gò Vấp'],
  ['Phus Nhuaanj', 'Phú Nhuận'], ['Taan Binhf', 'Tân Bình'], ['Thur DDuwcs', 'Thủ Đức'], ['DDuwowngf Lee Lowij', 'Đường Lê Lợi'],
  ['Nguyeenx Hueej', 'Nguyễn Huệ'], ['Hangf Baif', 'Hàng Bài'], ['Trangf Tieenf', 'Tràng Tiền'], ['Thanhf phoos Hoof Chis Minh', 'Thành phố Hồ Chí Minh'],
  ['Haf Nooij', 'Hà Nội'], ['DDaf Nawngx', 'Đà Nẵng'], ['Hair Phongf', 'Hải Phòng'], ['Caanf Thow', 'Cần Thơ'], ['Huees', 'Huế'],
  ['Vungx Tauf', 'Vũng Tàu'], ['Bieen Hoaf', 'Biên Hòa'], ['Taafng 12', 'Tầng 12'], ['cawn hooj', 'căn hộ'], ['chung cuw', 'chung cư'],
  ['toaf nhaf', 'tòa nhà'], ['soos nhaf', 'số nhà'], ['ngox 5', 'ngõ 5'], ['ngachs 12/3', 'ngách 12/3'], ['hemr', 'hẻm'],
  ['xax', 'xã'], ['huyeenj', 'huyện'], ['tinhr', 'tỉnh'], ['thij traans', 'thị trấn'], ['khu ddoo thij', 'khu đô thị'],
  ['45 Lee Lowij, Quaanj 1', '45 Lê Lợi, Quận 1'], ['Taafng 12, toaf B', 'Tầng 12, tòa B'],
];

const undoAndZ: readonly Row[] = [
  ['aaa', 'aa'], ['eee', 'ee'], ['ooo', 'oo'], ['ddd', 'dd'], ['uww', 'uw'], ['aww', 'aw'], ['oww', 'ow'],
  ['mass', 'mas'], ['maff', 'maf'], ['marr', 'mar'], ['maxx', 'max'], ['majj', 'maj'], ['aaaa', 'aaa'], ['dddd', 'ddd'],
  ['masz', 'ma'], ['nguyeenxz', 'nguyên'], ['maz', 'maz'], ['masf', 'mà'], ['mafx', 'mã'], ['xooong', 'xoong'],
  ['awa', 'â'], ['owo', 'ô'], ['thuowngw', 'thuongw'], ['tieengsz', 'tiêng'],
];

const capitals: readonly Row[] = [
  ['NGUYEENX', 'NGUYỄN'], ['DDAOF', 'ĐÀO'], ['Ddaof', 'Đào'], ['TRAANF', 'TRẦN'], ['PHUWOWNGF', 'PHƯỜNG'],
  ['AS', 'Á'], ['EEF', 'Ề'], ['UWJ', 'Ự'], ['OWR', 'Ở'], ['Yx', 'Ỹ'], ['QUAANJ', 'QUẬN'],
];

const leftAlone: readonly Row[] = [
  ['Vinhomes', 'Vinhomes'], ['William', 'William'], ['Windsor', 'Windsor'], ['Canada', 'Canada'], ['Park', 'Pảk'],
  ['Landmark 81', 'Landmark 81'], ['Sun Wah', 'Sun Wah'], ['s', 's'], ['tr', 'tr'], ['x', 'x'],
];

describe('Telex on the kiosk keyboard', () => {
  const tables = { everyToneOnEveryVowel, vowels, uoWords, quGiWords, traditionalPlacement, names, addresses, undoAndZ, capitals, leftAlone };

  it('has at least 200 words in its tables', () => {
    expect(Object.values(tables).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThanOrEqual(200);
  });

  it.each(Object.entries(tables))('writes the %s table', (_name, rows) => check(rows));

  it('places tones by one rule, the traditional one, the same as the diacritic-key layout', () => {
    for (const [word, tone] of [['hoa', 'huyen'], ['thuy', 'sac'], ['khoe', 'hoi'], ['hoan', 'huyen'], ['nguoi', 'huyen']] as const) {
      const key = { sac: 's', huyen: 'f', hoi: 'r', nga: 'x', nang: 'j' }[tone];
      const plainWord = word === 'nguoi' ? 'nguwowi' : word;
      expect(telexType(plainWord + key)).toBe(withTone(telexType(plainWord), tone));
    }
  });

  it('lets a tone be typed early and moves it as letters follow', () => {
    expect(telexType('tosan')).toBe('toán');
    expect(telexType('thuwowfng')).toBe('thường');
  });

  it('types digits, spaces and symbols as they are, word by word', () => {
    expect(telexType('Soos 12/3, ngox 45')).toBe('Số 12/3, ngõ 45');
    expect(telexKey('Lê ', 's')).toBe('Lê s');
  });

  it('keeps the text when a key would pass the length limit', () => {
    expect(telexKey('abc', 'd', 3)).toBe('abc');
    // A mark does not lengthen the text, so it still fits.
    expect(telexKey('nguye', 'e', 5)).toBe('nguyê');
  });

  it('knows which words Telex acts on', () => {
    expect(isTelexSyllable('nguyen')).toBe(true);
    expect(isTelexSyllable('ngh')).toBe(true);
    expect(isTelexSyllable('Vinhome')).toBe(false);
  });

  const onsets = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
  const nuclei = [
    'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu',
    'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'ua', 'uâ', 'uê', 'ui', 'ưi', 'uô', 'ươ', 'ưu', 'uy', 'ưa', 'yê', 'oai', 'oay', 'uây',
    'uôi', 'ươi', 'ươu', 'uya', 'uyê', 'uyu', 'iêu', 'yêu',
  ];
  const codas = ['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];
  const syllable = fc
    .record({
      onset: fc.constantFrom(...onsets),
      nucleus: fc.constantFrom(...nuclei),
      coda: fc.constantFrom(...codas),
      tone: fc.constantFrom<Tone | null>(null, 'sac', 'huyen', 'hoi', 'nga', 'nang'),
      capital: fc.constantFrom('none', 'first', 'all'),
    })
    // qu + u… and gi + i… are not syllables; ươ needs a letter after it.
    .filter(({ onset, nucleus, coda }) => !(onset === 'qu' && /^[uư]/.test(nucleus)) && !(onset === 'gi' && nucleus.startsWith('i')) && !(nucleus === 'ươ' && coda === ''))
    .map(({ onset, nucleus, coda, tone, capital }) => {
      const word = withTone((onset + nucleus + coda).normalize('NFC'), tone);
      if (capital === 'all') return word.toUpperCase();
      if (capital === 'first') return word.charAt(0).toUpperCase() + word.slice(1);
      return word;
    });

  it('writes any Vietnamese syllable from its Telex spelling, in NFC', () => {
    fc.assert(
      fc.property(fc.array(syllable, { minLength: 1, maxLength: 4 }), (words) => {
        const text = words.join(' ');
        const typed = telexType(telexSpelling(text));
        expect(typed).toBe(text);
        expect(typed).toBe(typed.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });

  it('always leaves NFC text, whatever is typed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9 .,@]{0,30}$/), (keys) => {
        const typed = telexType(keys);
        expect(typed).toBe(typed.normalize('NFC'));
      }),
    );
  });
});
