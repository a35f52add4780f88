/**
 * The one redactor every logger runs each record through (message and every nested value),
 * so a log line never carries a phone number, an e-mail address, a name, a code, a token or
 * a device secret. Pure and runtime-neutral: the hub, the kiosk core and tests share it.
 *
 * Two nets:
 * - by KEY: a value under a key such as `phone`, `email`, `fullName`, `token`, `code` is
 *   replaced whole, whatever it looks like;
 * - by VALUE: every string (messages included) is scanned for the shapes these things take
 *   when they slip into free text.
 *
 * Names can only be caught by key. A Vietnamese personal name in free text ("Nguyễn Thị Mai")
 * is made of ordinary words that also name streets, buildings and companies, so no pattern
 * can tell it apart without destroying ordinary text: code must never put a name in a
 * message; put it under a `…Name` key (which is redacted), or better, log the id.
 *
 * What must survive, because IT reads it: UUIDs (request, device and resident ids), money
 * written the Vietnamese way (`1.250.000`, `250000đ`), timestamps, versions, IP addresses,
 * and numbers that are typed as numbers (durations, counts, amounts) unless a sensitive key
 * holds them.
 */

export const REDACTED = '[redacted]';
export const PHONE_MARK = '[phone]';
export const EMAIL_MARK = '[email]';
export const CODE_MARK = '[code]';
export const SECRET_MARK = '[secret]';

const CIRCULAR_MARK = '[circular]';
const DEPTH_MARK = '[too deep]';
const MAX_DEPTH = 10;

// ---------------------------------------------------------------------------------------
// Keys

/** Compared after lower-casing and dropping `_`, `-` and spaces: `full_name` is `fullname`. */
const exactKeys = new Set(
  [
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
    'cookie',
    'code',
    'otp',
    'otpCode',
    'pin',
    'password',
    'secret',
    'deviceSecret',
    'enrollCode',
    'enrollmentCode',
    'key',
    'x-kiot-device',
    // Vietnamese citizen id card numbers, in case a form ever sends one.
    'cccd',
    'cmnd',
  ].map(normalizeKey),
);

const sensitiveSuffixes = ['token', 'secret', 'phone', 'email', 'name', 'password', 'key'];
/** Anywhere in the key: `phone_e164`, `emailAddress`, `secret_hash`, `set-cookie`. */
const sensitiveParts = ['phone', 'email', 'password', 'secret', 'cookie', 'credential'];

/**
 * Correlation ids: random by nature, and useless once redacted. A load balancer's request id
 * is often 32 hex digits, which the secret rule would take; under these keys only that rule
 * is off (a phone number or a code sent as a request id still goes).
 */
const correlationKeys = new Set(['reqId', 'requestId', 'traceId', 'spanId', 'correlationId'].map(normalizeKey));

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]/g, '');
}

export function isSensitiveKey(key: string): boolean {
  const k = normalizeKey(key);
  return exactKeys.has(k) || sensitiveSuffixes.some((s) => k.endsWith(s)) || sensitiveParts.some((p) => k.includes(p));
}

// ---------------------------------------------------------------------------------------
// Strings

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const uuidRe = new RegExp(`(?<![0-9A-Za-z])${UUID}(?![0-9A-Za-z])`, 'g');

/** `postgres://kiot:hunter2@db:5432/kiot`: the password, not the rest of the URL (`***` is already masked). */
const urlPasswordRe = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi;
const authSchemeRe = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/gi;
/** The kiosk's `x-kiot-device` credential: the device id stays readable, the secret goes. */
const deviceCredentialRe = new RegExp(`(?<![0-9A-Za-z])(${UUID})\\.[A-Za-z0-9_-]{16,}`, 'g');
const emailRe = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Hub enrollment codes, `7K3M-Q9XZ-4T2B-HW8D` (Crockford base32, no I L O U). */
const enrollmentCodeRe = /(?<![0-9A-Za-z])[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}(?![0-9A-Za-z])/g;
/** Candidates for a random secret; `looksRandom` decides. Standard base64 only with its padding. */
const base64Re = /(?<![0-9A-Za-z+/])[A-Za-z0-9+/]{22,}={1,2}(?![0-9A-Za-z+/=])/g;
const base64urlRe = /(?<![0-9A-Za-z_-])[A-Za-z0-9_-]{24,}(?![0-9A-Za-z_-])/g;
/**
 * A run of digit groups joined by one space, dot or dash, optionally led by `+` or `(+84)`.
 * Which part of the run (if any) is a phone number is decided by `redactPhoneRun`.
 */
