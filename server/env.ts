/** The hub's environment variables, validated up front with messages a person can act on. */
import { z } from 'zod';
import type { SmtpConfig } from './adapters/mail/smtp-mail';
import { DEFAULT_GATEWAY_ATTEMPTS, DEFAULT_GATEWAY_BACKOFF_MS, DEFAULT_GATEWAY_TIMEOUT_MS } from './adapters/sms/http-gateway-sms';
import type { HttpGatewayConfig } from './adapters/sms/http-gateway-sms';
import { isPostgresUrl } from './db/connect';

export const DEFAULT_DATABASE = './.kiot/hub.sqlite';
export const DEFAULT_PORT = 8787;

export type HubEnv = { database: string; port: number; host: string; devMode: boolean };

const HubEnvSchema = z.object({
  KIOT_DB: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .default(DEFAULT_DATABASE)
    .superRefine((value, ctx) => {
      if (isPostgresUrl(value)) {
        try {
          const url = new URL(value);
          if (!url.hostname || url.pathname.length <= 1) ctx.addIssue({ code: 'custom', message: 'a PostgreSQL URL needs a host and a database name' });
        } catch {
          ctx.addIssue({ code: 'custom', message: 'is not a valid URL' });
        }
      } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'only postgres:// URLs or SQLite file paths are supported' });
      }
    }),
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65_535, 'must be at most 65535'))
    .default(DEFAULT_PORT),
  KIOT_HUB_HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], 'must be an IP address to bind to (or localhost)').default('127.0.0.1'),
  KIOT_HUB_DEV: z.enum(['0', '1'], 'must be 1 (dev mode) or 0').default('0'),
});

const EXAMPLES: Record<string, string> = {
  KIOT_DB: 'KIOT_DB=./.kiot/hub.sqlite or KIOT_DB=postgres://kiot:secret@127.0.0.1:5432/kiot',
  PORT: 'PORT=8787',
  KIOT_HUB_HOST: 'KIOT_HUB_HOST=127.0.0.1 (or 0.0.0.0 behind a load balancer)',
  KIOT_HUB_DEV: 'KIOT_HUB_DEV=1',
};

export type EnvResult = { ok: true; env: HubEnv } | { ok: false; errors: string[] };

/** Empty strings count as unset, the way `PORT= npm run hub` is usually meant. */
export function parseHubEnv(source: Record<string, string | undefined>): EnvResult {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = HubEnvSchema.safeParse(present);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got = present[name];
      return `${name} ${issue.message}${got === undefined ? '' : ` (got "${got}")`}. Example: ${EXAMPLES[name] ?? ''}`;
    });
    return { ok: false, errors };
  }
  const env = parsed.data;
  if (env.KIOT_HUB_DEV === '1' && !isLoopbackHost(env.KIOT_HUB_HOST)) {
    return { ok: false, errors: [devModeExposedMessage(env.KIOT_HUB_HOST)] };
  }
  return { ok: true, env: { database: env.KIOT_DB, port: env.PORT, host: env.KIOT_HUB_HOST, devMode: env.KIOT_HUB_DEV === '1' } };
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form) and `localhost`: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Dev mode serves every live login code at `/v1/dev/sms-outbox`: on an address other
 * machines can reach, anyone on the network could sign in as any resident.
 */
export function devModeExposedMessage(host: string): string {
  return (
    `KIOT_HUB_DEV=1 with KIOT_HUB_HOST=${host} is refused: dev mode publishes every login code at /v1/dev/sms-outbox, ` +
    'so it may only listen on a loopback address. Use KIOT_HUB_HOST=127.0.0.1 for dev mode, or KIOT_HUB_DEV=0 to listen on the network.'
  );
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs. */
export function redactDatabase(database: string): string {
  if (!isPostgresUrl(database)) return database;
  try {
    const url = new URL(database);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

// ---- Outgoing messages: the SMS gateway and the mail server ------------------------------

/**
 * `${NAME}` in a gateway or mail setting is replaced by the environment variable NAME, so
 * a token or password lives in the environment (or the service manager's secret store)
 * and the settings that refer to it can sit in a unit file or compose file in the open.
 */
function resolveSecrets(value: string, source: Record<string, string | undefined>, variable: string, errors: string[]): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const secret = source[name];
    if (secret === undefined || secret === '') {
      errors.push(`${variable} refers to \${${name}}, but ${name} is not set. Set it in the hub's environment (it is read from there so it never sits in a file).`);
      return '';
    }
    return secret;
  });
}

function intSetting(source: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number, errors: string[]): number {
  const raw = source[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push(`${name} must be a whole number from ${String(min)} to ${String(max)} (got "${raw}"). Example: ${name}=${String(fallback)}`);
    return fallback;
  }
  return value;
}

