import { getSessionEntry, putSessionEntry } from '../db/session-cache';
import type { SessionEntry } from '../db/session-cache';
import type { KioskDatabase } from '../db/open';

/** What features may keep for the current session; the session wipes all of it on lock. */
export type SessionCache = {
  put(entry: SessionEntry, value: unknown): void;
  get(entry: SessionEntry): unknown;
};

export function createSessionCache(db: KioskDatabase, now: () => number): SessionCache {
  return {
    put: (entry, value) => putSessionEntry(db, entry, value, new Date(now()).toISOString()),
    get: (entry) => getSessionEntry(db, entry),
  };
}
