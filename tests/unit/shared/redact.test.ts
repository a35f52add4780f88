import { describe, expect, it } from 'vitest';
import { otpMessage } from '../../../server/adapters/sms/messages';
import { maskPhone } from '../../../shared/phone';
import { CODE_MARK, EMAIL_MARK, isSensitiveKey, PHONE_MARK, REDACTED, redactData, redactString, redactValue, SECRET_MARK } from '../../../shared/redact';

const DEVICE_ID = '019a1f2e-8c3b-7d4e-9f00-123456789abc';
const DEVICE_SECRET = 'Qk3mZ9xYw_-8aBcDeFgHiJkLmNoPqRsTuVwXyZ01234';
const REQUEST_ID = '0190a3b4-8f00-7abc-9def-0123456789ab';

/** Digits of a phone number that must not survive, whatever separators were used. */
const digitsOf = (s: string): string => s.replace(/\D/g, '');

describe('redactString: what the code logs today', () => {
  it('the dev SMS line: number and both copies of the code go, the text stays readable', () => {
    const line = `SMS to +84901234567 : ${otpMessage('042917', 5)}`;
    const out = redactString(line);
    expect(out).not.toContain('901234567');
    expect(out).not.toContain('042917');
    expect(out).toContain(`SMS to ${PHONE_MARK}`);
    expect(out).toContain(`Mã đăng nhập của bạn là ${CODE_MARK}, hiệu lực 5 phút`);
    expect(out).toContain(`Your Kiot login code is ${CODE_MARK}, valid for 5 minutes`);
  });

  it("the hub's demo banner: the number in both forms, and the enrollment code", () => {
    const out = redactString('Demo resident: Nguyễn Thị Mai, A-0101: type 0901 234 567 at the kiosk (+84901234567)');
    expect(out).toBe(`Demo resident: Nguyễn Thị Mai, A-0101: type ${PHONE_MARK} at the kiosk (${PHONE_MARK})`);
    expect(redactString('Kiosk enrollment code for Chung cư Demo (valid 24 h): 7K3M-Q9XZ-4T2B-HW8D')).toBe(
      `Kiosk enrollment code for Chung cư Demo (valid 24 h): ${SECRET_MARK}`,
    );
  });

  it('cannot recognise a name in free text: names are caught by key only (hence the rule never to put one in a message)', () => {
    // Documents the limit rather than hiding it: a pattern for Vietnamese names would eat
    // street, building and company names too.
    expect(redactString('  +84901234567  Nguyễn Thị Mai, A-0101')).toBe(`  ${PHONE_MARK}  Nguyễn Thị Mai, A-0101`);
    expect(redactData({ fullName: 'Nguyễn Thị Mai', unitLabel: 'A-0101' })).toEqual({ fullName: REDACTED, unitLabel: 'A-0101' });
  });

  it('keeps operational lines whole', () => {
    const keep = [
      'Kiot hub listening on http://127.0.0.1:8787 (database /home/it/.kiot/hub.sqlite, dev mode)',
      'Kiot hub listening on http://0.0.0.0:8787 (database postgres://kiot:***@db.internal:5432/kiot)',
      'Login codes appear here and at http://127.0.0.1:8787/v1/dev/sms-outbox',
      'SIGTERM: shutting down',
      'No SMS gateway is configured; a login code could not be sent',
      'hub unavailable: no answer within 5000 ms',
      'hub unavailable: HTTP 503',
      'keystore backend differs from the one recorded at enrollment',
      'renderer keeps failing: relaunching',
      'navigation denied',
      'Seeded the demo building',
      'SQLITE_IOERR at /home/kiosk/.config/kiot/kiosk.db',
      'TypeError: Cannot read properties of undefined (reading "id")',
      'building manager-approved-request-handler',
      '/tmp/kiot-electron-e2e-data-Ab1xYz/kiosk.db',
    ];
    for (const line of keep) expect(redactString(line), line).toBe(line);
  });
});

