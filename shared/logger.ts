/**
 * The named-logger facade every module logs through. Whatever writes the lines (pino on the
 * hub and in the kiosk core, the console in scripts, memory in tests), each record passes
 * through the redactor first: callers cannot opt out, so a careless call site leaks nothing.
 */
import { redactData, redactString } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogData = Record<string, unknown>;
export type LogEntry = { level: LogLevel; name: string; msg: string; data?: LogData };
export type LogSink = (entry: LogEntry) => void;

export type Logger = {
  debug(msg: string, data?: LogData): void;
  info(msg: string, data?: LogData): void;
  warn(msg: string, data?: LogData): void;
  error(msg: string, data?: LogData): void;
  /** `hub` → `hub:otp`; bindings are added to every record of the child (and its children). */
  child(name: string, bindings?: LogData): Logger;
};

export const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const levelOrder: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

const consoleSink: LogSink = ({ level, name, msg, data }) => {
  const line = `[${name}] ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`;
  // eslint-disable-next-line no-console
  (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(line);
};

function sinkLogger(name: string, sink: LogSink, minLevel: LogLevel, bindings: LogData | undefined): Logger {
  const at =
    (level: LogLevel) =>
    (msg: string, data?: LogData): void => {
      if (levelOrder[level] < levelOrder[minLevel]) return;
      const merged = bindings || data ? redactData({ ...bindings, ...data }) : undefined;
      const safeMsg = redactString(msg);
      sink(merged ? { level, name, msg: safeMsg, data: merged } : { level, name, msg: safeMsg });
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (sub, more) => sinkLogger(`${name}:${sub}`, sink, minLevel, more ? { ...bindings, ...more } : bindings),
  };
}

/** A logger writing to `sink` (the console by default), redacted. Scripts and tests use it. */
export function createLogger(name: string, sink: LogSink = consoleSink, minLevel: LogLevel = 'info'): Logger {
  return sinkLogger(name, sink, minLevel, undefined);
}

/** Swallows everything; for tests that do not care about logs. */
export const silentLogger: Logger = createLogger('silent', () => {});

/**
 * The part of a pino logger the facade needs. Declared structurally so shared/ stays free
 * of runtime packages; a real `pino.Logger` satisfies it.
 */
export type PinoLike = {
  debug(obj: LogData, msg: string): void;
  info(obj: LogData, msg: string): void;
  warn(obj: LogData, msg: string): void;
  error(obj: LogData, msg: string): void;
  child(bindings: LogData): PinoLike;
  isLevelEnabled?(level: string): boolean;
};

/** `name` is the logger's name on a pino line; a `name` in the data (redacted anyway) would hide it. */
function withoutName(data: LogData): LogData {
  if (!('name' in data)) return data;
  const { name: _hidden, ...rest } = data;
  return rest;
}

/**
 * The facade over a pino logger. The logger's name goes in the `name` field of each line
 * (`hub`, `hub:otp`); every child is made from `root` with the bindings accumulated here,
 * so a line never carries the same key twice.
 */
export function loggerFromPino(root: PinoLike, name: string, bindings?: LogData): Logger {
  const safeBindings = bindings ? redactData(bindings) : {};
  const target = root.child({ ...safeBindings, name });
  const at =
    (level: LogLevel) =>
    (msg: string, data?: LogData): void => {
      if (target.isLevelEnabled && !target.isLevelEnabled(level)) return;
      target[level](data ? withoutName(redactData(data)) : {}, redactString(msg));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (sub, more) => loggerFromPino(root, `${name}:${sub}`, more ? { ...safeBindings, ...more } : safeBindings),
  };
}

/**
 * The pino options every Kiot logger shares (hub and device): ISO timestamps, the level as
 * a word, and the redactor on the merged object of every line (`formatters.log`: data,
 * bindings, mixin fields such as the request id, errors). The message is redacted by
 * `loggerFromPino`, the only way into these loggers. Plain data, so shared/ needs no pino.
 */
export function redactingPinoOptions(level: LogLevel): {
  level: LogLevel;
  timestamp: () => string;
  formatters: { level: (label: string) => { level: string }; log: (obj: LogData) => LogData };
  serializers: { err: (err: unknown) => unknown };
} {
  return {
    level,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => redactData(obj),
    },
    // Errors arrive already turned into `{ type, message, stack }` by the redactor; pino's
    // own serializer would take that for an Error and rename its type to `Object`.
    serializers: { err: (err) => err },
  };
}