const digitRunRe = /(?<![0-9A-Za-z+])(?:\(\+?84\)[ .-]?|\+)?\d+(?:[ .-]\d+)*(?![0-9A-Za-z])/g;
/**
 * A 6-digit number standing on its own: not glued to letters, not one group of a longer
 * number (`1.250.000`, `12:345678`), not an amount (`250000đ`, `250000 VND`).
 */
const lonelySixDigitsRe = /(?<![0-9A-Za-z])(?<!\d[.,:/-])\d{6}(?![0-9A-Za-z]|[.,:/-]\d|\s?(?:đ|₫|đồng|vnd|vnđ|dong)(?![A-Za-z]))/giu;

/**
 * Vietnamese numbers by their digits alone: mobiles are 0 + [35789] + 8 digits, fixed lines
 * 0 + 2 + 9 digits; international form swaps the 0 for 84 (some people keep the 0 too).
 */
const phoneDigitsRe = /^(?:0|840?)(?:[35789]\d{8}|2\d{9})$/;
/** `84.300.000.000` is 84.3 billion đồng, not a phone number. */
const thousandsRe = /^\d{1,3}(?:[.,]\d{3})+$/;

function looksRandom(token: string): boolean {
  const body = token.replace(/=+$/, '');
  if (/^\d+$/.test(body)) return true;
  const hasDigit = /\d/.test(body);
  if (/^[0-9a-f]+$/.test(body) || /^[0-9A-F]+$/.test(body)) return hasDigit;
  // A 24+ character random base64url string misses a digit or a case with probability under
  // 2 % (one of 43 characters, under 0.1 %); words and identifiers rarely mix all three.
  if (!(hasDigit && /[a-z]/.test(body) && /[A-Z]/.test(body))) return false;
  // `kiot-electron-e2e-data-Ab1xYz` (a temporary directory) mixes them too, but only in a short
  // tail: random text has a long mixed-case stretch between its `-` and `_`.
  return body.split(/[-_]/).some((part) => part.length >= 8 && /[a-z]/.test(part) && /[A-Z]/.test(part));
}

function redactPhoneRun(run: string): string {
  // Groups with the separator before each, so a matched slice can be cut out exactly.
  const parts = [...run.matchAll(/(\(\+?84\)[ .-]?|\+|[ .-])?(\d+)/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    lead: m[1] ?? '',
    digits: m[2] ?? '',
  }));
  const pieces: string[] = [];
  let cursor = 0;
  let i = 0;
  while (i < parts.length) {
    let matchedEnd = -1;
    // Longest phone starting at group i: `0901 234 567` over `0901 234`.
    for (let j = parts.length - 1; j >= i; j -= 1) {
      const slice = parts.slice(i, j + 1);
      const digits = slice.map((p) => p.digits).join('');
      const text = run.slice(slice[0]!.start + slice[0]!.lead.length, slice[slice.length - 1]!.end);
      const led = slice[0]!.lead.includes('8') ? `84${digits}` : digits;
      if (phoneDigitsRe.test(led) && !(slice[0]!.lead === '' && thousandsRe.test(text))) {
        matchedEnd = j;
        break;
      }
    }
    if (matchedEnd < 0) {
      i += 1;
      continue;
    }
    const first = parts[i]!;
    // Keep a plain separator before the phone; a `+` or `(+84)` belongs to the number.
    const from = /^[ .-]$/.test(first.lead) ? first.start + 1 : first.start;
    pieces.push(run.slice(cursor, from), PHONE_MARK);
    cursor = parts[matchedEnd]!.end;
    i = matchedEnd + 1;
  }
  pieces.push(run.slice(cursor));
  return pieces.join('');
}

