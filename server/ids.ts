/**
 * UUIDv7 identifiers (RFC 9562): time-ordered, so B-tree indexes stay append-mostly and
 * `ORDER BY id` follows creation order within one generator.
 */
export type RandomBytes = (bytes: number) => Buffer;
export type IdGenerator = () => string;

/**
 * A monotonic UUIDv7 generator. Within one millisecond the 12-bit `rand_a` field is a
 * counter (RFC 9562 §6.2, method 1), so ids minted in a burst (the seed inserts thousands
 * per millisecond) still sort in the order they were made.
 */
export function createIdGenerator(clock: () => Date, random: RandomBytes): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = clock().getTime();
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        // Counter exhausted: borrow the next millisecond rather than lose ordering.
        ms = lastMs + 1;
        counter = 0;
      }
    } else {
      // Start low in the counter space so a burst has room to grow.
      counter = random(1)[0]! & 0x7f;
    }
    lastMs = ms;
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    random(8).copy(bytes, 8);
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
