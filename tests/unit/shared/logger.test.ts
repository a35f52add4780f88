import { describe, expect, it } from 'vitest';
import { createLogger, loggerFromPino, silentLogger } from '../../../shared/logger';
import { createMemoryLogger } from '../../fixtures/memory-logger';
import type { LogData, LogEntry, PinoLike } from '../../../shared/logger';
import { PHONE_MARK, REDACTED } from '../../../shared/redact';

describe('createLogger', () => {
  it('hands the sink redacted records: message, data and child bindings', () => {
    const entries: LogEntry[] = [];
    const log = createLogger('hub', (e) => entries.push(e), 'debug');
    log.info('code sent to 0912 345 678', { phone: '+84912345678', requestId: 'r-1' });
    log.child('otp', { token: 'abc', deviceId: 'd-1' }).warn('plain');
    expect(entries).toEqual([
      { level: 'info', name: 'hub', msg: `code sent to ${PHONE_MARK}`, data: { phone: REDACTED, requestId: 'r-1' } },
      { level: 'warn', name: 'hub:otp', msg: 'plain', data: { token: REDACTED, deviceId: 'd-1' } },
    ]);
  });

  it('names children after their parents and keeps the bindings of every ancestor', () => {
    const { logger, entries } = createMemoryLogger('kiot');
    logger.child('core', { deviceId: 'd-1' }).child('session', { mode: 'kiosk' }).info('locked', { reason: 'idle' });
    expect(entries).toEqual([{ level: 'info', name: 'kiot:core:session', msg: 'locked', data: { deviceId: 'd-1', mode: 'kiosk', reason: 'idle' } }]);
  });

  it('drops records below its level and leaves data out when there is none', () => {
    const entries: LogEntry[] = [];
    const log = createLogger('x', (e) => entries.push(e));
    log.debug('hidden');
    log.error('shown');
    expect(entries).toEqual([{ level: 'error', name: 'x', msg: 'shown' }]);
  });

  it('never throws on data it cannot serialize as it is', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const { logger, text } = createMemoryLogger();
    expect(() => logger.info('cyclic', { cyclic, big: 1n })).not.toThrow();
    expect(() => silentLogger.info('cyclic', { cyclic })).not.toThrow();
    expect(text()).toContain('[circular]');
  });
});

describe('loggerFromPino', () => {
  type Call = { bindings: LogData; level: string; obj: LogData; msg: string };
  function fakePino(enabled: (level: string) => boolean = () => true): { root: PinoLike; calls: Call[]; children: LogData[] } {
    const calls: Call[] = [];
    const children: LogData[] = [];
    const make = (bindings: LogData): PinoLike => {
      const at =
        (level: string) =>
        (obj: LogData, msg: string): void => {
          calls.push({ bindings, level, obj, msg });
        };
      return {
        debug: at('debug'),
        info: at('info'),
        warn: at('warn'),
        error: at('error'),
        child: (more) => {
          children.push(more);
          return make({ ...bindings, ...more });
        },
        isLevelEnabled: enabled,
      };
    };
    return { root: make({}), calls, children };
  }

  it('puts the name in the bindings, redacts message and data, and makes each child from the root', () => {
    const { root, calls, children } = fakePino();
    const hub = loggerFromPino(root, 'hub', { instance: 'a' });
    hub.child('otp', { phone: '0912345678' }).info('sent to +84912345678', { requestId: 'r-1', email: 'x@example.com' });
    expect(children).toEqual([
      { instance: 'a', name: 'hub' },
      { instance: 'a', phone: REDACTED, name: 'hub:otp' },
    ]);
    expect(calls).toEqual([
      { bindings: { instance: 'a', phone: REDACTED, name: 'hub:otp' }, level: 'info', obj: { requestId: 'r-1', email: REDACTED }, msg: `sent to ${PHONE_MARK}` },
    ]);
  });

  it("does not let a `name` in the data hide the logger's name", () => {
    const { root, calls } = fakePino();
    loggerFromPino(root, 'hub').info('x', { name: 'Trần Văn Bình', n: 1 });
    expect(calls[0]!.obj).toEqual({ n: 1 });
  });

  it('skips the work for levels the pino logger would drop', () => {
    const { root, calls } = fakePino((level) => level !== 'debug');
    const log = loggerFromPino(root, 'hub');
    log.debug('dropped');
    log.warn('kept');
    expect(calls.map((c) => c.msg)).toEqual(['kept']);
  });
});
