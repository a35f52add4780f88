/**
 * `npm run build:hub`: bundles the hub (server/main.ts) with esbuild into one file,
 *   dist/hub/main.js   (Node, CommonJS; its own package.json says so)
 * beside a package.json whose `dependencies` are exactly the packages the bundle leaves
 * outside: the native SQLite and argon2 (staff passwords) bindings, and the common-password
 * list the hub reads at start. A production hub is that folder plus
 * `npm install --omit=dev` in it, then `node main.js`; nothing of the kiosk, the renderer
 * or the dev tools is in it (the build fails if any of them ends up in the bundle).
 */
import { build } from 'esbuild';
import type { Message, Metafile } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Loaded at run time from node_modules, never bundled. */
const RUNTIME_PACKAGES = ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'];
/** pg's optional native client: `pg` falls back to pure JavaScript when it is absent. */
const OPTIONAL_ABSENT = ['pg-native'];

const forbiddenInputs = ['electron/', 'renderer/', 'dev/'];

export type BuiltHub = { outDir: string; outfile: string; bytes: number; inputs: number; dependencies: Record<string, string> };

function format(messages: Message[]): string {
  return messages.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`).join('\n');
}

function checkInputs(metafile: Metafile): void {
  const stray = Object.keys(metafile.inputs).filter((input) => forbiddenInputs.some((prefix) => input.startsWith(prefix)));
  if (stray.length > 0) throw new Error(`the hub bundle may not include the kiosk, the renderer or dev tools, but it includes:\n  ${stray.join('\n  ')}`);
}

function installedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the hub into `outDir` (default dist/hub); throws on any error. Exported for the tests. */
export async function buildHub(opts: { outDir?: string } = {}): Promise<BuiltHub> {
  const outDir = opts.outDir ?? path.join(root, 'dist', 'hub');
  const outfile = path.join(outDir, 'main.js');
  await mkdir(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['server/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    external: [...RUNTIME_PACKAGES, ...OPTIONAL_ABSENT],
    // Data files the hub reads beside its code (the common-password list) are found relative to
    // `import.meta.url`, which CommonJS lacks: the bundle's own file URL stands in for it.
    banner: { js: "const __kiotBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__kiotBundleUrl' },
  });
  if (result.warnings.length > 0) throw new Error(`hub bundle: ${result.warnings.length} warning(s)\n${format(result.warnings)}`);
  const metafile = result.metafile ?? { inputs: {}, outputs: {} };
  checkInputs(metafile);
  const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; engines?: Record<string, string> };
  const dependencies = Object.fromEntries(RUNTIME_PACKAGES.map((name) => [name, installedVersion(name)]));
  const pkg = {
    name: 'kiot-hub',
    version: rootPkg.version,
    private: true,
    description: 'Kiot hub, bundled: node main.js (configuration from the environment)',
    type: 'commonjs',
    main: 'main.js',
    ...(rootPkg.engines ? { engines: rootPkg.engines } : {}),
    scripts: { start: 'node main.js' },
    dependencies,
  };
  await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await copyFile(path.join(root, 'resources', 'common-passwords.txt'), path.join(outDir, 'common-passwords.txt'));
  return { outDir, outfile, bytes: statSync(outfile).size, inputs: Object.keys(metafile.inputs).length, dependencies };
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  buildHub().then(
    (built) => {
      const deps = Object.entries(built.dependencies).map(([name, version]) => `${name}@${version}`).join(', ');
      console.log(`hub      ${path.relative(root, built.outfile).padEnd(24)} ${`${(built.bytes / 1024).toFixed(1)} KiB`.padStart(10)}  (${built.inputs} inputs; needs ${deps})`);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
