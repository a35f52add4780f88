import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../../renderer/i18n/i18n';
import type { T } from '../../../../../renderer/i18n/i18n';
import { countdownParts, countdownText, deadlineText } from '../../../../../renderer/kiosk/requests/request-dates';
import { myRequest } from './fake-requests';

const tIn = (lang: 'vi' | 'en'): T => createI18n(lang).t as T;
const vi = tIn('vi');
const en = tIn('en');

describe('a request deadline in plain words', () => {
  // 25/11/2026 10:00 in Hanoi; the answer is due 27/11 (Friday), the work 10/12 (Thursday).
  const base = { id: 'q1', createdAt: '2026-11-25T03:00:00.000Z', acknowledgeDueAt: '2026-11-27T03:00:00.000Z', actDueAt: '2026-12-10T03:00:00.000Z' };

  it.each([
    ['received: the answer', myRequest({ ...base, kind: 'export' }), 'Chúng tôi sẽ trả lời trước thứ Sáu, 27/11/2026', 'We will answer by Friday 27/11/2026'],
    ['acknowledged: the work', myRequest({ ...base, kind: 'export', status: 'acknowledged' }), 'Chúng tôi sẽ làm xong trước thứ Năm, 10/12/2026', 'We will finish by Thursday 10/12/2026'],
    ['in progress: the work', myRequest({ ...base, kind: 'objection', status: 'in_progress' }), 'Chúng tôi sẽ làm xong trước thứ Năm, 10/12/2026', 'We will finish by Thursday 10/12/2026'],
    [
      'an open deletion: the erasure, with its time',
      myRequest({ ...base, kind: 'deletion', eraseAt: '2026-11-30T03:00:00.000Z' }),
      'Dữ liệu sẽ được xóa lúc 10:00, thứ Hai, 30/11/2026',
      'Your data will be erased at 10:00 on Monday 30/11/2026',
    ],
    ['on hold: the category in words', myRequest({ ...base, kind: 'deletion', status: 'on_hold', holdCategory: 'legal_obligation' }), 'Tạm giữ theo yêu cầu pháp lý', 'On hold because of a legal obligation'],
    ['on hold for a dispute', myRequest({ ...base, kind: 'export', status: 'on_hold', holdCategory: 'dispute' }), 'Tạm giữ vì đang có tranh chấp', 'On hold because of a dispute'],
    ['done', myRequest({ ...base, kind: 'export', status: 'done', closedAt: '2026-11-26T02:00:00.000Z', cancellable: false }), 'Đã làm xong ngày 26/11/2026', 'Done on 26/11/2026'],
    ['refused', myRequest({ ...base, kind: 'objection', status: 'refused', closedAt: '2026-11-26T02:00:00.000Z' }), 'Bị từ chối ngày 26/11/2026', 'Refused on 26/11/2026'],
    ['a cancelled deletion: no erasure any more', myRequest({ ...base, kind: 'deletion', status: 'cancelled', closedAt: '2026-11-26T02:00:00.000Z' }), 'Đã hủy ngày 26/11/2026', 'Cancelled on 26/11/2026'],
  ])('%s', (_, request, inVietnamese, inEnglish) => {
    expect(deadlineText(vi, request)).toBe(inVietnamese);
    expect(deadlineText(en, request)).toBe(inEnglish);
  });

  it('takes the day and date in Vietnam: 18:00 UTC on Thursday is already Friday in Hanoi', () => {
    const request = myRequest({ ...base, kind: 'export', acknowledgeDueAt: '2026-12-03T18:00:00.000Z' });
    expect(deadlineText(vi, request)).toBe('Chúng tôi sẽ trả lời trước thứ Sáu, 04/12/2026');
    expect(deadlineText(en, request)).toBe('We will answer by Friday 04/12/2026');
  });
});

describe('the erasure countdown', () => {
  const at = Date.parse('2026-11-25T03:00:00.000Z');
  const DAY = 86_400_000;

  it.each([
    [5 * DAY, { days: 5, hours: 0, minutes: 0 }, '5 ngày 0 giờ 0 phút', '5 days 0 hours 0 minutes'],
    // Part of a minute counts as a whole one: "0 minutes" only once the moment has come.
    [5 * DAY - 30_000, { days: 5, hours: 0, minutes: 0 }, '5 ngày 0 giờ 0 phút', '5 days 0 hours 0 minutes'],
    [5 * DAY - 60_000, { days: 4, hours: 23, minutes: 59 }, '4 ngày 23 giờ 59 phút', '4 days 23 hours 59 minutes'],
    [DAY + 3_600_000 + 60_000, { days: 1, hours: 1, minutes: 1 }, '1 ngày 1 giờ 1 phút', '1 day 1 hour 1 minute'],
    [2 * 3_600_000 + 5 * 60_000, { days: 0, hours: 2, minutes: 5 }, '2 giờ 5 phút', '2 hours 5 minutes'],
    [1, { days: 0, hours: 0, minutes: 1 }, '0 giờ 1 phút', '0 hours 1 minute'],
    [0, { days: 0, hours: 0, minutes: 0 }, '0 giờ 0 phút', '0 hours 0 minutes'],
    [-DAY, { days: 0, hours: 0, minutes: 0 }, '0 giờ 0 phút', '0 hours 0 minutes'],
  ])('%d ms before the erasure', (msLeft, parts, inVietnamese, inEnglish) => {
    const left = countdownParts(at + msLeft, at);
    expect(left).toEqual(parts);
    expect(countdownText(vi, left)).toBe(inVietnamese);
    expect(countdownText(en, left)).toBe(inEnglish);
  });
});
