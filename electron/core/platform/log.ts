/**
 * The kiosk's log, for IT: pino JSON lines in `<dataDir>/logs/kiot.log`, rotated by size so a
 * kiosk that runs for years keeps a bounded few megabytes. Redacted like every Kiot log; the
 * files are readable by the kiosk's own OS account only, as the rest of its data directory.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { DestinationStream, StreamEntry } from 'pino';
import { createStream } from 'rotating-file-stream';
import type { FileSize } from 'rotating-file-stream';
import { loggerFromPino, redactingPinoOptions } from '../../../shared/logger';
import type { Logger, LogLevel } from '../../../shared/logger';
import { redactString } from '../../../shared/redact';

export const LOG_DIR = 'logs';
export const LOG_FILE = 'kiot.log';

export type CoreLoggerOptions = {
  dataDir: string;
  devMode: boolean;
  level?: LogLevel;
  /** Also write the lines to stdout; by default in dev mode only. */
  stdout?: boolean;
  /** Rotate when the file reaches this size; 5 MB by default. Tests make it tiny. */
  maxFileSize?: FileSize;
  /** How many files to keep, the current one included; 5 by default. */
  maxFiles?: number;
  /** The root logger's name; `kiot` by default. */
  name?: string;
};

export type CoreLogger = {
  logger: Logger;
  /** Writes out what is buffered and closes the file; later lines are dropped. */
  close(): Promise<void>;
};

export function createCoreLogger(opts: CoreLoggerOptions): CoreLogger {
  const dir = path.join(opts.dataDir, LOG_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory (or one made under a loose umask) as it was.
  chmodSync(dir, 0o700);
  const current = path.join(dir, LOG_FILE);
  if (existsSync(current)) chmodSync(current, 0o600);

  const maxFiles = opts.maxFiles ?? 5;
  if (!Number.isInteger(maxFiles) || maxFiles < 2) throw new RangeError(`maxFiles must be an integer of at least 2, got ${maxFiles}`);
  // Classic logrotate naming (kiot.log, kiot.log.1 … kiot.log.N): what IT expects to find.
  const file = createStream(LOG_FILE, { path: dir, size: opts.maxFileSize ?? '5M', rotate: maxFiles - 1, mode: 0o600 });
  let fileError: Error | null = null;
  // A full or read-only disk must not take the kiosk down with it; the log is what is lost.
  file.on('error', (err: Error) => {
    if (fileError !== null) return;
    fileError = err;
    // Said once, where a supervisor or a developer's terminal may still see it.
    process.stderr.write(`kiot: the log file stopped working: ${redactString(err.message)}\n`);
  });

  const level = opts.level ?? 'info';
  const streams: StreamEntry[] = [{ level, stream: file as DestinationStream }];
  if (opts.stdout ?? opts.devMode) streams.push({ level, stream: process.stdout });

  const root = pino(redactingPinoOptions(level), pino.multistream(streams));

  let closing: Promise<void> | null = null;
  return {
    logger: loggerFromPino(root, opts.name ?? 'kiot'),
    close() {
      closing ??= new Promise<void>((resolve) => {
        root.level = 'silent';
        if (fileError !== null || file.writableEnded) {
          resolve();
          return;
        }
        file.end(() => resolve());
      });
      return closing;
    },
  };
}
