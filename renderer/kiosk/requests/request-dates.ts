/**
 * Deadlines and countdowns of a resident's requests in plain words: which date a request's
 * line speaks of (the answer while it is only received, the work after that, the erasure for
 * a deletion), and how long until an instant, in days, hours and minutes. Vietnam time.
 */
import { formatLocalDate, vietnamDate, vietnamTime, vietnamWeekday } from '../../../shared/dates';
import { assertNever } from '../../../shared/assert-never';
import type { HoldCategory, MyRequest } from '../../../shared/requests';
import type { T } from '../../i18n/i18n';

const MINUTE_MS = 60_000;

/** `dd/MM/yyyy` of an instant, in Vietnam. */
export function localDate(iso: string): string {
  return formatLocalDate(vietnamDate(new Date(iso)));
}

/** `HH:mm` of an instant, in Vietnam. */
export function localTime(iso: string): string {
  return vietnamTime(iso);
}

/** The day of the week of an instant in Vietnam, in words. */
export function weekdayName(t: T, iso: string): string {
  const day = vietnamWeekday(iso);
  // Keys written out whole, so the i18n check sees each one used.
  const names = [
    t('requests:weekday.sun'),
    t('requests:weekday.mon'),
    t('requests:weekday.tue'),
    t('requests:weekday.wed'),
    t('requests:weekday.thu'),
    t('requests:weekday.fri'),
    t('requests:weekday.sat'),
  ];
  return names[day] ?? '';
}

export type Countdown = { days: number; hours: number; minutes: number };

/**
 * What is left from `nowMs` to `untilMs`, in whole minutes rounded up (so "0 minutes" shows
 * only once the moment has come), never negative.
 */
export function countdownParts(untilMs: number, nowMs: number): Countdown {
  const totalMinutes = Math.max(0, Math.ceil((untilMs - nowMs) / MINUTE_MS));
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

/** `4 ngày 23 giờ 5 phút` / `4 days 23 hours 5 minutes`; the days are left out on the last day. */
export function countdownText(t: T, left: Countdown): string {
  const hours: string = t('requests:countdown.hours', { count: left.hours });
  const minutes: string = t('requests:countdown.minutes', { count: left.minutes });
  if (left.days === 0) return `${hours} ${minutes}`;
  const days: string = t('requests:countdown.days', { count: left.days });
  return `${days} ${hours} ${minutes}`;
}

/** Whether nothing more will happen to the request. */
export function isClosed(request: Pick<MyRequest, 'status'>): boolean {
  return request.status === 'done' || request.status === 'refused' || request.status === 'cancelled';
}

/** The request's erasure is still ahead: a deletion, open, not held. */
export function pendingErasure(request: MyRequest): string | null {
  if (request.kind !== 'deletion' || request.eraseAt === null || isClosed(request) || request.status === 'on_hold') return null;
  return request.eraseAt;
}

export function holdText(t: T, category: HoldCategory): string {
  switch (category) {
    case 'legal_obligation':
      return t('requests:hold.legalObligation');
    case 'dispute':
      return t('requests:hold.dispute');
    case 'authority_request':
      return t('requests:hold.authorityRequest');
    case 'identity_check':
      return t('requests:hold.identityCheck');
    default:
      return assertNever(category, 'hold category');
  }
}

/**
 * The one line that says when something happens next (or happened): the answer's deadline
 * while the request is only received, the work's deadline once confirmed, the erasure for a
 * deletion, the hold's category, or the day it was closed.
 */
export function deadlineText(t: T, request: MyRequest): string {
  const when = (iso: string): { day: string; date: string } => ({ day: weekdayName(t, iso), date: localDate(iso) });
  const closedOn = request.closedAt ?? request.history.at(-1)?.at ?? request.createdAt;
  const erase = pendingErasure(request);
  if (erase !== null) return t('requests:deadline.eraseAt', { time: localTime(erase), ...when(erase) });
  switch (request.status) {
    case 'received':
      return t('requests:deadline.answerBy', when(request.acknowledgeDueAt));
    case 'acknowledged':
    case 'in_progress':
      return t('requests:deadline.doneBy', when(request.actDueAt));
    case 'on_hold':
      return request.holdCategory === null ? t('requests:status.onHold') : holdText(t, request.holdCategory);
    case 'done':
      return t('requests:deadline.doneOn', { date: localDate(closedOn) });
    case 'refused':
      return t('requests:deadline.refusedOn', { date: localDate(closedOn) });
    case 'cancelled':
      return t('requests:deadline.cancelledOn', { date: localDate(closedOn) });
    default:
      return assertNever(request.status, 'request status');
  }
}
