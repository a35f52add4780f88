import { describe, expect, it } from 'vitest';
import { isOverdue, notifyDeadline, readClock } from '../../../shared/incidents';

const DETECTED = '2026-11-25T02:00:00.000Z';

describe('the 72-hour clock', () => {
  it('the deadline is 72 hours after detection', () => {
    expect(notifyDeadline(DETECTED)).toBe('2026-11-28T02:00:00.000Z');
  });

  it.each([
    ['2026-11-26T10:48:00.000Z', { state: 'left', hours: 39, minutes: 12 }],
    ['2026-11-28T01:59:30.000Z', { state: 'left', hours: 0, minutes: 0 }],
    ['2026-11-28T02:00:00.000Z', { state: 'left', hours: 0, minutes: 0 }],
    ['2026-11-28T02:00:59.000Z', { state: 'overdue', hours: 0, minutes: 0 }],
    ['2026-11-28T05:07:00.000Z', { state: 'overdue', hours: 3, minutes: 7 }],
  ])('at %s reads %o', (now, reading) => {
    expect(readClock(notifyDeadline(DETECTED), new Date(now))).toEqual(reading);
  });

  it('is overdue once the deadline passes without the authority told, and stays so for a late notice', () => {
    expect(isOverdue({ detectedAt: DETECTED, authorityNotifiedAt: null }, new Date('2026-11-28T02:00:00.000Z'))).toBe(false);
    expect(isOverdue({ detectedAt: DETECTED, authorityNotifiedAt: null }, new Date('2026-11-28T02:00:01.000Z'))).toBe(true);
    expect(isOverdue({ detectedAt: DETECTED, authorityNotifiedAt: '2026-11-27T09:00:00.000Z' }, new Date('2026-12-30T00:00:00.000Z'))).toBe(false);
    expect(isOverdue({ detectedAt: DETECTED, authorityNotifiedAt: '2026-11-28T09:00:00.000Z' }, new Date('2026-11-28T09:00:00.000Z'))).toBe(true);
    // Closed without a notice (not a breach after all): the clock stops at closing.
    expect(isOverdue({ detectedAt: DETECTED, authorityNotifiedAt: null, closedAt: '2026-11-26T00:00:00.000Z' }, new Date('2026-12-30T00:00:00.000Z'))).toBe(false);
    expect(isOverdue({ detectedAt: DETECTED, authorityNotifiedAt: null, closedAt: '2026-11-29T00:00:00.000Z' }, new Date('2026-12-30T00:00:00.000Z'))).toBe(true);
  });
});
