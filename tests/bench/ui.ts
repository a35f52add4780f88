/**
 * What the resident waits for, sections `renderer` and `ui`:
 *
 *   - `renderer`: the production build (vite, into a temporary folder), gzipped JavaScript the
 *     first screen needs (the entry script and its modulepreloads) and in all; beside React and
 *     ReactDOM alone, built the same way in the same run.
 *   - `ui`: in headless Chromium against the dev stack (hub + kiosk core + web host, as
 *     `npm run start:web`): attract-screen first paint from navigation start, and the time
 *     from a tap on the attract button to the first frame of the phone keypad, p95. Beside a
 *     static page served from loopback, measured with the same in-page instrument.
 */
import { createRequire } from 'node:module';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium as playwrightChromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build as viteBuild } from 'vite';
import { startDevStack } from '../../dev/dev-stack';
import type { DevStack } from '../../dev/dev-stack';
import { generateDemoData } from '../../server/seed';
import { latestCode, nationalDigits } from '../fixtures/dev-sms';
import { findChromium, machineProbe } from '../../dev/find-chromium';
import { initialScripts, makeMetric, median, percentile } from './report';
import type { BenchContext } from './report';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const gzipped = (content: Buffer): number => gzipSync(content, { level: 9 }).length;

/** The manager console's chunks: loaded only in manager mode, so not part of what a kiosk loads. */
const isConsoleChunk = (file: string): boolean => path.basename(file).startsWith('ManagerConsole');

async function jsSizes(outDir: string): Promise<{ initialKb: number; totalKb: number; kioskKb: number }> {
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const initial = initialScripts(html);
  if (initial.length === 0) throw new Error('index.html loads no module script');
  let initialBytes = 0;
  for (const src of initial) initialBytes += gzipped(await readFile(path.join(outDir, src)));
  let totalBytes = 0;
  let kioskBytes = 0;
  const files = await readdir(outDir, { recursive: true });
  for (const f of files) {
    if (!f.endsWith('.js')) continue;
    const size = gzipped(await readFile(path.join(outDir, f)));
    totalBytes += size;
    if (!isConsoleChunk(f)) kioskBytes += size;
  }
  return { initialKb: initialBytes / 1024, totalKb: totalBytes / 1024, kioskKb: kioskBytes / 1024 };
}

