import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, createAppProtocolHandler, resolveAppPath } from '../../../electron/main/protocol';
import { APP_ONLY_CSP, parseCsp } from './csp-policy';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'kiot-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kiot</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  // Beside the renderer directory, as the main bundle and anything else on disk would be.
  writeFileSync(path.join(base, 'secret.txt'), 'top secret');
  writeFileSync(path.join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const inside = (p: string | null): boolean => p !== null && (p === root || p.startsWith(root + path.sep));

describe('resolveAppPath', () => {
  it('maps app URLs to files under the renderer directory', () => {
    expect(resolveAppPath(root, 'kiot://app/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'kiot://app/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'kiot://app/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'kiot://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'kiot://app')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'kiot://app/assets/my%20file.js')).toBe(path.join(root, 'assets', 'my file.js'));
  });

  it.each([
    'kiot://app/../../etc/passwd',
    'kiot://app/%2e%2e/%2e%2e/etc/passwd',
    'kiot://app/%2E%2E/secret.txt',
    'kiot://app/assets/../../secret.txt',
    'kiot://app/.%2e/secret.txt',
  ])('keeps %s inside the renderer directory (the URL parser folds the dot segments)', (url) => {
    const resolved = resolveAppPath(root, url);
    expect(resolved === null || inside(resolved)).toBe(true);
  });

  it.each([
    'kiot://app/..%2f..%2fetc%2fpasswd',
    'kiot://app/..%2Fsecret.txt',
    'kiot://app/..%5csecret.txt',
    'kiot://app/assets/..%2f..%2fsecret.txt',
    'kiot://app/%2e%2e%2fsecret.txt',
    'kiot://app/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'kiot://app/index.html%00.png',
    'kiot://app/C:%5cWindows%5cwin.ini',
    'kiot://app/index.html::$DATA',
    'kiot://app/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each(['https://app/index.html', 'file:///etc/passwd', 'kiot://evil/index.html', 'kiot://user@app/index.html', 'kiot://app:81/index.html', 'nonsense'])(
    'refuses the foreign URL %s',
    (url) => {
      expect(resolveAppPath(root, url)).toBeNull();
    },
  );

  it('does not confuse a sibling directory sharing the prefix with the root', () => {
    expect(resolveAppPath(root, 'kiot://app/..%2frenderer-evil.txt')).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  const handler = () => createAppProtocolHandler({ rootDir: root });
  const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

  it('serves the app with the CSP header and the right content type', async () => {
    const res = await get('kiot://app/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(parseCsp(res.headers.get('content-security-policy') ?? '')).toEqual(APP_ONLY_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Kiot</title>');
    expect((await get('kiot://app/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('kiot://app/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('the CSP allows only the app itself, and nothing more', () => {
    expect(parseCsp(APP_CSP)).toEqual(APP_ONLY_CSP);
    expect(APP_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it.each([
    'kiot://app/..%2fsecret.txt',
    'kiot://app/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'kiot://app/../../etc/passwd',
    'kiot://app/%2e%2e/%2e%2e/etc/passwd',
    'kiot://app/missing.js',
    'kiot://app/assets',
    'kiot://app/assets/',
  ])('answers 404 for %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('top secret');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('kiot://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('kiot://app/index.html', 'POST')).status).toBe(405);
  });
  it('sends no referrer and isolates the browsing context on every answer: 200, 404 and 405', async () => {
    for (const res of [await get('kiot://app/index.html'), await get('kiot://app/missing.js'), await get('kiot://app/index.html', 'PUT')]) {
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(parseCsp(res.headers.get('content-security-policy') ?? '')).toEqual(APP_ONLY_CSP);
    }
    const refused = await get('kiot://app/index.html', 'DELETE');
    expect(refused.headers.get('allow')).toBe('GET, HEAD');
    expect((await get('kiot://app/missing.js')).headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('answers 404 for a path segment with a colon, even where such a file exists', async () => {
    // On Windows a colon names a drive or an alternate data stream; refused on every OS so
    // both behave alike. On Linux the file really exists: only the colon check refuses it.
    writeFileSync(path.join(root, 'assets', 'a:b.js'), 'console.log("stream")');
    writeFileSync(path.join(root, 'index.html:stream'), 'hidden stream');
    for (const url of ['kiot://app/assets/a:b.js', 'kiot://app/assets/a%3Ab.js', 'kiot://app/index.html:stream', 'kiot://app/C:%5cWindows%5cwin.ini']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).toBe('Not found');
    }
  });
});
