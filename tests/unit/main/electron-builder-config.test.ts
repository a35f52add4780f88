import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');

// js-yaml and app-builder-lib come with electron-builder; typed here just enough for the test.
const yaml = require('js-yaml') as { load(source: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
type Scheme = { properties: Record<string, unknown>; definitions: Record<string, { properties?: Record<string, unknown> }> };
const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Scheme;

const source = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed YAML document, asserted key by key below
const config = yaml.load(source) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration (app-builder-lib schema)', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
  });

  it('the schema check would catch a misspelt fuse', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(broken, { isEnabled: false, add: () => {} })).rejects.toThrow(/Invalid configuration/);
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('vn.kiot.kiosk');
    expect(config.productName).toBe('Kiot');
  });

  it('flips the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const known = Object.keys(scheme.definitions.FuseOptionsV1?.properties ?? {});
    expect(known.length).toBeGreaterThan(5);
    for (const key of Object.keys(config.electronFuses as object)) expect(known, key).toContain(key);
  });

  it('packs the app into an asar, with the SQLCipher native module unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringContaining('node_modules/better-sqlite3-multiple-ciphers')]));
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'resources' })]));
  });

  it('targets NSIS per-machine, AppImage + deb, dmg + zip with hardened runtime', () => {
    const targets = (list: Array<{ target: string }>) => list.map((t) => t.target);
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac.target)).toEqual(['dmg', 'zip']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
  });

  it('publishes to a generic feed whose URL comes from the environment', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'generic', url: '${env.KIOT_UPDATE_URL}' })]);
  });

  it('hard-codes no signing material', () => {
    const signingKeys = ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'identity', 'appleId', 'appleIdPassword', 'teamId'];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${at}[${i}]`));
      if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          expect(signingKeys, `${at}.${k}`).not.toContain(k);
          walk(v, `${at}.${k}`);
        }
      }
    };
    walk(config, 'config');
    expect(source).not.toMatch(/\.p12|\.pfx|BEGIN (RSA |EC )?PRIVATE KEY/);
  });

  it('every top-level and platform key exists in the schema', () => {
    for (const key of Object.keys(config)) expect(Object.keys(scheme.properties), key).toContain(key);
    const sections: Array<[string, string]> = [
      ['win', 'WindowsConfiguration'],
      ['nsis', 'NsisOptions'],
      ['linux', 'LinuxConfiguration'],
      ['deb', 'DebOptions'],
      ['mac', 'MacConfiguration'],
      ['dmg', 'DmgOptions'],
    ];
    for (const [section, definition] of sections) {
      const known = Object.keys(scheme.definitions[definition]?.properties ?? {});
      for (const key of Object.keys(config[section] as object)) expect(known, `${section}.${key}`).toContain(key);
    }
  });
});