/** The renderer as `npm run build` makes it, minus source maps, into `outDir`. */
async function buildRendererInto(outDir: string): Promise<void> {
  await viteBuild({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
}

/**
 * React + ReactDOM rendering one element, same bundler and target: the floor any React
 * renderer starts from. For the `ui` section the element is the attract button (same test id)
 * so the first-paint instrument sees it; for `renderer`, a paragraph.
 */
async function buildReactAlone(dir: string, element = "createElement('p', null, 'Kiot')", name = 'react-alone'): Promise<string> {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const root = path.join(dir, name);
  await mkdir(root, { recursive: true });
  await writeFile(
    path.join(root, 'main.js'),
    `import { createElement } from ${JSON.stringify(require.resolve('react'))};\nimport { createRoot } from ${JSON.stringify(require.resolve('react-dom/client'))};\ncreateRoot(document.getElementById('root')).render(${element});\n`,
  );
  await writeFile(path.join(root, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>\n');
  const outDir = path.join(root, 'dist');
  await viteBuild({ root, configFile: false, base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'chrome130', sourcemap: false } });
  return outDir;
}

/** Builds the renderer, emits its sizes, and returns the build for the `ui` section. */
export async function benchRenderer(ctx: BenchContext): Promise<string> {
  const outDir = path.join(ctx.dir, 'renderer');
  await buildRendererInto(outDir);
  const app = await jsSizes(outDir);
  const react = await jsSizes(await buildReactAlone(ctx.dir));
  ctx.emit(makeMetric({ metric: 'renderer.js_gzip.initial', value: app.initialKb, unit: 'KB', baseline: react.initialKb, budget: { atMost: 250 } }));
  ctx.emit(makeMetric({ metric: 'renderer.js_gzip.total', value: app.totalKb, unit: 'KB', baseline: react.totalKb }));
  // Issue 13: everything a kiosk can load (every chunk but the manager console's) at most 150 KB gzipped.
  ctx.emit(makeMetric({ metric: 'renderer.js_gzip.kiosk', value: app.kioskKb, unit: 'KB', baseline: react.totalKb, budget: { atMost: 150 } }));
  return outDir;
}

/** What the instrument prints to the console at first paint, for `firstPaint` to read without touching the page. */
const FIRST_PAINT_LOG = 'kiot-bench-first-paint';

/**
 * Installed before any page script. Records (in performance.now() time, i.e. since navigation
 * start) the first frame after the attract button exists, and for each tap the time from the
 * pointerdown event to the first frame after the keypad exists. "First frame after" is a
 * requestAnimationFrame callback followed by a task: the frame has been produced by then.
 */
const INSTRUMENT = `(() => {
  const b = { firstPaint: null, taps: [], tapAt: null };
  window.__kiotBench = b;
  const afterNextFrame = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  new MutationObserver(() => {
    if (b.firstPaint === null && document.querySelector('[data-testid="attract-start"]')) {
      b.firstPaint = -1;
      afterNextFrame(() => { b.firstPaint = performance.now(); console.debug('${FIRST_PAINT_LOG} ' + b.firstPaint); });
    }
    if (b.tapAt !== null && document.querySelector('[data-testid="keypad-1"]')) {
      const at = b.tapAt;
      b.tapAt = null;
      afterNextFrame(() => { b.taps.push(performance.now() - at); });
    }
  }).observe(document, { childList: true, subtree: true });
  addEventListener('pointerdown', (e) => { b.tapAt = e.timeStamp; }, { capture: true });
})();`;

/** The baseline page: the same two testids, the "next screen" swapped in synchronously on tap. */
const STATIC_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kiot baseline</title>
<style>body{margin:0;font:32px system-ui}button{width:600px;height:160px;font-size:48px}</style></head>
<body><main id="screen"><button data-testid="attract-start">Chạm để bắt đầu</button></main>
<script>
const screen = document.getElementById('screen');
const attract = screen.innerHTML;
screen.addEventListener('click', (e) => {
  if (e.target.closest('[data-testid="attract-start"]')) screen.innerHTML = '<button data-testid="keypad-1">1</button>';
});
window.__resetBench = () => { screen.innerHTML = attract; };
</script></body></html>`;

type Bench = { firstPaint: number | null; taps: number[] };

/**
 * One cold load in a fresh context. The time is read from the console message the instrument
 * prints, not by polling the page: Playwright's polling (waitForFunction, evaluate) injects
 * and compiles its own script in the page's main thread, which would land in the middle of the
 * app's start-up (after the load event, while React renders) but after the static page's paint.
 */
async function firstPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await page.addInitScript(INSTRUMENT);
    const painted = page.waitForEvent('console', { predicate: (msg) => msg.text().startsWith(FIRST_PAINT_LOG), timeout: 30_000 });
    await page.goto(url, { waitUntil: 'commit' });
    const text = (await painted).text();
    return Number(text.slice(FIRST_PAINT_LOG.length + 1));
  } finally {
    await context.close();
  }
}

/** `taps` taps on the attract button, each followed by `back` to return to it; the tap latencies. */
async function taps(page: Page, count: number, back: () => Promise<void>): Promise<number[]> {
  const done = (): Promise<number> => page.evaluate(() => (window as unknown as { __kiotBench: Bench }).__kiotBench.taps.length);
  for (let i = 0; i < count; i++) {
    const before = await done();
    await page.getByTestId('attract-start').click();
    await page.waitForFunction((n) => (window as unknown as { __kiotBench: Bench }).__kiotBench.taps.length > n, before, { timeout: 30_000 });
    await back();
    await page.getByTestId('attract-start').waitFor({ state: 'visible' });
    // The attract button is disabled while a start is in flight; let the screen settle as a resident would.
    await page.waitForTimeout(50);
  }
  return page.evaluate(() => (window as unknown as { __kiotBench: Bench }).__kiotBench.taps.slice());
}

/**
 * The taps a resident makes from the attract screen to the home's "what do I owe" sentence
 * (start, the ten digits of the number, send, the six digits of the code), counted as made.
 */
async function tapsToOwed(context: BrowserContext, stack: DevStack): Promise<number> {
  const page = await context.newPage();
  const phone = generateDemoData(new Date()).residents[0]!.phone_e164;
  let count = 0;
  const tap = async (id: string): Promise<void> => {
    await page.getByTestId(id).locator('visible=true').first().click();
    count += 1;
  };
  await page.goto(stack.web.url);
  await tap('attract-start');
  for (const d of nationalDigits(phone)) await tap(`keypad-${d}`);
  await tap('phone-submit');
  await page.getByTestId('code-display').waitFor({ state: 'visible' });
  for (const d of await latestCode(stack.hubUrl, phone)) await tap(`keypad-${d}`);
  await page.getByTestId('home-sentence').waitFor({ state: 'visible' });
  await stack.core.lock('signOut');
  await page.close();
  return count;
}

export async function benchUi(ctx: BenchContext, builtRenderer: string | null): Promise<void> {
  const found = findChromium(machineProbe());
  if (!found.found) throw new Error(found.message);
  let rendererDir = builtRenderer;
  if (rendererDir === null) {
    rendererDir = path.join(ctx.dir, 'renderer-ui');
    await buildRendererInto(rendererDir);
  }
  const stackDir = path.join(ctx.dir, 'ui-stack');
  const stack = await startDevStack({ dataDir: stackDir, rendererDir, terminal: { print: () => {} } });
  const reactFloorDir = await buildReactAlone(ctx.dir, "createElement('button', { 'data-testid': 'attract-start' }, 'Chạm để bắt đầu')", 'react-floor');
  const server = createServer((req, res) => {
    // `/react/…`: the React-alone page and its script (bench-built names only); anything else: the static page.
    const rel = req.url?.startsWith('/react/') ? req.url.slice('/react/'.length) || 'index.html' : null;
    if (rel === null) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(STATIC_PAGE);
    if (rel.includes('..')) return void res.writeHead(404).end();
    readFile(path.join(reactFloorDir, rel)).then(
      (body) => res.writeHead(200, { 'content-type': rel.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const staticUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await playwrightChromium.launch({
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    const loads = ctx.quick ? 5 : 15;
    const tapCount = ctx.quick ? 20 : 60;
    // Warm the browser (process start, font cache) so the first measured load is not an outlier of its own.
    await firstPaint(browser, staticUrl);
    await firstPaint(browser, stack.web.url);
    const appPaints: number[] = [];
    const staticPaints: number[] = [];
    const reactPaints: number[] = [];
    await firstPaint(browser, `${staticUrl}react/`);
    for (let i = 0; i < loads; i++) {
      appPaints.push(await firstPaint(browser, stack.web.url));
      staticPaints.push(await firstPaint(browser, staticUrl));
      reactPaints.push(await firstPaint(browser, `${staticUrl}react/`));
    }
    ctx.emit(makeMetric({ metric: 'ui.attract_first_paint', value: median(appPaints), unit: 'ms', baseline: median(staticPaints), budget: { atMost: 300 } }));
    // No budget: the floor under the one above, a page of React and ReactDOM drawing one button, loaded the same way.
    ctx.emit(makeMetric({ metric: 'ui.react_alone_first_paint', value: median(reactPaints), unit: 'ms', baseline: median(staticPaints) }));

    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, reducedMotion: 'reduce' });
    try {
      const app = await context.newPage();
      await app.addInitScript(INSTRUMENT);
      await app.goto(stack.web.url);
      await app.getByTestId('attract-start').waitFor({ state: 'visible' });
      // Back to the attract screen the way a resident's "sign out" gets there: the core locks and tells the renderer.
      const appTaps = await taps(app, tapCount, () => stack.core.lock('signOut'));
      const base = await context.newPage();
      await base.addInitScript(INSTRUMENT);
      await base.goto(staticUrl);
      const baseTaps = await taps(base, tapCount, () => base.evaluate(() => (window as unknown as { __resetBench: () => void }).__resetBench()));
      ctx.emit(makeMetric({ metric: 'ui.tap_to_next_screen.p95', value: percentile(appTaps, 0.95), unit: 'ms', baseline: percentile(baseTaps, 0.95), budget: { atMost: 50 } }));
      ctx.emit(makeMetric({ metric: 'ui.taps_to_what_do_i_owe', value: await tapsToOwed(context, stack), unit: 'taps', budget: { atMost: 19 } }));
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stack.close();
    await rm(stackDir, { recursive: true, force: true });
  }
}
