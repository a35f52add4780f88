/** The hub's environment variables, validated up front with messages a person can act on. */
import { z } from 'zod';
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
