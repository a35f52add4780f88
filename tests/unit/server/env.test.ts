import { describe, expect, it } from 'vitest';
import { parseHubEnv, redactDatabase } from '../../../server/env';

describe('hub environment', () => {
  it('has working defaults', () => {
    expect(parseHubEnv({})).toEqual({ ok: true, env: { database: './.kiot/hub.sqlite', port: 8787, host: '127.0.0.1', devMode: false } });
  });

  it('accepts a PostgreSQL URL, a port and dev mode', () => {
    const result = parseHubEnv({ KIOT_DB: 'postgres://kiot@db.internal:5432/kiot', PORT: '9000', KIOT_HUB_DEV: '1', KIOT_HUB_HOST: '127.0.0.1' });
    expect(result).toEqual({ ok: true, env: { database: 'postgres://kiot@db.internal:5432/kiot', port: 9000, host: '127.0.0.1', devMode: true } });
    expect(parseHubEnv({ KIOT_HUB_HOST: '0.0.0.0' })).toEqual({ ok: true, env: { database: './.kiot/hub.sqlite', port: 8787, host: '0.0.0.0', devMode: false } });
  });

  it('refuses dev mode on an address other machines can reach, saying why and what to do', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.5']) {
      const result = parseHubEnv({ KIOT_HUB_DEV: '1', KIOT_HUB_HOST: host });
      expect(result.ok, host).toBe(false);
      const errors = result.ok ? [] : result.errors;
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`KIOT_HUB_HOST=${host}`);
      expect(errors[0]).toMatch(/dev mode publishes every login code.*KIOT_HUB_HOST=127\.0\.0\.1/);
    }
    for (const host of ['127.0.0.1', '127.8.0.1', '::1', 'localhost']) expect(parseHubEnv({ KIOT_HUB_DEV: '1', KIOT_HUB_HOST: host }).ok, host).toBe(true);
  });

  it('names the variable, says what is wrong and gives an example', () => {
    const result = parseHubEnv({ KIOT_DB: 'mysql://x/y', PORT: '80a', KIOT_HUB_DEV: 'yes' });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(3);
    expect(errors.find((e) => e.startsWith('KIOT_DB'))).toMatch(/postgres:\/\/.*"mysql:\/\/x\/y".*Example: KIOT_DB=/);
    expect(errors.find((e) => e.startsWith('PORT'))).toMatch(/whole number.*Example: PORT=8787/);
    expect(errors.find((e) => e.startsWith('KIOT_HUB_DEV'))).toMatch(/1 \(dev mode\) or 0.*Example/);
    expect(parseHubEnv({ PORT: '70000' }).ok).toBe(false);
    expect(parseHubEnv({ KIOT_DB: 'postgres://host-only' }).ok).toBe(false);
  });

  it('keeps passwords out of logs', () => {
    expect(redactDatabase('postgres://kiot:s3cret@db:5432/kiot')).toBe('postgres://kiot:***@db:5432/kiot');
    expect(redactDatabase('./.kiot/hub.sqlite')).toBe('./.kiot/hub.sqlite');
  });
});
