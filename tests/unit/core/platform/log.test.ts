import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoreLogger } from '../../../../electron/core/platform/log';
import { CODE_MARK, PHONE_MARK, REDACTED } from '../../../../shared/redact';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-core-log-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

const logsDir = (): string => path.join(dataDir, 'logs');
const logFile = (name = 'kiot.log'): string => path.join(logsDir(), name);
const parseLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const mode = (p: string): number => statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

describe('createCoreLogger', () => {
  it('writes JSON lines to <dataDir>/logs/kiot.log, all of them by the time close() resolves', async () => {
    const { logger, close } = createCoreLogger({ dataDir, devMode: false });
    logger.info('core started', { mode: 'kiosk', keystore: 'safe-storage' });
    logger.child('session').warn('session locked', { reason: 'idle' });
    logger.debug('below the level');
    await close();
    const lines = parseLines(readFileSync(logFile(), 'utf8'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', name: 'kiot', msg: 'core started', mode: 'kiosk', keystore: 'safe-storage' });
    expect(lines[1]).toMatchObject({ level: 'warn', name: 'kiot:session', msg: 'session locked', reason: 'idle' });
    expect(typeof lines[0]!['time']).toBe('string');
  });

  it('keeps phone numbers, codes, tokens and device secrets out of the file', async () => {
    const { logger, close } = createCoreLogger({ dataDir, devMode: false, level: 'debug' });
    const deviceCredential = '019a1f2e-8c3b-7d4e-9f00-a1b2c3d4e5f6.Qk3mZ9xYw_-8aBcDeFgHiJkLmNoPqRsTuVwXyZ01234';
    logger.info('requesting a code for 0912 345 678', { phone: '+84912345678', code: '123456' });
    logger.error('renderer error', { message: 'verify failed for code 654321', stack: `Error: x-kiot-device ${deviceCredential}` });
    logger.child('hub', { residentToken: 'tok_abcdefghijklmnopqrstuvwxyz012345' }).warn('hub unavailable', {
      headers: { authorization: 'Bearer s3cr3tS3cr3tS3cr3tS3cr3tXY' },
      error: new Error('refused for mai.nguyen@example.com'),
    });
    await close();
    const text = readFileSync(logFile(), 'utf8');
    for (const secret of ['912345678', '912 345 678', '123456', '654321', 'Qk3mZ9xYw', 's3cr3t', 'tok_abc', 'mai.nguyen']) expect(text).not.toContain(secret);
    const [first, second] = parseLines(text);
    expect(first).toMatchObject({ msg: `requesting a code for ${PHONE_MARK}`, phone: REDACTED, code: REDACTED });
    expect(second).toMatchObject({ message: `verify failed for code ${CODE_MARK}` });
    // The device id stays: IT needs to know which kiosk.
    expect(text).toContain('019a1f2e-8c3b-7d4e-9f00-a1b2c3d4e5f6');
  });

  it('rotates at the size limit, keeps whole lines in each file and at most maxFiles files', async () => {
    const { logger, close } = createCoreLogger({ dataDir, devMode: false, maxFileSize: '1K', maxFiles: 3 });
    for (let i = 0; i < 60; i += 1) logger.info(`line ${i}`, { i, padding: 'x'.repeat(60) });
    await close();
    const files = readdirSync(logsDir()).sort();
    expect(files).toEqual(['kiot.log', 'kiot.log.1', 'kiot.log.2']);
    const numbers: number[] = [];
    for (const name of ['kiot.log.2', 'kiot.log.1', 'kiot.log']) {
      const text = readFileSync(logFile(name), 'utf8');
      if (name !== 'kiot.log') expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(1024);
      expect(Buffer.byteLength(text)).toBeLessThan(1024 + 200);
      numbers.push(...parseLines(text).map((l) => l['i'] as number));
    }
    // Oldest lines went with the dropped file; what is kept is the newest, in order, ending at the last line.
    expect(numbers.at(-1)).toBe(59);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.length).toBeLessThan(60);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('carries on in the same file across restarts and rotates a file already past the limit', async () => {
    const first = createCoreLogger({ dataDir, devMode: false });
    first.logger.info('before restart');
    await first.close();
    const second = createCoreLogger({ dataDir, devMode: false });
    second.logger.info('after restart');
    await second.close();
    expect(parseLines(readFileSync(logFile(), 'utf8')).map((l) => l['msg'])).toEqual(['before restart', 'after restart']);

    writeFileSync(logFile(), 'x'.repeat(2048));
    const third = createCoreLogger({ dataDir, devMode: false, maxFileSize: '1K' });
    third.logger.info('fresh file');
    await third.close();
    expect(parseLines(readFileSync(logFile(), 'utf8')).map((l) => l['msg'])).toEqual(['fresh file']);
    expect(readFileSync(logFile('kiot.log.1'), 'utf8')).toBe('x'.repeat(2048));
  });

  it.runIf(posix)('makes the directory and every file readable by the owner only, tightening loose ones', async () => {
    mkdirSync(logsDir(), { mode: 0o755 });
    chmodSync(logsDir(), 0o755);
    writeFileSync(logFile(), '', { mode: 0o644 });
    chmodSync(logFile(), 0o644);
    const { logger, close } = createCoreLogger({ dataDir, devMode: false, maxFileSize: '1K', maxFiles: 2 });
    for (let i = 0; i < 30; i += 1) logger.info(`line ${i}`, { padding: 'x'.repeat(60) });
    await close();
    expect(mode(logsDir())).toBe(0o700);
    const files = readdirSync(logsDir());
    expect(files.sort()).toEqual(['kiot.log', 'kiot.log.1']);
    for (const name of files) expect(mode(logFile(name)), name).toBe(0o600);
  });

  it('also writes to stdout in dev mode (or when asked), redacted the same', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const dev = createCoreLogger({ dataDir, devMode: true });
    dev.logger.info('code 123456 sent');
    await dev.close();
    const prod = createCoreLogger({ dataDir, devMode: false });
    prod.logger.info('production line');
    await prod.close();
    vi.restoreAllMocks();
    expect(written.join('')).toContain(`"msg":"code ${CODE_MARK} sent"`);
    expect(written.join('')).not.toContain('production line');
    expect(parseLines(readFileSync(logFile(), 'utf8')).map((l) => l['msg'])).toEqual([`code ${CODE_MARK} sent`, 'production line']);
  });

  it('survives a file it can no longer write: the kiosk keeps running, the log is what is lost', async () => {
    // A directory where the rotated file must go: the rename at rotation fails.
    mkdirSync(path.join(logsDir(), 'kiot.log.1', 'blocker'), { recursive: true });
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    const { logger, close } = createCoreLogger({ dataDir, devMode: false, maxFileSize: '1K', maxFiles: 2 });
    expect(() => {
      for (let i = 0; i < 40; i += 1) logger.info(`line ${i}`, { padding: 'x'.repeat(60) });
    }).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(() => logger.error('after the failure')).not.toThrow();
    await expect(close()).resolves.toBeUndefined();
    expect(readFileSync(logFile(), 'utf8')).toContain('"msg":"line 0"');
    expect(stderr).toEqual([expect.stringMatching(/^kiot: the log file stopped working: EISDIR/) as unknown]);
  });

  it('drops lines after close() instead of throwing, and close() can be called again', async () => {
    const { logger, close } = createCoreLogger({ dataDir, devMode: false });
    logger.info('kept');
    await close();
    expect(() => logger.error('too late')).not.toThrow();
    await expect(close()).resolves.toBeUndefined();
    expect(parseLines(readFileSync(logFile(), 'utf8')).map((l) => l['msg'])).toEqual(['kept']);
  });
});