describe('redactString: phone numbers', () => {
  const numbers = ['+84901234567', '+84912345678', '+84387654321', '+84523456789', '+84765432109', '+84834567890', '+842438251234'];
  const spellings = (e164: string): string[] => {
    const national = `0${e164.slice(3)}`;
    const intl = e164.slice(1);
    const [a, b, c] = national.length === 10 ? [national.slice(0, 4), national.slice(4, 7), national.slice(7)] : [national.slice(0, 3), national.slice(3, 7), national.slice(7)];
    return [
      e164,
      intl,
      national,
      `${a} ${b} ${c}`,
      `${a}.${b}.${c}`,
      `${a}-${b}-${c}`,
      `+84 ${a.slice(1)} ${b} ${c}`,
      `(+84) ${a.slice(1)} ${b} ${c}`,
      `+84 0${a.slice(1)}${b}${c}`,
      `84-${a.slice(1)}-${b}-${c}`,
    ];
  };

  for (const e164 of numbers) {
    for (const written of spellings(e164)) {
      it(`"${written}" goes wherever it stands`, () => {
        for (const template of ['%', 'SĐT: %', 'gọi %.', 'phone=%&x=1', '(%)', '"%"', 'số % và 1.250.000 đ']) {
          const text = template.replace('%', written);
          const out = redactString(text);
          expect(out, text).toContain(PHONE_MARK);
          expect(digitsOf(out), text).not.toContain(digitsOf(e164).slice(-9));
        }
      });
    }
  }

  it('keeps the masked form the kiosk shows, which is safe by design', () => {
    expect(redactString(`code sent to ${maskPhone('+84901234567')}`)).toBe('code sent to +84 *** *** 567');
  });

  it('cuts the number out of a longer run of digits and leaves the rest', () => {
    expect(redactString('called 0901234567 12 times')).toBe(`called ${PHONE_MARK} 12 times`);
    expect(redactString('1.000 0901 234 567')).toBe(`1.000 ${PHONE_MARK}`);
  });
});

describe('redactString: table', () => {
  const shouldRedact: [string, string][] = [
    // e-mail
    ['mai.nguyen@example.com', EMAIL_MARK],
    ['gửi tới Mai.Nguyen+kiot@mail.example.com.vn.', `gửi tới ${EMAIL_MARK}.`],
    // bearer and basic credentials
    ['authorization: Bearer 3q2-7wEAAAB_abc.def', `authorization: Bearer ${REDACTED}`],
    ['Authorization: bearer abc', `Authorization: bearer ${REDACTED}`],
    ['Basic dXNlcjpwYXNz', `Basic ${REDACTED}`],
    // the device credential: the device id stays readable
    [`x-kiot-device: ${DEVICE_ID}.${DEVICE_SECRET}`, `x-kiot-device: ${DEVICE_ID}.${SECRET_MARK}`],
    // a password in a database URL
    ['postgres://kiot:hunter2@db:5432/kiot', `postgres://kiot:${REDACTED}@db:5432/kiot`],
    // long random secrets
    [`token ${DEVICE_SECRET}`, `token ${SECRET_MARK}`],
    ['key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', `key ${SECRET_MARK}`],
    ['HMAC 9F86D081884C7D659A2FEAA0C55AD015', `HMAC ${SECRET_MARK}`],
    ['otp key aGVsbG8gd29ybGQgdGhpcyBpcyBhIHRlc3QgK2Y/Zm9v=', `otp key ${SECRET_MARK}`],
    ['session s3cr3tS3cr3tS3cr3tS3cr3tXY', `session ${SECRET_MARK}`],
    // six-digit codes standing alone
    ['123456', CODE_MARK],
    ['mã 123456', `mã ${CODE_MARK}`],
    ['Mã OTP:042917.', `Mã OTP:${CODE_MARK}.`],
    ['code=000123&x', `code=${CODE_MARK}&x`],
    ['your code is 987654, valid', `your code is ${CODE_MARK}, valid`],
    ['"code":"123456"', `"code":"${CODE_MARK}"`],
    // enrollment codes
    ['enroll with 7K3M-Q9XZ-4T2B-HW8D now', `enroll with ${SECRET_MARK} now`],
  ];
  for (const [input, expected] of shouldRedact) {
    it(`redacts ${JSON.stringify(input)}`, () => expect(redactString(input)).toBe(expected));
  }

  const mustKeep = [
    // ids IT correlates on
    REQUEST_ID,
    `request ${REQUEST_ID} failed`,
    '01234567-8901-7234-8567-890123456789', // a UUID made only of digits
    '84123456-7890-7234-8567-890123456789',
    'req-1',
    // money, Vietnamese style
    '1.250.000',
    '1.250.000 đ',
    '84.300.000.000',
    '250000đ',
    '250000 VND',
    '250000 ₫',
    '120,000',
    '3.500.000.000 đồng',
    // time, versions, addresses, sizes
    '2026-11-25T02:35:00.000Z',
    '25/11/2026 09:35',
    '10:30:00',
    '20261125',
    'v1.2.3',
    'kiot 0.4.1',
    '127.0.0.1:54321',
    'took 1234567 ms',
    'took 12345 ms',
    'month 2026-11',
    'meter 123456.5',
    'port 8787',
    'A-0101',
    // words and identifiers
    'handler_returned_response_outside_contract',
    'ERR_STREAM_WRITE_AFTER_END',
    'auth:requestOtp',
    'x-kiot-device header missing',
    'a resident of another building',
    'Bearer', // the word alone
  ];
  for (const input of mustKeep) {
    it(`keeps ${JSON.stringify(input)}`, () => expect(redactString(input)).toBe(input));
  }

  it('is idempotent', () => {
    for (const [input] of shouldRedact) expect(redactString(redactString(input))).toBe(redactString(input));
  });
});

