/**
 * `console`: a console screen with 50 rows, in headless Chromium against the dev stack in
 * manager mode (hub + core enrolled as a manager workstation + web host, as the console's
 * end-to-end tests start it). The demo building gets 60 open data-subject requests, so the
 * request queue's first page (50 rows) is full; a demo manager signs in through the screens.
 *
 * Each repetition locks the console (which empties its query cache, as every lock does),
 * unlocks it with the password, goes to the overview and then clicks "Requests": measured
 * from that pointerdown to the first frame with 50 rows in the table, so the hub's answer
 * is part of every sample. p95 beside a static 50-row table served from loopback, shown
 * by the same click and timed by the same in-page instrument. Budget: p95 ≤ 200 ms.
 */
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium as playwrightChromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { build as viteBuild } from 'vite';
import { startDevStack } from '../../dev/dev-stack';
import { findChromium, machineProbe } from '../../dev/find-chromium';
import { openDatabase } from '../../server/db/connect';
import { insertDataRequest } from '../../server/db/requests';
import type { DataRequestRow } from '../../server/db/requests';
import { findResidentByPhone, listResidentsInOrder } from '../../server/db/residents';
import type { RequestKind } from '../../shared/requests';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, signInThroughScreens } from '../e2e-web/console-fixtures';
import { makeMetric, percentile } from './report';
import type { BenchContext } from './report';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** More than a page (the queue shows 50), so the first page is full whatever the order. */
const REQUESTS = 60;
const ROWS = 50;
/** Kinds with no one-open-per-resident rule and no erasure date, so plain rows suffice. */
const KINDS: readonly RequestKind[] = ['objection', 'restriction', 'export'];
const TABLE_ROWS = '[data-testid="requests-table"] tbody tr[data-row-id]';
const HOUR = 3_600_000;

