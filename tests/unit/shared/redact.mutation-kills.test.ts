/**
 * The redactor's key tables, name by name: values the content rules would let through (short,
 * not digits, not random-looking) must still go when their key says what they are, and a
 * correlation id must stay readable under each of its names, however the key is spelled.
 * Found by mutation testing (issue 12): removing one name from a table left the suite green.
 */
import { describe, expect, it } from 'vitest';
import { isSensitiveKey, REDACTED, redactData } from '../../../shared/redact';

// Keys no suffix or part rule covers: only the exact-key table catches them.
const exactOnly = ['to', 'authorization', 'code', 'otp', 'otpCode', 'pin', 'enrollCode', 'enrollmentCode', 'x-kiot-device', 'cccd', 'cmnd'];

describe('redactor key tables', () => {
  it.each(exactOnly)('hides a plain value under %s', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
    expect(redactData({ [key]: 'x1y2' })).toEqual({ [key]: REDACTED });
  });

  it('hides an enrollment code and a PIN written as words and letters', () => {
    expect(redactData({ enrollmentCode: '7K3M-Q9XZ-4T2B-HW8D', pin: 'x1y2', cccd: 'abc', cmnd: 'def' })).toEqual({
      enrollmentCode: REDACTED,
      pin: REDACTED,
      cccd: REDACTED,
      cmnd: REDACTED,
    });
  });

  it('matches keys whatever their case, underscores, dashes or spaces', () => {
    for (const key of ['OTP_CODE', 'otp-code', 'Otp Code', 'ENROLLMENT_CODE', 'X-Kiot-Device', 'X_KIOT_DEVICE']) {
      expect(isSensitiveKey(key), key).toBe(true);
    }
    for (const key of ['count', 'durationMs', 'buildingId', 'status']) expect(isSensitiveKey(key), key).toBe(false);
  });

  const traceHex = '4bf92f3577b34da6a3ce929d0e0e4736';

  it.each(['reqId', 'requestId', 'traceId', 'spanId', 'correlationId', 'trace_id', 'Trace-Id', 'REQUEST ID'])(
    'keeps 32 hex digits readable under the correlation key %s',
    (key) => {
      expect(redactData({ [key]: traceHex })).toEqual({ [key]: traceHex });
    },
  );

  it('takes the same 32 hex digits as a secret under any other key', () => {
    expect(JSON.stringify(redactData({ note: traceHex }))).not.toContain(traceHex);
  });
});
