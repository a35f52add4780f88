/**
 * IPC registration: one `ipcMain.handle` per contract channel, each behind the same sender
 * check, each answered by the core's dispatcher (which parses the request and never throws).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames, eventNames } from '../../shared/channels';
import type { EventName } from '../../shared/channels';
import type { Logger } from '../../shared/logger';
import type { Result } from '../../shared/result';
import type { Dispatch, EventListener } from '../core/api';
import { isAppUrl } from './app-url';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export const forbidden: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'IPC sender is not the Kiot app' },
};

/**
 * Trusted means: the call comes from the main (top-level) frame of a webContents we created,
 * and that frame is showing the app origin. Subframes, other windows, and frames that have
 * navigated elsewhere (or been destroyed: `senderFrame` is null) are refused.
 */
export function createSenderCheck(isOwnWebContents: (contents: WebContents) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame) return false;
    if (frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    return isOwnWebContents(event.sender);
  };
}

export type RegisterIpcOptions = { logger?: Logger };

/** Registers every channel; returns a function that removes them all again. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
  options: RegisterIpcOptions = {},
): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        options.logger?.warn('IPC from untrusted sender refused', { channel });
        return forbidden;
      }
      try {
        return await dispatch(channel, request);
      } catch (err) {
        // The dispatcher promises not to throw; if it ever does, the renderer still gets a Result.
        options.logger?.error('dispatch threw', { channel, error: String(err) });
        return { ok: false, error: { code: 'internal', message: 'Unexpected error' } };
      }
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}

const knownEvents: ReadonlySet<string> = new Set<string>(eventNames);

/**
 * Forwards core events to our window only. `getTarget` is read per event so a recreated
 * window picks them up, and a destroyed one is skipped.
 */
export function forwardEvents(
  onEvent: (listener: EventListener) => () => void,
  getTarget: () => Pick<WebContents, 'send' | 'isDestroyed'> | null,
): () => void {
  return onEvent((event: EventName, payload) => {
    if (!knownEvents.has(event)) return;
    const target = getTarget();
    if (!target || target.isDestroyed()) return;
    target.send(event, payload);
  });
}
