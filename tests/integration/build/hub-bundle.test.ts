import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub } from '../../../scripts/build-hub';
import type { BuiltHub } from '../../../scripts/build-hub';

const root = path.resolve(import.meta.dirname, '../../..');
let dir: string;
let built: BuiltHub;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function waitForHealth(base: string, hub: ChildProcess, output: () => string): Promise<unknown> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (hub.exitCode !== null) throw new Error(`the hub exited with ${hub.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${base}/v1/health`);
      if (res.ok) return await res.json();
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${base}/v1/health:\n${output()}`);
}

beforeAll(async () => {
  // A folder of its own, so this test never races another build writing dist/.
  dir = await mkdtemp(path.join(tmpdir(), 'kiot-hub-bundle-'));
  built = await buildHub({ outDir: path.join(dir, 'hub') });
  // The bundle's node_modules holds only the packages its package.json declares.
  for (const name of Object.keys(built.dependencies)) {
    await mkdir(path.dirname(path.join(built.outDir, 'node_modules', name)), { recursive: true });
    await symlink(path.join(root, 'node_modules', name), path.join(built.outDir, 'node_modules', name), 'dir');
  }
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the hub, built on its own', () => {
  it('is one bundle whose only run-time dependencies are the native SQLite and argon2 bindings', async () => {
    expect(built.outfile).toBe(path.join(built.outDir, 'main.js'));
    const pkg = JSON.parse(await readFile(path.join(built.outDir, 'package.json'), 'utf8')) as { type: string; dependencies: Record<string, string> };
    expect(pkg.type).toBe('commonjs');
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3-multiple-ciphers', '@node-rs/argon2']);
    // The common-password list travels beside the bundle.
    expect((await readFile(path.join(built.outDir, 'common-passwords.txt'), 'utf8')).split('\n')).toContain('matkhau123');
    const code = await readFile(built.outfile, 'utf8');
    // Bundled, not loaded from node_modules at run time.
    for (const name of ['fastify', 'kysely', 'pg', 'zod']) expect(code).not.toMatch(new RegExp(`require\\(["']${name}["']\\)`));
  });

  it('runs with `node main.js` on a SQLite file, answers /v1/health, and stops on SIGTERM', async () => {
    const port = await freePort();
    const db = path.join(dir, 'data', 'hub.sqlite');
    let output = '';
    // A bare environment: nothing of this test process (NODE_OPTIONS, tsx loaders) leaks in.
    const hub = spawn(process.execPath, [built.outfile], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', KIOT_DB: db, PORT: String(port), KIOT_HUB_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    hub.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => hub.on('exit', (code) => resolve(code)));
    try {
      expect(await waitForHealth(`http://127.0.0.1:${port}`, hub, () => output)).toMatchObject({ ok: true });
      expect(existsSync(db)).toBe(true);
    } finally {
      hub.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
