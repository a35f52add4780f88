/**
 * The log redactor at its edges (issue 12, mutation survivors of shared/redact.ts): nesting
 * deeper than the walk goes through each kind of container, the value kinds a log call may
 * carry, the secret-looking-token rule at its boundaries, and the spellings of a Vietnamese
 * number around its country code. Each case is one a log line could really meet.
 */
import { describe, expect, it } from 'vitest';
import { PHONE_MARK, REDACTED, SECRET_MARK, redactString, redactValue } from '../../../shared/redact';

/** `levels` containers, each holding the next, the innermost holding `leaf`. */
function nest(levels: number, wrap: (inner: unknown) => unknown, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i += 1) value = wrap(value);
  return value;
}

/** How many containers `unwrap` can open before it reaches something else. */
function depthOf(value: unknown, unwrap: (outer: unknown) => unknown): { depth: number; bottom: unknown } {
  let depth = 0;
  let current = value;
  for (;;) {
    const inner = unwrap(current);
    if (inner === undefined) return { depth, bottom: current };
    depth += 1;
    current = inner;
  }
}

describe('redactValue: nesting', () => {
  const SECRET_PHONE = '0912345678';

  it('stops at ten levels in arrays, Sets, objects and error causes alike, and still hides what it reached', () => {
    const cases: { name: string; wrap: (inner: unknown) => unknown; unwrap: (outer: unknown) => unknown }[] = [
      { name: 'array', wrap: (v) => [v], unwrap: (o) => (Array.isArray(o) ? o[0] : undefined) },
      { name: 'Set', wrap: (v) => new Set([v]), unwrap: (o) => (Array.isArray(o) ? o[0] : undefined) },
      { name: 'object', wrap: (v) => ({ inner: v }), unwrap: (o) => (typeof o === 'object' && o !== null && 'inner' in o ? (o as { inner: unknown }).inner : undefined) },
      {
        name: 'error cause',
        wrap: (v) => new Error('wrapped', { cause: v }),
        unwrap: (o) => (typeof o === 'object' && o !== null && 'cause' in o ? (o as { cause: unknown }).cause : undefined),
      },
    ];
    for (const c of cases) {
      // Nine levels: everything is walked, and the number inside is hidden.
      const shallow = depthOf(redactValue(nest(9, c.wrap, `call ${SECRET_PHONE}`)), c.unwrap);
      expect(shallow, c.name).toEqual({ depth: 9, bottom: `call ${PHONE_MARK}` });
      // Twelve: the walk ends with a mark at the tenth level instead of going on.
      const deep = depthOf(redactValue(nest(12, c.wrap, `call ${SECRET_PHONE}`)), c.unwrap);
      expect(deep, c.name).toEqual({ depth: 10, bottom: '[too deep]' });
    }
  });

  it('marks a cycle instead of following it, and a shared object seen twice is walked twice', () => {
    const loop: Record<string, unknown> = { note: SECRET_PHONE };
    loop['self'] = loop;
    expect(redactValue(loop)).toEqual({ note: PHONE_MARK, self: '[circular]' });
    const shared = { note: SECRET_PHONE };
    expect(redactValue({ a: shared, b: shared })).toEqual({ a: { note: PHONE_MARK }, b: { note: PHONE_MARK } });
  });

  it('returns a copy it made as it is when given it again (the facade and then the sink both redact)', () => {
    const once = redactValue({ err: Object.assign(new Error('boom'), { code: 'ECONNREFUSED' }) }) as Record<string, unknown>;
    expect(redactValue(once)).toBe(once);
    // The error identifier kept the first time is not taken for a login code the second time.
    expect((redactValue(once) as { err: { code: string } }).err.code).toBe('ECONNREFUSED');
  });
});

describe('redactValue: value kinds', () => {
  it('writes every kind of value as text a log line can hold, hiding numbers inside', () => {
    function namedHandler(): void {}
    const anonymous = [() => undefined][0]!;
    const out = redactValue({
      count: 3,
      ok: false,
      missing: undefined,
      nothing: null,
      big: 12345678901234567890n,
      tag: Symbol('tag'),
      handler: namedHandler,
      anonymous,
      bad: new Date(Number.NaN),
      at: new Date(Date.UTC(2026, 10, 26, 1, 2, 3)),
      bytes: Buffer.from('0912345678'),
      raw: new ArrayBuffer(4),
      tags: new Set(['a', 'goi 0912345678']),
      lookup: new Map<unknown, unknown>([
        ['phone', '0912345678'],
        [7, 'seven'],
      ]),
    });
    expect(out).toEqual({
      count: 3,
      ok: false,
      missing: undefined,
      nothing: null,
      big: '12345678901234567890',
      tag: 'Symbol(tag)',
      handler: '[function namedHandler]',
      anonymous: '[function anonymous]',
      bad: 'Invalid Date',
      at: '2026-11-26T01:02:03.000Z',
      bytes: '[binary 10 bytes]',
      raw: '[binary 4 bytes]',
      tags: ['a', `goi ${PHONE_MARK}`],
      lookup: { phone: REDACTED, '7': 'seven' },
    });
  });

  it('keeps an error readable: type, message, stack and own fields, each redacted', () => {
    const err = Object.assign(new TypeError('no route to 0912345678'), { status: 502, to: '0912345678' });
    const out = redactValue(err) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'TypeError', message: `no route to ${PHONE_MARK}`, status: 502, to: REDACTED });
    expect(out['stack']).toEqual(expect.stringContaining(`TypeError: no route to ${PHONE_MARK}`));
    expect(JSON.stringify(out)).not.toContain('912345678');
    // An error without a stack has none in the copy.
    const bare = new Error('bare');
    delete bare.stack;
    expect(Object.keys(redactValue(bare) as object)).toEqual(['type', 'message']);
  });
});

