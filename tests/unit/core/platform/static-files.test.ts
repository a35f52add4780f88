import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../../electron/core/platform/static-files';

describe('contentTypeFor', () => {
  // Served with `X-Content-Type-Options: nosniff`, a module or WebAssembly file with the
  // wrong type is refused by the renderer: every entry of the table matters.
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['manifest.json', 'application/json; charset=utf-8'],
    ['assets/app.js.map', 'application/json; charset=utf-8'],
    ['licenses.txt', 'text/plain; charset=utf-8'],
    ['icons/logo.svg', 'image/svg+xml'],
    ['icons/logo.png', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['photo.webp', 'image/webp'],
    ['spinner.gif', 'image/gif'],
    ['favicon.ico', 'image/x-icon'],
    ['fonts/inter.woff', 'font/woff'],
    ['fonts/inter.woff2', 'font/woff2'],
    ['fonts/inter.ttf', 'font/ttf'],
    ['fonts/inter.otf', 'font/otf'],
    ['assets/sqlite.wasm', 'application/wasm'],
    ['INDEX.HTML', 'text/html; charset=utf-8'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });

  it.each(['archive.zip', 'no-extension', 'assets/.hidden', 'script.js.bak'])('%s is application/octet-stream', (file) => {
    expect(contentTypeFor(file)).toBe('application/octet-stream');
  });
});
