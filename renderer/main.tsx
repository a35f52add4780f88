// First of the imports on purpose: see early-boot.ts.
import { earlyBoot } from './app/early-boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { awaitBoot } from './app/boot';
import './styles.css';

/**
 * How long the first render waits for the start-up calls. They have normally answered by the
 * time the entry script has been evaluated; a main process slower than this gets a "loading"
 * line first rather than a blank screen.
 */
const FIRST_RENDER_WAIT_MS = 300;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

// A kiosk has no use for the browser's context menu (long press on a touchscreen).
window.addEventListener('contextmenu', (event) => event.preventDefault());

// Not a top-level await: that would make the bundler split the modules the console's chunk
// shares with this one into chunks of their own, which costs the kiosk bytes.
void awaitBoot(earlyBoot, FIRST_RENDER_WAIT_MS).then(() => {
  createRoot(container).render(
    <StrictMode>
      <App boot={earlyBoot} />
    </StrictMode>,
  );
});
