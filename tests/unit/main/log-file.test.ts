import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMainLog } from '../../../electron/main/log-file';
import type { CoreLoggerOptions } from '../../../electron/core/platform/log';
import { createLogger } from '../../../shared/logger';
import type { LogSink, Logger } from '../../../shared/logger';

type Entry = Parameters<LogSink>[0];
function memoryLogger(): { logger: Logger; entries: Entry[] } {
  const entries: Entry[] = [];
  return { logger: createLogger('test', (e) => entries.push(e), 'debug'), entries };
}

describe('main log file', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-main-log-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes redacted lines to <dataDir>/logs/kiot.log', async () => {
    const fallback = memoryLogger();
    const log = openMainLog({ dataDir, packaged: true, interactive: false, fallback: fallback.logger });
    log.logger.child('core').child('renderer').error('renderer error', { message: 'lookup failed for 0912 345 678', source: 'error-boundary' });
    await log.close();
    const text = readFileSync(path.join(dataDir, 'logs', 'kiot.log'), 'utf8');
    expect(text).toContain('renderer error');
    expect(text).toContain('error-boundary');
    expect(text).not.toMatch(/0912 ?345 ?678/);
    expect(fallback.entries).toEqual([]);
  });

  it('writes to the terminal only in development with a terminal attached', () => {
    const seen: CoreLoggerOptions[] = [];
    const open = (opts: CoreLoggerOptions): ReturnType<typeof openMainLog> => {
      seen.push(opts);
      return { logger: memoryLogger().logger, close: async () => {} };
    };
    const fallback = memoryLogger().logger;
    openMainLog({ dataDir, packaged: false, interactive: true, fallback, open });
    openMainLog({ dataDir, packaged: false, interactive: false, fallback, open });
    openMainLog({ dataDir, packaged: true, interactive: true, fallback, open });
    expect(seen.map((o) => [o.devMode, o.stdout])).toEqual([
      [true, true],
      [true, false],
      [false, false],
    ]);
  });

  it('falls back to the console logger, and says so, when the file cannot be opened or there is no data directory', async () => {
    const fallback = memoryLogger();
    const failing = openMainLog({
      dataDir,
      packaged: true,
      interactive: false,
      fallback: fallback.logger,
      open: () => {
        throw new Error('EACCES: permission denied');
      },
    });
    expect(failing.logger).toBe(fallback.logger);
    expect(fallback.entries).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringContaining('cannot open the log file') })]);
    await failing.close();

    const none = openMainLog({ dataDir: null, packaged: true, interactive: false, fallback: fallback.logger });
    expect(none.logger).toBe(fallback.logger);
    expect(existsSync(path.join(dataDir, 'logs'))).toBe(false);
  });
});
