import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { WEB_HOST_BRIDGE_PATH, WEB_HOST_WS_PATH } from '../../../dev/web-host/protocol';
import { APP_ONLY_CSP, parseCsp } from '../../unit/main/csp-policy';

const root = path.resolve(import.meta.dirname, '../../..');
let outDir: string;
let html: string;
let js: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'kiot-renderer-'));
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const assets = await readdir(path.join(outDir, 'assets'));
  const scripts = assets.filter((f) => f.endsWith('.js'));
  js = (await Promise.all(scripts.map((f) => readFile(path.join(outDir, 'assets', f), 'utf8')))).join('\n');
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('the production renderer bundle', () => {
  it('contains none of the web host (it is a development and test tool)', () => {
    for (const marker of [WEB_HOST_WS_PATH, WEB_HOST_BRIDGE_PATH, 'new WebSocket']) {
      expect(js).not.toContain(marker);
      expect(html).not.toContain(marker);
    }
  });

  it('ships a strict CSP and no inline script', () => {
    const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i)?.[1] ?? '';
    // Exactly the app's policy: no WebSocket, nothing of the web host (which drops this tag
    // and sends its own header when it serves the page in development).
    expect(parseCsp(csp)).toEqual(APP_ONLY_CSP);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/gi)];
    expect(inline).toEqual([]);
  });

  it('talks to the main process only through window.kiot', () => {
    expect(js).not.toMatch(/\brequire\(["']electron["']\)/);
    expect(js).not.toContain('ipcRenderer');
  });
});
