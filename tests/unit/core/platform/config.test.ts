import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, loadKioskConfig } from '../../../../electron/core/platform/config';

const defaults = { dataDir: '/var/lib/kiot', keystore: 'safe-storage' as const, hubUrl: 'https://hub.example.vn' };

function problemsOf(env: Record<string, string | undefined>, d: Parameters<typeof loadKioskConfig>[1] = defaults): readonly string[] {
  try {
    loadKioskConfig(env, d);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadKioskConfig', () => {
  it('applies the defaults', () => {
    expect(loadKioskConfig({}, defaults)).toEqual({
      dataDir: '/var/lib/kiot',
      keystore: 'safe-storage',
      hubUrl: 'https://hub.example.vn',
      enrollCode: null,
      deviceName: 'Kiosk',
      idleSeconds: 60,
      countdownSeconds: 15,
      sessionMaxSeconds: 600,
      sqliteNativeBinding: null,
    });
  });

  it('reads every variable', () => {
    const config = loadKioskConfig(
      {
        KIOT_DATA_DIR: '/srv/kiot',
        KIOT_KEYSTORE: 'dev-file',
        KIOT_HUB_URL: 'http://127.0.0.1:8080/',
        KIOT_ENROLL_CODE: ' ABCD-1234 ',
        KIOT_DEVICE_NAME: 'Sảnh tòa A',
        KIOT_IDLE_SECONDS: '90',
        KIOT_COUNTDOWN_SECONDS: '20',
        KIOT_SESSION_MAX_SECONDS: '900',
        KIOT_SQLITE_NATIVE_BINDING: '/opt/kiot/electron-native/better_sqlite3.node',
      },
      defaults,
    );
    expect(config).toEqual({
      dataDir: '/srv/kiot',
      keystore: 'dev-file',
      hubUrl: 'http://127.0.0.1:8080',
      enrollCode: 'ABCD-1234',
      deviceName: 'Sảnh tòa A',
      idleSeconds: 90,
      countdownSeconds: 20,
      sessionMaxSeconds: 900,
      sqliteNativeBinding: '/opt/kiot/electron-native/better_sqlite3.node',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadKioskConfig({ KIOT_IDLE_SECONDS: '', KIOT_ENROLL_CODE: '  ' }, defaults)).toMatchObject({ idleSeconds: 60, enrollCode: null });
  });

  it.each([
    ['KIOT_DATA_DIR', 'relative/dir', 'an absolute directory path'],
    ['KIOT_KEYSTORE', 'plaintext', 'one of safe-storage, dev-file'],
    ['KIOT_HUB_URL', 'hub.example.vn', 'URL'],
    ['KIOT_HUB_URL', 'ftp://hub.example.vn', 'URL'],
    ['KIOT_HUB_URL', 'https://user:pw@hub.example.vn', 'URL'],
    ['KIOT_ENROLL_CODE', '123', 'enrollment code'],
    ['KIOT_DEVICE_NAME', 'x'.repeat(101), '1 to 100 characters'],
    ['KIOT_IDLE_SECONDS', 'abc', 'a whole number of seconds between 5 and 3600'],
    ['KIOT_IDLE_SECONDS', '4', 'a whole number of seconds between 5 and 3600'],
    ['KIOT_IDLE_SECONDS', '3601', 'a whole number of seconds between 5 and 3600'],
    ['KIOT_IDLE_SECONDS', '1.5', 'a whole number of seconds between 5 and 3600'],
    ['KIOT_IDLE_SECONDS', '-10', 'a whole number of seconds between 5 and 3600'],
    ['KIOT_COUNTDOWN_SECONDS', '0', 'a whole number of seconds between 5 and 120'],
    ['KIOT_SESSION_MAX_SECONDS', '30', 'a whole number of seconds between 60 and 14400'],
  ])('rejects %s=%j', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${name}=${JSON.stringify(value)}: expected`);
    expect(problems[0]).toContain(expected);
  });

  it('requires a hub URL when there is no default', () => {
    const { hubUrl: _, ...noHub } = defaults;
    expect(problemsOf({}, noHub)).toEqual([expect.stringContaining('KIOT_HUB_URL is not set: expected an http:// or https:// URL')]);
  });

  it('lists every bad variable in one error, with its value and what is expected', () => {
    let error: unknown;
    try {
      loadKioskConfig(
        { KIOT_KEYSTORE: 'nope', KIOT_HUB_URL: 'nope', KIOT_IDLE_SECONDS: 'abc', KIOT_COUNTDOWN_SECONDS: '999', KIOT_SESSION_MAX_SECONDS: 'ten' },
        defaults,
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(problems).toHaveLength(5);
    expect(message).toContain('KIOT_KEYSTORE="nope": expected one of safe-storage, dev-file');
    expect(message).toContain('KIOT_HUB_URL="nope": expected an http:// or https:// URL');
    expect(message).toContain('KIOT_IDLE_SECONDS="abc": expected a whole number of seconds between 5 and 3600');
    expect(message).toContain('KIOT_COUNTDOWN_SECONDS="999": expected a whole number of seconds between 5 and 120');
    expect(message).toContain('KIOT_SESSION_MAX_SECONDS="ten": expected a whole number of seconds between 60 and 14400');
  });
});

describe('defaultDataDir', () => {
  it('uses %APPDATA% on Windows', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, 'C:\\Users\\an')).toBe('C:\\Users\\an\\AppData\\Roaming\\Kiot');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\an')).toBe('C:\\Users\\an\\AppData\\Roaming\\Kiot');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir('darwin', {}, '/Users/an')).toBe('/Users/an/Library/Application Support/Kiot');
  });

  it('follows XDG on Linux', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/home/an/.cfg' }, '/home/an')).toBe('/home/an/.cfg/kiot');
    expect(defaultDataDir('linux', {}, '/home/an')).toBe('/home/an/.config/kiot');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/an')).toBe('/home/an/.config/kiot');
  });
});
