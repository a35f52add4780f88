import { defineConfig } from '@playwright/test';
import { findChromium, machineProbe } from './dev/find-chromium';

/**
 * End-to-end tests. `e2e-web` drives the real product through the web host in a Chromium
 * found on this machine (dev/find-chromium.ts: KIOT_CHROMIUM, Playwright's cache, the
 * system's Chromium or Chrome; Playwright is never asked to download one); `e2e-electron`
 * drives the real Electron app where an Electron binary exists and reports itself skipped
 * where not. With no Chromium, the global setup stops the run with one message saying how
 * to get one.
 */
export const chromium = findChromium(machineProbe());

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  globalSetup: './tests/e2e-web/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'e2e-web',
      testDir: 'tests/e2e-web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1080, height: 1920 },
        // The attract button breathes; a kiosk with reduced motion keeps it still, and clicks need it still.
        reducedMotion: 'reduce',
        launchOptions: {
          ...(chromium.found ? { executablePath: chromium.path } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
            '--disable-quic',
          ],
        },
      },
    },
    { name: 'e2e-electron', testDir: 'tests/e2e-electron' },
  ],
});