describe('isSensitiveKey', () => {
  const sensitive = [
    'phone',
    'phoneNumber',
    'to',
    'email',
    'name',
    'fullName',
    'displayName',
    'token',
    'accessToken',
    'refreshToken',
    'authorization',
    'Authorization',
    'cookie',
    'set-cookie',
    'code',
    'otp',
    'password',
    'secret',
    'deviceSecret',
    'enrollCode',
    'key',
    'residentToken',
    'sessionSecret',
    'contactPhone',
    'workEmail',
    'buildingName',
    'PHONE',
    'full_name',
    'phone_e164',
    'secret_hash',
    'x-kiot-device',
    'otpHmacKey',
  ];
  const harmless = ['requestId', 'deviceId', 'residentId', 'buildingId', 'mode', 'status', 'route', 'method', 'channel', 'ms', 'error', 'stack', 'reason', 'from', 'count', 'keystore', 'backend', 'unitLabel'];
  it.each(sensitive)('%s is sensitive', (key) => expect(isSensitiveKey(key)).toBe(true));
  it.each(harmless)('%s is not', (key) => expect(isSensitiveKey(key)).toBe(false));
});

describe('redactValue', () => {
  it('replaces values under sensitive keys at any depth, in arrays too, and scans the rest', () => {
    const input = {
      requestId: REQUEST_ID,
      resident: { id: 'r1', fullName: 'Trần Văn Bình', phone: '+84912345678', contacts: [{ email: 'b@example.com' }, { note: 'call 0912 345 678' }] },
      headers: { authorization: 'Bearer abc', 'x-kiot-device': `${DEVICE_ID}.${DEVICE_SECRET}`, accept: 'application/json' },
      sms: [{ to: '+84912345678', body: otpMessage('123456', 5) }],
      amountVnd: 250000,
      ms: 123456,
      ok: true,
    };
    const out = redactValue(input);
    expect(out).toEqual({
      requestId: REQUEST_ID,
      resident: { id: 'r1', fullName: REDACTED, phone: REDACTED, contacts: [{ email: REDACTED }, { note: `call ${PHONE_MARK}` }] },
      headers: { authorization: REDACTED, 'x-kiot-device': REDACTED, accept: 'application/json' },
      sms: [{ to: REDACTED, body: expect.not.stringContaining('123456') as unknown }],
      amountVnd: 250000,
      ms: 123456,
      ok: true,
    });
    // The caller's object is untouched.
    expect(input.resident.phone).toBe('+84912345678');
  });

  it('replaces numbers under a sensitive key but keeps presence flags', () => {
    expect(redactValue({ code: 123456, otp: 42, phone: null, email: undefined, hasEmail: true })).toEqual({
      code: REDACTED,
      otp: REDACTED,
      phone: null,
      email: undefined,
      hasEmail: true,
    });
  });

  it('redacts keys that are themselves personal data', () => {
    expect(redactValue({ '+84912345678': 3, 'mai@example.com': 'x' })).toEqual({ [PHONE_MARK]: 3, [EMAIL_MARK]: 'x' });
  });

  it('turns an Error into its type, message and stack, redacted, with its cause and own fields', () => {
    const cause = new Error('gateway refused +84912345678');
    const err = Object.assign(new TypeError('could not send 123456 to 0912345678', { cause }), { code: 'ECONNREFUSED', phone: '+84912345678', attempt: 2 });
    const out = redactValue({ error: err }) as { error: Record<string, unknown> };
    expect(out.error['type']).toBe('TypeError');
    expect(out.error['message']).toBe(`could not send ${CODE_MARK} to ${PHONE_MARK}`);
    expect(out.error['stack']).toMatch(/^TypeError: could not send \[code\] to \[phone\]\n\s+at /);
    expect(out.error['code']).toBe('ECONNREFUSED');
    expect(out.error['phone']).toBe(REDACTED);
    expect(out.error['attempt']).toBe(2);
    expect(out.error['cause']).toMatchObject({ type: 'Error', message: `gateway refused ${PHONE_MARK}` });
    expect(JSON.stringify(out)).not.toMatch(/912345678|123456/);
  });

  it('keeps an error code that is an identifier, not one that looks like a login code', () => {
    const kiot = Object.assign(new Error('Wrong code'), { code: 'wrong_code' });
    const odd = Object.assign(new Error('x'), { code: '123456' });
    expect((redactValue(kiot) as Record<string, unknown>)['code']).toBe('wrong_code');
    expect((redactValue(odd) as Record<string, unknown>)['code']).toBe(REDACTED);
  });

  it('survives cycles, deep nesting and odd values', () => {
    const cyclic: Record<string, unknown> = { phone: '0901234567', list: [] as unknown[] };
    cyclic['self'] = cyclic;
    (cyclic['list'] as unknown[]).push(cyclic, { note: '0901234567' });
    const err = new Error('loop') as Error & { self?: unknown };
    err.self = err;
    const shared = { note: 'same object twice is not a cycle' };
    let deep: Record<string, unknown> = { phone: '0901234567' };
    for (let i = 0; i < 50; i += 1) deep = { next: deep };

    const out = redactValue({
      cyclic,
      err,
      a: shared,
      b: shared,
      deep,
      when: new Date('2026-11-25T02:35:00.000Z'),
      bytes: Buffer.from('0901234567'),
      big: 98765432109876543210n,
      fn: function sendSms() {},
      map: new Map([['+84912345678', 'x']]),
      set: new Set(['0912345678']),
    }) as Record<string, unknown>;

    const text = JSON.stringify(out);
    expect(text).not.toContain('901234567');
    expect(text).not.toContain('912345678');
    expect(out['cyclic']).toEqual({ phone: REDACTED, list: ['[circular]', { note: PHONE_MARK }], self: '[circular]' });
    expect(out['err']).toMatchObject({ type: 'Error', message: 'loop', self: '[circular]' });
    expect(out['a']).toEqual(shared);
    expect(out['b']).toEqual(shared);
    expect(text).toContain('[too deep]');
    expect(out['when']).toBe('2026-11-25T02:35:00.000Z');
    expect(out['bytes']).toBe('[binary 10 bytes]');
    expect(out['big']).toBe('98765432109876543210');
    expect(out['fn']).toBe('[function sendSms]');
    expect(out['map']).toEqual({ [PHONE_MARK]: 'x' });
    expect(out['set']).toEqual([PHONE_MARK]);
  });
});

