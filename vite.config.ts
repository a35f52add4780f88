import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Builds the renderer (renderer/ → dist/renderer). The main process and preload are
 * bundled by scripts/build-main.ts (esbuild), which `npm run build` runs right after.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
