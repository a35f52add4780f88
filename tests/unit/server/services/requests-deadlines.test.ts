/**
 * The calendar-day deadline of a request (15 or 20 days to act, plus an extension): the end of
 * that Vietnam calendar day, whatever the hour of the request in UTC.
 */
import { describe, expect, it } from 'vitest';
import { endOfVietnamDayAfter } from '../../../../server/services/requests';

describe('endOfVietnamDayAfter', () => {
  it.each([
    // Wednesday 25/11/2026 09:35 in Hà Nội → 15 days: the end of 10/12 (16:59:59.999Z).
    ['2026-11-25T02:35:00.000Z', 15, '2026-12-10T16:59:59.999Z'],
    ['2026-11-25T02:35:00.000Z', 20, '2026-12-15T16:59:59.999Z'],
    // 23:30 on 30/11 in UTC is already 1/12 in Vietnam: counted from 1/12.
    ['2026-11-30T23:30:00.000Z', 15, '2026-12-16T16:59:59.999Z'],
    // 16:59:59.999Z is still the same Vietnam day; one millisecond later is the next.
    ['2026-11-25T16:59:59.999Z', 0, '2026-11-25T16:59:59.999Z'],
    ['2026-11-25T17:00:00.000Z', 0, '2026-11-26T16:59:59.999Z'],
    // Across the year end, and 15 + 15 days with an extension.
    ['2026-12-20T03:00:00.000Z', 30, '2027-01-19T16:59:59.999Z'],
  ])('%s + %i days → %s', (from, days, due) => {
    expect(endOfVietnamDayAfter(new Date(from), days).toISOString()).toBe(due);
  });
});