describe('redacting twice', () => {
  it('returns what it produced unchanged, so an Error code kept once is not taken for a login code the second time', () => {
    const once = redactData({ error: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), phone: '0912345678' });
    const twice = redactData(once);
    expect(twice).toBe(once);
    expect(twice).toMatchObject({ error: { code: 'ECONNREFUSED' }, phone: REDACTED });
    // Wrapped in a new object (as pino's mixin merge does), the inner parts are still trusted.
    expect(redactData({ reqId: 'r-1', ...once })).toMatchObject({ reqId: 'r-1', error: { code: 'ECONNREFUSED' } });
  });
});

describe('correlation ids', () => {
  it("keeps a load balancer's hex or base64url request id readable under an id key, but not elsewhere", () => {
    const nginx = '5f2b9c0e8a7d4e1f9b3c6a2d0e8f7a1b';
    const traced = 'Ab3dE5fG7hJ9kL1mN3pQ5rS7tV';
    expect(redactData({ reqId: nginx, requestId: traced, traceId: nginx })).toEqual({ reqId: nginx, requestId: traced, traceId: nginx });
    expect(redactString(`secret ${nginx}`)).toBe(`secret ${SECRET_MARK}`);
  });

  it('still removes a phone number or a code sent as a request id', () => {
    expect(redactData({ reqId: '0912345678', requestId: '123456' })).toEqual({ reqId: PHONE_MARK, requestId: CODE_MARK });
  });
});

