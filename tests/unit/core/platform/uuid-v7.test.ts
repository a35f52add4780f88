import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUuidV7 } from '../../../../electron/core/platform/uuid-v7';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createUuidV7', () => {
  it('produces RFC 9562 version 7 ids carrying the millisecond timestamp', () => {
    const ms = Date.UTC(2026, 10, 25, 2, 35, 0, 123);
    const id = createUuidV7(() => ms, (n) => randomBytes(n))();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    const next = createUuidV7(() => 0x0123456789ab, (n) => new Uint8Array(n).fill(0xff));
    expect(next()).toMatch(/^01234567-89ab-7[0-9a-f]{3}-bfff-ffffffffffff$/);
    const zero = createUuidV7(() => 0, (n) => new Uint8Array(n))();
    expect(zero).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('is strictly increasing within one millisecond and when the clock steps back', () => {
    let now = 1_700_000_000_000;
    const next = createUuidV7(() => now, (n) => randomBytes(n));
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i === 2500) now -= 10_000;
      if (i % 1000 === 999) now += 1;
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('sorts across milliseconds by time', () => {
    let now = 1000;
    const next = createUuidV7(() => now, (n) => new Uint8Array(n).fill(0xff));
    const a = next();
    now = 1001;
    const b = next();
    expect(a < b).toBe(true);
  });
});
