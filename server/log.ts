/**
 * The hub's logs: pino, one JSON object per line on stdout, for whatever collects them
 * (journald, Docker, a log shipper). Every line is redacted, in dev mode too: a developer
 * who needs a login code reads it from the dev terminal writer below, never from the log.
 */
import pino from 'pino';
import type { Logger, LogLevel } from '../shared/logger';
import { loggerFromPino, redactingPinoOptions } from '../shared/logger';

export type HubLoggerOptions = {
  devMode: boolean;
  level?: LogLevel;
  /** stdout by default; tests pass a stream they can read. */
  destination?: NodeJS.WritableStream;
  /** Fields added to every line at write time: the request id of the request being served. */
  mixin?: () => Record<string, unknown>;
  /** The root logger's name; `hub` by default. */
  name?: string;
};

export function createHubLogger(opts: HubLoggerOptions): Logger {
  const root = pino(
    {
      ...redactingPinoOptions(opts.level ?? 'info'),
      // One hub among several behind a load balancer: which process wrote the line matters
      // in production; on a developer's machine it is noise.
      ...(opts.devMode ? { base: null } : {}),
      ...(opts.mixin ? { mixin: opts.mixin } : {}),
    },
    opts.destination ?? process.stdout,
  );
  return loggerFromPino(root, opts.name ?? 'hub');
}

/** Plain lines for a developer at the terminal; see `createDevTerminal`. */
export type DevTerminal = { print(line: string): void };

/**
 * The one place allowed to show a developer what the log must not: dev SMS texts with their
 * codes, the demo resident's number, the enrollment code. Outside dev mode it prints
 * nothing at all, so wiring it in production by mistake cannot leak anything.
 */
export function createDevTerminal(opts: { devMode: boolean; destination?: NodeJS.WritableStream }): DevTerminal {
  if (!opts.devMode) return { print: () => {} };
  const out = opts.destination ?? process.stdout;
  return {
    print(line) {
      out.write(`${line}\n`);
    },
  };
}
