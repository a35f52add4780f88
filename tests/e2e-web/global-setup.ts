import { existsSync } from 'node:fs';
import { chromiumPath } from '../../playwright.config';
import { buildRenderer } from '../../dev/dev-stack';

/** Builds the renderer once for every end-to-end test, and checks the browser is there. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install Debian's chromium (apt-get install chromium) or set KIOT_CHROMIUM to a Chromium binary.`,
    );
  }
  // `npm test` builds everything once before Playwright starts.
  if (process.env['KIOT_E2E_PREBUILT'] !== '1') await buildRenderer();
}
