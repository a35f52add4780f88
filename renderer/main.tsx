import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

// A kiosk has no use for the browser's context menu (long press on a touchscreen).
window.addEventListener('contextmenu', (event) => event.preventDefault());

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
