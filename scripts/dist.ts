/**
 * `npm run dist`: builds, then packages with electron-builder for this platform. Signing and
 * notarization come from the environment (see electron-builder.yml); without them the build
 * is unsigned. The update feed URL is baked into the app, so a missing KIOT_UPDATE_URL is
 * said plainly rather than left to electron-builder's template error.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createLogger } from '../shared/logger';

const log = createLogger('dist');
const root = path.resolve(import.meta.dirname, '..');
const PLACEHOLDER = 'https://updates.invalid/kiot';

const env = { ...process.env };
const feed = env['KIOT_UPDATE_URL'];
if (!feed) {
  log.warn(`KIOT_UPDATE_URL is not set: building with ${PLACEHOLDER}, so this build will never find updates. Set KIOT_UPDATE_URL=https://… (your update feed) for a build you deploy.`);
  env['KIOT_UPDATE_URL'] = PLACEHOLDER;
} else if (!/^https:\/\//.test(feed)) {
  log.error(`KIOT_UPDATE_URL="${feed}": expected an https:// URL of the update feed, e.g. https://updates.example.vn/kiot`);
  process.exit(1);
}
if (!env['CSC_LINK'] && !env['WIN_CSC_LINK']) log.warn('No CSC_LINK / WIN_CSC_LINK: this build will be unsigned.');

for (const [cmd, args] of [
  ['npm', ['run', 'build']],
  [path.join(root, 'node_modules', '.bin', 'electron-builder'), ['--config', 'electron-builder.yml', ...process.argv.slice(2)]],
] as const) {
  const r = spawnSync(cmd, [...args], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