/** Applied to the text between UUIDs, which are left alone. */
function redactOutsideIds(text: string, keepRandom: boolean): string {
  const secretsOut = keepRandom
    ? text
    : text
        .replace(enrollmentCodeRe, SECRET_MARK)
        .replace(base64Re, (token) => (looksRandom(token) ? SECRET_MARK : token))
        .replace(base64urlRe, (token) => (looksRandom(token) ? SECRET_MARK : token));
  return secretsOut
    .replace(digitRunRe, redactPhoneRun)
    .replace(lonelySixDigitsRe, CODE_MARK);
}

export function redactString(input: string): string {
  return scrub(input, false);
}

function scrub(input: string, keepRandom: boolean): string {
  const text = input
    .replace(urlPasswordRe, (m, userPart: string) => (/:\*+@$/.test(m) ? m : `${userPart}:${REDACTED}@`))
    .replace(authSchemeRe, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(deviceCredentialRe, `$1.${SECRET_MARK}`)
    .replace(emailRe, EMAIL_MARK);
  let out = '';
  let cursor = 0;
  for (const m of text.matchAll(uuidRe)) {
    out += redactOutsideIds(text.slice(cursor, m.index), keepRandom) + m[0];
    cursor = m.index + m[0].length;
  }
  return out + redactOutsideIds(text.slice(cursor), keepRandom);
}

// ---------------------------------------------------------------------------------------
// Values

/**
 * Error `code`s are identifiers (`ECONNREFUSED`, `SQLITE_BUSY`, `wrong_code`), not login codes.
 * No run of six digits: `E_0912345678` is identifier-shaped but carries a phone number (or an
 * OTP), and the string rules do not see digits joined to a word by `_`.
 */
const errorCodeRe = /^(?!.*\d{6})(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[a-z]+(?:_[a-z]+)*)$/;

/**
 * Objects this module made. Redacting one again (the facade redacts, then pino's formatter
 * does) returns it as it is: cheaper, and an Error's own `code`, kept once as an error
 * identifier, is not then taken for a login code under a plain `code` key.
 */
const produced = new WeakSet<object>();

function mark<T extends object>(value: T): T {
  produced.add(value);
  return value;
}

function redactUnderKey(value: unknown): unknown {
  // Presence is not personal data; anything else under a sensitive key goes.
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  return REDACTED;
}

function valueUnderKey(key: string, value: unknown, depth: number, path: Set<object>): unknown {
  if (isSensitiveKey(key)) return redactUnderKey(value);
  if (typeof value === 'string' && correlationKeys.has(normalizeKey(key))) return scrub(value, true);
  return walk(value, depth + 1, path);
}

function redactError(err: Error, depth: number, path: Set<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name, message: redactString(err.message) };
  if (err.stack !== undefined) out['stack'] = redactString(err.stack);
  for (const [k, v] of Object.entries(err)) {
    if (k === 'code' && typeof v === 'string' && errorCodeRe.test(v)) out[k] = v;
    else out[redactString(k)] = valueUnderKey(k, v, depth, path);
  }
  if (err.cause !== undefined) out['cause'] = walk(err.cause, depth + 1, path);
  return out;
}

function walk(value: unknown, depth: number, path: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      return redactString(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    case 'object':
      break;
  }
  if (value === null || produced.has(value)) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
  if (path.has(value)) return CIRCULAR_MARK;
  if (depth >= MAX_DEPTH) return DEPTH_MARK;
  path.add(value);
  try {
    if (value instanceof Error) return mark(redactError(value, depth, path));
    if (Array.isArray(value)) return mark(value.map((v) => walk(v, depth + 1, path)));
    if (value instanceof Set) return mark([...value].map((v) => walk(v, depth + 1, path)));
    const entries = value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) out[redactString(k)] = valueUnderKey(k, v, depth, path);
    return mark(out);
  } finally {
    path.delete(value);
  }
}

/**
 * A redacted copy: strings scanned, values under sensitive keys replaced, Errors turned
 * into `{ type, message, stack, … }`, cycles cut. The input is never modified; the copy
 * must not be modified either (it is trusted as redacted if it comes back).
 */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new Set());
}

/** A log record's data: always a plain object back. */
export function redactData(data: Record<string, unknown>): Record<string, unknown> {
  return walk(data, 0, new Set()) as Record<string, unknown>;
}
