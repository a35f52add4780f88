/**
 * Throttles enrollment attempts. An enrollment code is a credential typed by a person, so
 * it is short; unthrottled, a client could try about 1,400 a second. Counted in memory,
 * per client address and overall: enough for one hub. Several hubs behind a load balancer
 * each keep their own counts (the overall limit is then per hub, and the per-address one
 * needs the balancer to pass real addresses); a shared store would be needed to do better.
 */
import { KiotError } from '../../shared/result';
import type { RateWindow } from './otp';

export type EnrollmentLimits = { perAddress: RateWindow; overall: RateWindow };

export const defaultEnrollmentLimits: EnrollmentLimits = {
  // An installer who mistypes a few times is not slowed down; a guesser gets 10 tries.
  perAddress: { windowSeconds: 15 * 60, max: 10 },
  overall: { windowSeconds: 15 * 60, max: 60 },
};

export type EnrollmentThrottle = {
  /** Counts one attempt from `address`, or throws `rate_limited` with the seconds to wait. */
  take(address: string): void;
};

/** Addresses tracked at most; beyond it, stale ones are swept (and a flood of fresh ones still meets the overall limit). */
const MAX_TRACKED_ADDRESSES = 10_000;

export function createEnrollmentThrottle(deps: { clock: () => Date; limits?: Partial<EnrollmentLimits> }): EnrollmentThrottle {
  const limits: EnrollmentLimits = { ...defaultEnrollmentLimits, ...deps.limits };
  const byAddress = new Map<string, number[]>();
  const overall: number[] = [];

  /** Drops attempts that left the window; returns the seconds until one more is allowed, or 0. */
  const wait = (times: number[], window: RateWindow, now: number): number => {
    const windowMs = window.windowSeconds * 1000;
    while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
    if (times.length < window.max) return 0;
    return Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
  };

  const sweep = (now: number): void => {
    for (const [address, times] of byAddress) {
      wait(times, limits.perAddress, now);
      if (times.length === 0) byAddress.delete(address);
    }
  };

  return {
    take(address) {
      const now = deps.clock().getTime();
      let mine = byAddress.get(address);
      if (mine === undefined) {
        if (byAddress.size >= MAX_TRACKED_ADDRESSES) sweep(now);
        mine = [];
        byAddress.set(address, mine);
      }
      const seconds = Math.max(wait(mine, limits.perAddress, now), wait(overall, limits.overall, now));
      if (seconds > 0) {
        throw new KiotError('rate_limited', `Too many enrollment attempts; try again in ${seconds} s`, { retryAfterSeconds: seconds });
      }
      mine.push(now);
      overall.push(now);
    },
  };
}
