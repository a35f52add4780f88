/** A staff hub client for one console feature's tests: records each call and answers from `answer` (an Error is thrown). */
import type { StaffRouteKey, StaffRoutesCaller } from '../../../electron/core/session/staff-session';

export type StaffHubCall = { key: string; input: unknown };

export function fakeStaffHub<R extends StaffRouteKey>(answer: (key: R) => unknown): { hub: StaffRoutesCaller<R>; calls: StaffHubCall[] } {
  const calls: StaffHubCall[] = [];
  const hub: StaffRoutesCaller<R> = {
    call: async (key, input) => {
      calls.push({ key, input });
      const value = answer(key);
      if (value instanceof Error) throw value;
      return value as never;
    },
  };
  return { hub, calls };
}
