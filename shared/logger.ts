/** A named logger; the only place that writes to the console. Tests pass their own sink. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (entry: { level: LogLevel; name: string; msg: string; data?: Record<string, unknown> }) => void;
export type Logger = {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(name: string): Logger;
};

const consoleSink: LogSink = ({ level, name, msg, data }) => {
  const line = `[${name}] ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`;
  // eslint-disable-next-line no-console
  (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(line);
};

export function createLogger(name: string, sink: LogSink = consoleSink, minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const at = (level: LogLevel) => (msg: string, data?: Record<string, unknown>) => {
    if (order[level] >= order[minLevel]) sink(data ? { level, name, msg, data } : { level, name, msg });
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (sub) => createLogger(`${name}:${sub}`, sink, minLevel),
  };
}

/** Swallows everything; for tests that do not care about logs. */
export const silentLogger: Logger = createLogger('silent', () => {});
