/**
 * Bundles the Electron main process and the preload with esbuild (the renderer is built by
 * Vite just before this, see `npm run build`):
 *   electron/main/index.ts    → dist/main/index.cjs     (Node, CommonJS)
 *   electron/preload/index.ts → dist/preload/index.cjs  (sandboxed preload: CommonJS, no Node)
 * The preload must stay tiny and schema-free: the build fails if anything outside shared/ and
 * electron/preload/ ends up in it.
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

const targets = {
  main: {
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/main/index.cjs',
    platform: 'node',
    target: 'node22',
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater'],
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
