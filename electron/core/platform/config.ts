import path from 'node:path';
import { z } from 'zod';
import { EnrollRequest } from '../../../shared/hub-api';
import type { KeystoreKind, KioskConfig } from '../api';

/** Thrown when the environment does not describe a usable kiosk; the message lists every problem at once. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid kiosk configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type ConfigDefaults = { dataDir: string; keystore: KeystoreKind; hubUrl?: string };

const keystoreKinds = ['safe-storage', 'dev-file'] as const satisfies readonly KeystoreKind[];

const seconds = (min: number, max: number): { schema: z.ZodType<number>; expected: string } => ({
  schema: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max)),
  expected: `a whole number of seconds between ${min} and ${max}`,
});

const hubUrl = z
  .string()
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return z.NEVER;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'not a plain http(s) URL' });
      return z.NEVER;
    }
    // Stored without a trailing slash so that the client can append `/v1/...`.
    return url.href.replace(/\/+$/, '');
  });

/** Each variable: its schema, a sentence saying what is expected, and its default (undefined = required). */
type Rule<T> = { schema: z.ZodType<T>; expected: string; fallback: T | undefined };

function rules(defaults: ConfigDefaults): { [K in keyof KioskConfig]: [env: string, rule: Rule<KioskConfig[K]>] } {
  const idle = seconds(5, 3600);
  const countdown = seconds(5, 120);
  const max = seconds(60, 14_400);
  return {
    dataDir: [
      'KIOT_DATA_DIR',
      {
        schema: z.string().refine((p) => path.isAbsolute(p)),
        expected: 'an absolute directory path',
        fallback: defaults.dataDir,
      },
    ],
    keystore: [
      'KIOT_KEYSTORE',
      { schema: z.enum(keystoreKinds), expected: `one of ${keystoreKinds.join(', ')}`, fallback: defaults.keystore },
    ],
    hubUrl: ['KIOT_HUB_URL', { schema: hubUrl, expected: 'an http:// or https:// URL of the hub, e.g. https://hub.example.vn', fallback: defaults.hubUrl }],
    enrollCode: [
      'KIOT_ENROLL_CODE',
      { schema: EnrollRequest.shape.code.nullable(), expected: 'the 6 to 64 character enrollment code from the manager console', fallback: null },
    ],
    deviceName: ['KIOT_DEVICE_NAME', { schema: EnrollRequest.shape.name, expected: 'a name of 1 to 100 characters', fallback: 'Kiosk' }],
    idleSeconds: ['KIOT_IDLE_SECONDS', { ...idle, fallback: 60 }],
    countdownSeconds: ['KIOT_COUNTDOWN_SECONDS', { ...countdown, fallback: 15 }],
    sessionMaxSeconds: ['KIOT_SESSION_MAX_SECONDS', { ...max, fallback: 600 }],
    sqliteNativeBinding: [
      'KIOT_SQLITE_NATIVE_BINDING',
      {
        schema: z.string().refine((p) => path.isAbsolute(p) && p.endsWith('.node')),
        expected: 'an absolute path to a better_sqlite3.node file',
        fallback: null,
      },
    ],
  };
}

/**
 * Reads the kiosk's settings from environment variables. An empty variable counts as
 * unset (installers and service managers often write `KIOT_X=`). Throws `ConfigError`
 * listing every bad variable, so IT fixes them in one go rather than one per restart.
 */
export function loadKioskConfig(env: Record<string, string | undefined>, defaults: ConfigDefaults): KioskConfig {
  const problems: string[] = [];
  const config: Partial<Record<keyof KioskConfig, unknown>> = {};
  for (const [key, [name, rule]] of Object.entries(rules(defaults)) as [keyof KioskConfig, [string, Rule<unknown>]][]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') {
      if (rule.fallback === undefined) problems.push(`${name} is not set: expected ${rule.expected}`);
      else config[key] = rule.fallback;
      continue;
    }
    const parsed = rule.schema.safeParse(raw);
    if (parsed.success) config[key] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: expected ${rule.expected}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as KioskConfig;
}

/** Where the kiosk keeps its database and keystore when KIOT_DATA_DIR is not set. */
export function defaultDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, homedir: string): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming'), 'Kiot');
    case 'darwin':
      return path.posix.join(homedir, 'Library', 'Application Support', 'Kiot');
    default: {
      // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg = env.XDG_CONFIG_HOME;
      const base = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.config');
      return path.posix.join(base, 'kiot');
    }
  }
}