/** Open requests of the demo building's first residents, one each, straight into the hub's SQLite file. */
async function seedRequests(database: string, buildingId: string): Promise<void> {
  const db = openDatabase(database);
  try {
    const residents = await listResidentsInOrder(db, buildingId, REQUESTS);
    if (residents.length < REQUESTS) throw new Error(`the demo building has ${residents.length} residents, the bench needs ${REQUESTS}`);
    const now = Date.now();
    for (let i = 0; i < REQUESTS; i++) {
      const found = await findResidentByPhone(db, residents[i]!.phoneE164);
      if (!found) throw new Error(`demo resident ${i} not found by phone`);
      const created = new Date(now - (i + 1) * HOUR).toISOString();
      const row: DataRequestRow = {
        id: `bench-console-${String(i).padStart(3, '0')}`,
        building_id: buildingId,
        resident_id: found.id,
        kind: KINDS[i % KINDS.length]!,
        status: 'received',
        details: null,
        linked_id: null,
        device_id: null,
        third_party: 0,
        created_at: created,
        acknowledge_due_at: new Date(now + (i + 24) * HOUR).toISOString(),
        act_due_at: new Date(now + (i + 24 * 30) * HOUR).toISOString(),
        erase_at: null,
        acknowledged_at: null,
        closed_at: null,
        extended_days: 0,
        extension_reason: null,
        hold_category: null,
        hold_reason: null,
        refusal_reason: null,
        export_delivery: null,
        final_notice_channel: null,
        export_json: null,
        export_summary: null,
        export_prepared_at: null,
        overdue_acknowledge_notified_at: null,
        overdue_act_notified_at: null,
        erased_at: null,
        updated_at: created,
      };
      if (!(await insertDataRequest(db, row))) throw new Error(`request ${row.id} was not inserted`);
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Installed before any page script. For each pointerdown, the time to the first frame after
 * 50 table rows exist ("first frame after": a requestAnimationFrame callback, then a task).
 */
const INSTRUMENT = `(() => {
  const b = { samples: [], clickAt: null };
  window.__kiotConsoleBench = b;
  const afterNextFrame = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  new MutationObserver(() => {
    if (b.clickAt !== null && document.querySelectorAll(${JSON.stringify(TABLE_ROWS)}).length >= ${ROWS}) {
      const at = b.clickAt;
      b.clickAt = null;
      afterNextFrame(() => { b.samples.push(performance.now() - at); });
    }
  }).observe(document, { childList: true, subtree: true });
  addEventListener('pointerdown', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid="nav-requests"]')) b.clickAt = e.timeStamp;
  }, { capture: true });
})();`;

/** The baseline: the same link and testids, a 50-row table in the served HTML, shown on click. */
function staticPage(): string {
  const rows = Array.from(
    { length: ROWS },
    (_, i) =>
      `<tr data-row-id="r${i}"><td><a href="#">Phản đối xử lý</a></td><td>Cư dân ${i + 1}</td><td>A-${String(101 + i).padStart(4, '0')}</td><td>Đã nhận</td><td>01/01/2026 08:00</td><td>02/01/2026 08:00</td><td>31/01/2026 08:00</td><td>—</td></tr>`,
  ).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kiot baseline</title>
<style>body{margin:0;font:14px system-ui}table{border-collapse:collapse;width:100%}td{padding:4px 8px;border-bottom:1px solid #ddd}</style></head>
<body><nav><a href="#" data-testid="nav-requests">Yêu cầu</a></nav><main id="screen"></main>
<template id="table"><div data-testid="requests-table"><table><tbody>${rows}</tbody></table></div></template>
<script>
const screen = document.getElementById('screen');
document.querySelector('[data-testid="nav-requests"]').addEventListener('click', (e) => {
  e.preventDefault();
  screen.replaceChildren(document.getElementById('table').content.cloneNode(true));
});
window.__resetBench = () => { screen.replaceChildren(); };
</script></body></html>`;
}

type Bench = { samples: number[] };

/** `count` clicks on the requests link, `before` run ahead of each (untimed); the click-to-50-rows times. */
async function clicks(page: Page, count: number, before: () => Promise<void>): Promise<number[]> {
  const done = (): Promise<number> => page.evaluate(() => (window as unknown as { __kiotConsoleBench: Bench }).__kiotConsoleBench.samples.length);
  for (let i = 0; i < count; i++) {
    await before();
    const n = await done();
    await page.getByTestId('nav-requests').click();
    await page.waitForFunction((m) => (window as unknown as { __kiotConsoleBench: Bench }).__kiotConsoleBench.samples.length > m, n, { timeout: 30_000 });
  }
  return page.evaluate(() => (window as unknown as { __kiotConsoleBench: Bench }).__kiotConsoleBench.samples.slice());
}

export async function benchConsole(ctx: BenchContext): Promise<void> {
  const found = findChromium(machineProbe());
  if (!found.found) throw new Error(found.message);
  const rendererDir = path.join(ctx.dir, 'renderer-console');
  await viteBuild({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false } });
  const stackDir = path.join(ctx.dir, 'console-stack');
  const stack = await startDevStack({ dataDir: stackDir, rendererDir, mode: 'manager', terminal: { print: () => {} } });
  const html = staticPage();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const staticUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await playwrightChromium.launch({
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    await seedRequests(path.join(stackDir, 'hub.sqlite'), stack.demo.buildingId);
    const count = ctx.quick ? 8 : 20;
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    try {
      const app = await context.newPage();
      await app.addInitScript(INSTRUMENT);
      await signInThroughScreens(app, stack, DEMO_STAFF[0]);
      // One untimed visit first: the route's code is loaded and the browser is warm.
      await app.getByTestId('nav-requests').click();
      await app.waitForFunction((sel) => document.querySelectorAll(sel).length >= 50, TABLE_ROWS, { timeout: 30_000 });
      await app.evaluate(() => void (window as unknown as { __kiotConsoleBench: Bench }).__kiotConsoleBench.samples.splice(0));
      const appTimes = await clicks(app, count, async () => {
        // A lock empties the console's query cache: every visit waits for the hub, as the first one after sign-in does.
        await stack.core.lock('suspend');
        await app.getByTestId('staff-unlock-password').fill(DEMO_STAFF_PASSWORD);
        await app.getByTestId('staff-unlock-submit').click();
        await app.getByTestId('nav-overview').click();
        await app.getByTestId('overview').waitFor({ state: 'visible' });
        await app.waitForTimeout(50);
      });
      const base = await context.newPage();
      await base.addInitScript(INSTRUMENT);
      await base.goto(staticUrl);
      await clicks(base, 2, () => base.evaluate(() => (window as unknown as { __resetBench: () => void }).__resetBench()));
      await base.evaluate(() => void (window as unknown as { __kiotConsoleBench: Bench }).__kiotConsoleBench.samples.splice(0));
      const baseTimes = await clicks(base, count, async () => {
        await base.evaluate(() => (window as unknown as { __resetBench: () => void }).__resetBench());
        await base.waitForTimeout(50);
      });
      ctx.log(`console: ${count} visits of the request queue, app ${appTimes.map((t) => t.toFixed(0)).join(' ')} ms`);
      ctx.emit(makeMetric({ metric: 'console.table50.p95', value: percentile(appTimes, 0.95), unit: 'ms', baseline: percentile(baseTimes, 0.95), budget: { atMost: 200 } }));
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