export const DEFAULT_GATEWAY_BODY = '{"to":"{{to}}","text":"{{text}}"}';

export type SmsGatewayEnvResult = { ok: true; config: HttpGatewayConfig | null } | { ok: false; errors: string[] };

/**
 * The HTTP SMS gateway, configured when `KIOT_SMS_GATEWAY_URL` is set. Error messages never
 * repeat a URL, header or body: they may hold a token.
 */
export function parseSmsGatewayEnv(source: Record<string, string | undefined>): SmsGatewayEnvResult {
  const get = (name: string): string | undefined => {
    const value = source[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const rawUrl = get('KIOT_SMS_GATEWAY_URL');
  if (rawUrl === undefined) {
    const stray = Object.keys(source).filter((k) => k.startsWith('KIOT_SMS_GATEWAY_') && get(k) !== undefined);
    if (stray.length > 0) return { ok: false, errors: [`${stray.sort().join(', ')} set without KIOT_SMS_GATEWAY_URL. Example: KIOT_SMS_GATEWAY_URL=https://sms.example.vn/api/send`] };
    return { ok: true, config: null };
  }
  const errors: string[] = [];
  const url = resolveSecrets(rawUrl.trim(), source, 'KIOT_SMS_GATEWAY_URL', errors);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
  } catch {
    errors.push('KIOT_SMS_GATEWAY_URL is not a valid http(s) URL. Example: KIOT_SMS_GATEWAY_URL=https://sms.example.vn/api/send');
  }
  const method = (get('KIOT_SMS_GATEWAY_METHOD') ?? 'POST').trim().toUpperCase();
  if (method !== 'POST' && method !== 'PUT' && method !== 'GET') errors.push(`KIOT_SMS_GATEWAY_METHOD must be POST, PUT or GET (got "${method}"). Example: KIOT_SMS_GATEWAY_METHOD=POST`);

  const headers: Record<string, string> = {};
  const rawHeaders = get('KIOT_SMS_GATEWAY_HEADERS');
  if (rawHeaders !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawHeaders);
    } catch {
      parsed = null;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
      errors.push('KIOT_SMS_GATEWAY_HEADERS must be a JSON object of header names to text values. Example: KIOT_SMS_GATEWAY_HEADERS=\'{"Authorization":"Bearer ${KIOT_SMS_GATEWAY_TOKEN}"}\'');
    } else {
      for (const [name, value] of Object.entries(parsed as Record<string, string>)) headers[name] = resolveSecrets(value, source, 'KIOT_SMS_GATEWAY_HEADERS', errors);
    }
  }
  const bodyTemplate = resolveSecrets(get('KIOT_SMS_GATEWAY_BODY') ?? DEFAULT_GATEWAY_BODY, source, 'KIOT_SMS_GATEWAY_BODY', errors);
  const carried = method === 'GET' ? rawUrl : `${rawUrl} ${bodyTemplate}`;
  if (!/\{\{\s*(to|toDigits|toLocal)\s*\}\}/.test(carried) || !/\{\{\s*text\s*\}\}/.test(carried)) {
    errors.push(
      `The SMS gateway request must carry the number and the text: put {{to}} (or {{toDigits}}, {{toLocal}}) and {{text}} in KIOT_SMS_GATEWAY_BODY${method === 'GET' ? ' — for GET, in KIOT_SMS_GATEWAY_URL' : ''}. Example: KIOT_SMS_GATEWAY_BODY='${DEFAULT_GATEWAY_BODY}'`,
    );
  }
  const timeoutMs = intSetting(source, 'KIOT_SMS_GATEWAY_TIMEOUT_MS', DEFAULT_GATEWAY_TIMEOUT_MS, 500, 120_000, errors);
  const maxAttempts = intSetting(source, 'KIOT_SMS_GATEWAY_ATTEMPTS', DEFAULT_GATEWAY_ATTEMPTS, 1, 10, errors);
  const backoffMs = intSetting(source, 'KIOT_SMS_GATEWAY_BACKOFF_MS', DEFAULT_GATEWAY_BACKOFF_MS, 0, 60_000, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: { url, method: method as HttpGatewayConfig['method'], headers, bodyTemplate, timeoutMs, maxAttempts, backoffMs } };
}

export const DEFAULT_SMTP_TIMEOUT_MS = 15_000;

export type MailEnvResult = { ok: true; config: SmtpConfig | null } | { ok: false; errors: string[] };

