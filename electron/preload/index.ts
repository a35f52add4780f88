/**
 * Exposes `window.kiot` — one method per contract channel, one subscription per event — and
 * nothing else. Bundled to CommonJS (sandboxed preloads cannot be ES modules) and imports
 * only the schema-free parts of shared/, so no validation library ships in the preload.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { buildKiotApi } from '../../shared/kiot-api';
import type { Invoke, Subscribe } from '../../shared/kiot-api';
import type { Result } from '../../shared/result';

const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>;

const subscribe: Subscribe = (event, listener) => {
  // The IPC event object (with `sender`, i.e. ipcRenderer) must never reach the page.
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
};

contextBridge.exposeInMainWorld('kiot', buildKiotApi(invoke, subscribe));