describe('what mutation testing found unguarded', () => {
  it("keeps an error's code only when it is an identifier, not a number or a login code", () => {
    const err = (code: string): Record<string, unknown> =>
      (redactData({ error: Object.assign(new Error('failed'), { code }) }) as { error: Record<string, unknown> }).error;
    expect(err('SQLITE_BUSY')['code']).toBe('SQLITE_BUSY');
    expect(err('wrong_code')['code']).toBe('wrong_code');
    for (const secret of ['0912345678', '123456', '+84912345678', 'an@example.vn']) {
      expect(JSON.stringify(err(secret))).not.toContain(secret);
    }
  });

  it.each(['enrollmentCode', 'otpCode', 'pin', 'cccd', 'cmnd'])('removes whatever stands under %s, words as well as digits', (key) => {
    const out = redactData({ [key]: 'Kiot-ABCD-mot-hai-ba' });
    expect(out[key]).toBe(REDACTED);
  });
});

describe('error codes kept verbatim', () => {
  const codeOf = (code: string): unknown =>
    (redactData({ error: Object.assign(new Error('failed'), { code }) }) as { error: Record<string, unknown> }).error['code'];

  it.each(['ECONNREFUSED', 'SQLITE_BUSY', 'SQLITE_IOERR_SHORT_READ', 'ERR_HTTP2_STREAM_ERROR', 'E2BIG', 'code_locked', 'aborted', 'too_many_requests'])(
    'keeps %s',
    (code) => {
      expect(codeOf(code)).toBe(code);
    },
  );

  // Identifier-shaped only in part: a name or a number before or after the identifier, or a
  // phone number or OTP joined to it by `_` (which the string rules do not see).
  it.each(['Nguyen Van An E_BUSY', 'E_BUSY Nguyen Van An', 'E_0912345678', 'OTP_123456', 'wrong_code 123456'])('does not keep %s', (code) => {
    const out = codeOf(code);
    expect(out).not.toBe(code);
    expect(JSON.stringify(out)).not.toMatch(/Nguyen|0912345678|123456/);
  });
});

describe('correlation ids and error stacks', () => {
  const hex32 = '4bf92f3577b34da6a3ce929d0e0e4736';

  it('keeps a random-looking id under a correlation key only', () => {
    const out = redactData({ traceId: hex32, request_id: hex32, note: hex32, traceCount: 3 });
    expect(out['traceId']).toBe(hex32);
    expect(out['request_id']).toBe(hex32);
    expect(out['note']).not.toBe(hex32);
    expect(out['traceCount']).toBe(3);
    // Only the random-id rule is off under those keys: a phone number still goes.
    expect(JSON.stringify(redactData({ requestId: '0912345678' }))).not.toContain('0912345678');
  });

  it('walks a non-string under a correlation key like any other value', () => {
    expect(redactData({ requestId: 42, traceId: { phone: '0912345678', x: 'abc' }, spanId: ['0912345678'] })).toEqual({
      requestId: 42,
      traceId: { phone: REDACTED, x: 'abc' },
      spanId: [PHONE_MARK],
    });
  });

  it('writes no stack for an error that has none', () => {
    const err = new Error('failed');
    err.stack = undefined;
    const out = (redactData({ error: err }) as { error: Record<string, unknown> }).error;
    expect(out).not.toHaveProperty('stack');
    expect(out['message']).toBe('failed');
  });
});

describe('digits joined to a word by an underscore', () => {
  it('are still a phone number or a code in free text', () => {
    expect(redactString('sent to x_0912345678 today')).not.toContain('0912345678');
    expect(redactString('otp_123456')).not.toContain('123456');
  });
});