/**
 * The SMTP server, configured by `KIOT_SMTP_URL` (`smtp://user@host:587`, `smtps://…:465`)
 * or `KIOT_SMTP_HOST` with `KIOT_SMTP_PORT`, `KIOT_SMTP_SECURE`, `KIOT_SMTP_USER`; the
 * password comes from `KIOT_SMTP_PASSWORD` (or a password in the URL). `KIOT_MAIL_FROM` is
 * required with either. Error messages never repeat the URL or the password.
 */
export function parseMailEnv(source: Record<string, string | undefined>): MailEnvResult {
  const get = (name: string): string | undefined => {
    const value = source[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const rawUrl = get('KIOT_SMTP_URL');
  const rawHost = get('KIOT_SMTP_HOST');
  if (rawUrl === undefined && rawHost === undefined) {
    const stray = Object.keys(source).filter((k) => (k.startsWith('KIOT_SMTP_') || k === 'KIOT_MAIL_FROM') && get(k) !== undefined);
    if (stray.length > 0) return { ok: false, errors: [`${stray.sort().join(', ')} set without KIOT_SMTP_URL or KIOT_SMTP_HOST. Example: KIOT_SMTP_HOST=smtp.example.vn`] };
    return { ok: true, config: null };
  }
  const errors: string[] = [];
  if (rawUrl !== undefined && rawHost !== undefined) errors.push('Set KIOT_SMTP_URL or KIOT_SMTP_HOST, not both.');

  let host = '';
  let urlPort: number | null = null;
  let urlSecure: boolean | null = null;
  let user = get('KIOT_SMTP_USER') ?? null;
  let password = source['KIOT_SMTP_PASSWORD'] === undefined || source['KIOT_SMTP_PASSWORD'] === '' ? null : source['KIOT_SMTP_PASSWORD'];
  if (rawUrl !== undefined) {
    try {
      const url = new URL(resolveSecrets(rawUrl, source, 'KIOT_SMTP_URL', errors));
      if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('protocol');
      if (!url.hostname) throw new Error('host');
      host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      urlPort = url.port ? Number(url.port) : null;
      urlSecure = url.protocol === 'smtps:';
      if (url.username) user = decodeURIComponent(url.username);
      if (url.password && password === null) password = decodeURIComponent(url.password);
    } catch {
      errors.push('KIOT_SMTP_URL is not a valid smtp:// or smtps:// URL with a host. Example: KIOT_SMTP_URL=smtps://kiot@smtp.example.vn:465');
    }
  } else if (rawHost !== undefined) {
    host = rawHost;
    if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) errors.push(`KIOT_SMTP_HOST must be a host name or an IP address (got "${host}"). Example: KIOT_SMTP_HOST=smtp.example.vn`);
  }

  const secureRaw = get('KIOT_SMTP_SECURE');
  if (secureRaw !== undefined && secureRaw !== '0' && secureRaw !== '1') errors.push(`KIOT_SMTP_SECURE must be 1 (TLS from the start, usually port 465) or 0 (STARTTLS, usually port 587) (got "${secureRaw}").`);
  const portRaw = get('KIOT_SMTP_PORT');
  const secureHint = secureRaw === undefined ? urlSecure : secureRaw === '1';
  const port = portRaw !== undefined ? intSetting(source, 'KIOT_SMTP_PORT', 587, 1, 65_535, errors) : (urlPort ?? (secureHint ? 465 : 587));
  const secure = secureHint ?? port === 465;
  const requireRaw = get('KIOT_SMTP_REQUIRE_TLS');
  if (requireRaw !== undefined && requireRaw !== '0' && requireRaw !== '1') errors.push(`KIOT_SMTP_REQUIRE_TLS must be 1 (refuse a server without STARTTLS) or 0 (got "${requireRaw}").`);
  if (password !== null) password = resolveSecrets(password, source, 'KIOT_SMTP_PASSWORD', errors);
  if (password !== null && user === null) errors.push('KIOT_SMTP_PASSWORD is set but no user: set KIOT_SMTP_USER (or put the user in KIOT_SMTP_URL).');

  const from = get('KIOT_MAIL_FROM');
  if (from === undefined) errors.push('KIOT_MAIL_FROM is required to send mail. Example: KIOT_MAIL_FROM="Kiot – Ban quản lý <no-reply@example.vn>"');
  else if (!/^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/.test(from)) errors.push(`KIOT_MAIL_FROM must be an address, or a name and <address> (got "${from}"). Example: KIOT_MAIL_FROM="Kiot <no-reply@example.vn>"`);

  const timeoutMs = intSetting(source, 'KIOT_SMTP_TIMEOUT_MS', DEFAULT_SMTP_TIMEOUT_MS, 1000, 120_000, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: { host, port, secure, requireTLS: requireRaw !== '0', user, password, from: from ?? '', timeoutMs } };
}
