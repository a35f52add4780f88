/** Plain stylesheets imported for their side effect; Vite bundles them into one CSS file. */
declare module '*.css';

/** The encoder alone of `qrcode` (no canvas or data-URL renderers), typed as the package's own `create`. */
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode';
}
