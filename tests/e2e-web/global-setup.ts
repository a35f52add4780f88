import { chromium } from '../../playwright.config';
import { buildRenderer } from '../../dev/dev-stack';

/** Builds the renderer once for every end-to-end test, and checks the browser is there. */
export default async function globalSetup(): Promise<void> {
  if (!chromium.found) {
    // One line, without a stack trace: the message says everything there is to do.
    const error = new Error(chromium.message);
    error.stack = chromium.message;
    throw error;
  }
  // `npm test` builds everything once before Playwright starts.
  if (process.env['KIOT_E2E_PREBUILT'] !== '1') await buildRenderer();
}
