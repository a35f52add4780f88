import { AsyncLocalStorage } from 'node:async_hooks';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDevTerminal, createHubLogger } from '../../../server/log';
import type { HubLoggerOptions } from '../../../server/log';
import { otpMessage } from '../../../server/adapters/sms/messages';
import { CODE_MARK, PHONE_MARK, REDACTED } from '../../../shared/redact';

/** A writable that keeps what pino writes, one parsed object per line. */
function capture(): { stream: PassThrough; text(): string; lines(): Record<string, unknown>[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

function hubLogger(opts: Partial<HubLoggerOptions> = {}): ReturnType<typeof capture> & { logger: ReturnType<typeof createHubLogger> } {
  const out = capture();
  return { ...out, logger: createHubLogger({ devMode: false, destination: out.stream, ...opts }) };
}

describe('createHubLogger', () => {
  it('writes one JSON object per line with level, ISO time, name and message', () => {
    const { logger, lines, text } = hubLogger();
    logger.info('Database migrated', { fromVersion: 0, toVersion: 4 });
    logger.child('http').warn('slow');
    expect(text().endsWith('\n')).toBe(true);
    const [first, second] = lines();
    expect(first).toMatchObject({ level: 'info', name: 'hub', msg: 'Database migrated', fromVersion: 0, toVersion: 4 });
    expect(new Date(first!['time'] as string).toISOString()).toBe(first!['time']);
    expect(second).toMatchObject({ level: 'warn', name: 'hub:http', msg: 'slow' });
  });

  it('says which process wrote the line in production, not in dev mode', () => {
    const prod = hubLogger();
    prod.logger.info('x');
    expect(prod.lines()[0]).toMatchObject({ pid: process.pid, hostname: expect.any(String) as unknown });
    const dev = hubLogger({ devMode: true });
    dev.logger.info('x');
    expect(Object.keys(dev.lines()[0]!).sort()).toEqual(['level', 'msg', 'name', 'time']);
  });

  it('drops lines below its level', () => {
    const info = hubLogger();
    info.logger.debug('request', { status: 200 });
    expect(info.text()).toBe('');
    const debug = hubLogger({ level: 'debug' });
    debug.logger.debug('request', { status: 200 });
    expect(debug.lines()[0]).toMatchObject({ level: 'debug', status: 200 });
  });

  it('redacts the message, the data, child bindings and errors of every line, in dev mode too', () => {
    for (const devMode of [false, true]) {
      const { logger, lines, text } = hubLogger({ devMode });
      const err = Object.assign(new Error('gateway refused +84912345678'), { code: 'ECONNREFUSED' });
      logger.child('sms', { to: '+84912345678' }).error(`SMS to +84912345678 : ${otpMessage('042917', 5)}`, {
        phone: '0912 345 678',
        headers: { authorization: 'Bearer eyJhbGciOi.abc.def' },
        error: err,
      });
      expect(text()).not.toMatch(/912345678|912 345 678|042917|eyJhbGciOi/);
      const [line] = lines();
      expect(line).toMatchObject({
        name: 'hub:sms',
        to: REDACTED,
        phone: REDACTED,
        headers: { authorization: REDACTED },
        error: { type: 'Error', message: `gateway refused ${PHONE_MARK}`, code: 'ECONNREFUSED' },
      });
      expect(line!['msg']).toContain(`SMS to ${PHONE_MARK} : Kiot: Mã đăng nhập của bạn là ${CODE_MARK}`);
    }
  });

  it('adds the mixin fields to every line, from the context of the call', () => {
    const requests = new AsyncLocalStorage<{ reqId: string }>();
    const { logger, lines } = hubLogger({ mixin: () => ({ reqId: requests.getStore()?.reqId }) });
    const otp = logger.child('otp');
    requests.run({ reqId: '0190a3b4-8f00-7abc-9def-0123456789ab' }, () => otp.info('code requested'));
    requests.run({ reqId: '0190a3b4-8f00-7abc-9def-0123456789ac' }, () => logger.info('other request'));
    logger.info('outside any request');
    expect(lines().map((l) => l['reqId'])).toEqual(['0190a3b4-8f00-7abc-9def-0123456789ab', '0190a3b4-8f00-7abc-9def-0123456789ac', undefined]);
  });

  it('redacts what a mixin adds too', () => {
    const { logger, text } = hubLogger({ mixin: () => ({ phone: '+84912345678', note: 'call 0912345678' }) });
    logger.info('x');
    expect(text()).not.toContain('912345678');
  });
});

describe('createDevTerminal', () => {
  it('prints plain lines in dev mode', () => {
    const out = capture();
    createDevTerminal({ devMode: true, destination: out.stream }).print('SMS to +84912345678: code 123456');
    expect(out.text()).toBe('SMS to +84912345678: code 123456\n');
  });

  it('prints nothing outside dev mode', () => {
    const out = capture();
    createDevTerminal({ devMode: false, destination: out.stream }).print('SMS to +84912345678: code 123456');
    expect(out.text()).toBe('');
  });
});