describe('redactString: random-looking tokens', () => {
  const kept = (token: string): void => expect(redactString(`x ${token} y`), token).toBe(`x ${token} y`);
  const hidden = (token: string): void => expect(redactString(`x ${token} y`), token).toBe(`x ${SECRET_MARK} y`);

  it('hides 24+ character digit strings, hex with a digit in either case, and mixed-case strings with a digit', () => {
    hidden('1234567890123456789012345');
    hidden('abcdef0123456789abcdef01');
    hidden('ABCDEF0123456789ABCDEF01');
    hidden('aB3dEfGhIjKlMnOpQrStUvWx');
    // A stretch of exactly eight mixed-case characters between separators is enough.
    hidden('Abcdefg1-Abcdefg1-abcdefgh');
    // Standard base64 with one or two padding characters.
    hidden('aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=');
    hidden('aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ==');
  });

  it('keeps words and identifiers: hex letters without a digit, one case only, short mixed-case parts', () => {
    kept('abcdefabcdefabcdefabcdefab');
    kept('abcdefghijklmnopqrstuvw1');
    kept('ABCDEFGHIJKLMNOPQRSTUVW1');
    // Mixed case and digits, but only in parts of seven characters (a temporary folder name).
    kept('Abcdef1-Abcdef1-Abcdef1-Abcdef1');
    kept('kiot-electron-e2e-data-Ab1xYz');
    // Long CamelCase without a digit; a long part in capitals and digits beside short lower-case ones.
    kept('ReportDownloadControllerName');
    kept('abc-ABCDEFGH1234-xyz-QRSTUV');
    // Base64 padding is set aside before the rules: lower case and digits only is still a word.
    kept('abcdefghij0123456789abcdefg=');
    hidden('abcdef0123456789abcdef01==');
  });
});

describe('redactString: phone numbers around the country code', () => {
  it('hides a number written with (84), (+84), +84 or 84 in front, with any of the usual separators', () => {
    for (const written of ['(84) 912 345 678', '(84)912345678', '(+84)912345678', '(+84) 912.345.678', '+84 912 345 678', '84912345678', '840912345678', '0243 123 4567']) {
      expect(redactString(`goi ${written} nhe`), written).toBe(`goi ${PHONE_MARK} nhe`);
    }
  });

  it('keeps the punctuation after a number, two numbers apart, and amounts and times that are not numbers', () => {
    expect(redactString('goi 0912 345 678.')).toBe(`goi ${PHONE_MARK}.`);
    expect(redactString('goi 0912-345-678- roi')).toBe(`goi ${PHONE_MARK}- roi`);
    expect(redactString('0912345678 0987654321')).toBe(`${PHONE_MARK} ${PHONE_MARK}`);
    for (const kept of ['1.250.000', '84.300.000.000', '123456đ', '12:345678', 'v1.123456']) expect(redactString(kept), kept).toBe(kept);
    // An amount in thousands followed by another number is still an amount, not 84 + a mobile.
    expect(redactString('Tong 84.300.000.000 3 ky')).toBe('Tong 84.300.000.000 3 ky');
    // A longer run of digits is no phone, even when its first ten digits would be one.
    expect(redactString('ma don 091234567890')).toBe('ma don 091234567890');
    // Six digits followed by a currency word and more text are an amount.
    expect(redactString('phi 123456 dong da thu')).toBe('phi 123456 dong da thu');
  });
});

describe('redactString: credentials and ids', () => {
  it('hides the bearer token after one or more spaces, every device secret in a line, and keeps ids in any letter case', () => {
    expect(redactString('Authorization: Bearer  abc.def')).toBe(`Authorization: Bearer ${REDACTED}`);
    const device = (n: number): string => `123e4567-e89b-12d3-a456-42661417400${n}`;
    expect(redactString(`${device(0)}.abcdefghijklmnopqrstuv and ${device(1)}.abcdefghijklmnopqrstuv`)).toBe(`${device(0)}.${SECRET_MARK} and ${device(1)}.${SECRET_MARK}`);
    // An id in mixed case would otherwise look like a random secret.
    expect(redactString('request 0fA1bC2d-3E4f-4A5b-8C6d-7E8f9A0b1C2d failed')).toBe('request 0fA1bC2d-3E4f-4A5b-8C6d-7E8f9A0b1C2d failed');
  });

  it("keeps an error's own fields under sensitive names hidden, even when they look like identifiers", () => {
    const err = Object.assign(new Error('sign-in failed'), { password: 'hunter_two', displayName: 'MAI', code: 'E_AUTH' });
    expect(redactValue(err)).toMatchObject({ password: REDACTED, displayName: REDACTED, code: 'E_AUTH' });
  });
});
