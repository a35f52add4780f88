import type { Logger } from '../../shared/logger';
import { createCoreLogger } from '../core/platform/log';
import type { CoreLogger, CoreLoggerOptions } from '../core/platform/log';

export type MainLogDeps = {
  /** Null when the configuration could not be read: there is no data directory to write to. */
  dataDir: string | null;
  packaged: boolean;
  /** Lines also go to the terminal when there is one, in development only. */
  interactive: boolean;
  /** Used until the file is open, and instead of it when it cannot be opened. */
  fallback: Logger;
  open?: (opts: CoreLoggerOptions) => CoreLogger;
};

/**
 * The kiosk's log for IT: a rotating, redacted file in the data directory. A kiosk that
 * cannot open its log still starts (the error is reported through the fallback), since a
 * lobby without a log is better than a lobby without a kiosk.
 */
export function openMainLog(deps: MainLogDeps): CoreLogger {
  const fallback: CoreLogger = { logger: deps.fallback, close: async () => {} };
  if (deps.dataDir === null) return fallback;
  const devMode = !deps.packaged;
  try {
    return (deps.open ?? createCoreLogger)({ dataDir: deps.dataDir, devMode, stdout: devMode && deps.interactive });
  } catch (err) {
    deps.fallback.warn('cannot open the log file; logging to the console only', { error: err instanceof Error ? err.message : String(err) });
    return fallback;
  }
}
