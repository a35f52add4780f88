/**
 * What a newcomer sees when `npm start` / `npm run start:web` cannot start: one line naming the
 * cause and what to change, exit code 1, and nothing seeded. The scripts run as `npm` runs them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Run = { code: number | null; stdout: string; stderr: string };

function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const clean = { ...process.env };
    delete clean['PORT'];
    delete clean['KIOT_WEB_PORT'];
    delete clean['ELECTRON_OVERRIDE_DIST_PATH'];
    execFile('node_modules/.bin/tsx', [script, ...args], { env: { ...clean, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** A port some other program holds (the test's own server, on a port the system chose). */
async function busyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

let dir: string;
let busy: { server: Server; port: number };
/** Stands in for an installed Electron binary, so `npm start` gets as far as its ports. */
let fakeElectronDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiot-start-'));
  fakeElectronDir = path.join(dir, 'electron-dist');
  await mkdir(fakeElectronDir);
  await writeFile(path.join(fakeElectronDir, 'electron'), '');
  busy = await busyPort();
});

afterAll(async () => {
  await new Promise<void>((resolve) => busy.server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

describe('npm run start:web', () => {
  it('with the hub port taken: names the port and PORT, exits 1, and seeds nothing', async () => {
    const dataDir = path.join(dir, 'web-hub-port');
    const result = await run('dev/start-web.ts', ['--no-build'], { PORT: String(busy.port), KIOT_WEB_PORT: '0', KIOT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(lines(result.stderr + result.stdout)).toEqual([
      `[kiot] Port ${busy.port} on 127.0.0.1 is already in use (another Kiot still running?). Stop that program, or choose another port: PORT=${busy.port + 1}`,
    ]);
    expect(result.stderr).not.toContain('EADDRINUSE');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('with the web port taken: names KIOT_WEB_PORT', async () => {
    const dataDir = path.join(dir, 'web-web-port');
    const result = await run('dev/start-web.ts', ['--no-build'], { PORT: '0', KIOT_WEB_PORT: String(busy.port), KIOT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${busy.port} on 127.0.0.1 is already in use`);
    expect(result.stderr).toContain(`KIOT_WEB_PORT=${busy.port + 1}`);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('npm start', () => {
  it('without the Electron binary: one line with the cause and npm run start:web, no download attempt, exit 1', async () => {
    const empty = path.join(dir, 'no-electron');
    await mkdir(empty);
    const dataDir = path.join(dir, 'start-no-electron');
    const result = await run('dev/start.ts', [], { ELECTRON_OVERRIDE_DIST_PATH: empty, PORT: '0', KIOT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    const said = lines(result.stderr + result.stdout);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^\[kiot\] The Electron binary is not installed .*Run the kiosk in a browser instead: npm run start:web \(or, with network access, fetch Electron once: node node_modules\/electron\/install\.js\)$/);
    expect(result.stderr + result.stdout).not.toMatch(/fetch failed|Downloading Electron|install-electron/);
    expect(await readdir(empty)).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('with its port taken: names the port and PORT before seeding anything', async () => {
    const dataDir = path.join(dir, 'start-port');
    const result = await run('dev/start.ts', [], { ELECTRON_OVERRIDE_DIST_PATH: fakeElectronDir, PORT: String(busy.port), KIOT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(lines(result.stderr + result.stdout)).toEqual([
      `[kiot] Port ${busy.port} on 127.0.0.1 is already in use (another Kiot still running?). Stop that program, or choose another port: PORT=${busy.port + 1}`,
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });
});
