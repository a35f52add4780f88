import type { KiotApi } from '../shared/kiot-api';

declare global {
  // An interface, not a type: only interfaces merge into the DOM's Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Exposed by the preload (Electron) or the web host's browser bridge; absent elsewhere. */
    kiot: KiotApi;
  }
}

export {};
