import { randomBytes } from 'node:crypto';

export type UuidV7Generator = () => string;

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness, so outbox ids sort in
 * creation order. Within one millisecond (or if the clock steps back) a 12-bit counter
 * in `rand_a` keeps them strictly increasing (RFC 9562 §6.2, method 1).
 */
export function createUuidV7(
  now: () => number = Date.now,
  random: (size: number) => Uint8Array = (size) => randomBytes(size),
): UuidV7Generator {
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = Math.max(Math.floor(now()), 0);
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        // Counter exhausted: borrow the next millisecond rather than lose ordering.
        ms += 1;
        counter = 0;
      }
    } else {
      // Start low (top bit clear) so that many ids fit in one millisecond.
      counter = (random(2).reduce((acc, b) => (acc << 8) | b, 0) & 0x7ff) >>> 0;
    }
    lastMs = ms;

    const bytes = new Uint8Array(16);
    // 48-bit big-endian timestamp; split because bit operators are 32-bit.
    const high = Math.floor(ms / 2 ** 32);
    const low = ms >>> 0;
    bytes[0] = (high >>> 8) & 0xff;
    bytes[1] = high & 0xff;
    bytes[2] = (low >>> 24) & 0xff;
    bytes[3] = (low >>> 16) & 0xff;
    bytes[4] = (low >>> 8) & 0xff;
    bytes[5] = low & 0xff;
    bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    const tail = random(8);
    for (let i = 0; i < 8; i++) bytes[8 + i] = tail[i] ?? 0;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);

    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
