import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/channels';
import type { EventPayload } from '../../../shared/contract';
import { silentLogger } from '../../../shared/logger';
import type { Result } from '../../../shared/result';
import type { Dispatch, EventListener } from '../../../electron/core/api';
import { createSenderCheck, forwardEvents, registerIpc } from '../../../electron/main/ipc';
import { FakeIpcMain, FakeWebContents, fakeFrame, fakeInvokeEvent } from './electron-fake';

function setup() {
  const ipcMain = new FakeIpcMain();
  const ours = new FakeWebContents();
  const dispatch = vi.fn<Dispatch>(async (channel, request) => ({ ok: true, value: { channel, request } }));
  const isTrusted = createSenderCheck((contents) => contents.id === ours.id);
  const dispose = registerIpc(ipcMain as unknown as IpcMain, dispatch, isTrusted, { logger: silentLogger });
  return { ipcMain, ours, dispatch, dispose };
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('dispatches a trusted call and returns its result', async () => {
    const { ipcMain, ours, dispatch } = setup();
    const result = await ipcMain.invoke('auth:requestOtp', fakeInvokeEvent(ours), { phone: '0912345678' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('auth:requestOtp', { phone: '0912345678' });
    expect(result).toEqual({ ok: true, value: { channel: 'auth:requestOtp', request: { phone: '0912345678' } } });
  });

  const untrusted: Array<[string, (ours: FakeWebContents) => ReturnType<typeof fakeInvokeEvent>]> = [
    ['a missing (destroyed or navigated-away) frame', (ours) => fakeInvokeEvent(ours, null)],
    ['a foreign https origin', (ours) => fakeInvokeEvent(ours, fakeFrame('https://evil.example/'))],
    ['a file:// page', (ours) => fakeInvokeEvent(ours, fakeFrame('file:///tmp/index.html'))],
    ['another kiot host', (ours) => fakeInvokeEvent(ours, fakeFrame('kiot://evil/index.html'))],
    ['about:blank', (ours) => fakeInvokeEvent(ours, fakeFrame('about:blank'))],
    ['a subframe on the app origin', (ours) => fakeInvokeEvent(ours, fakeFrame('kiot://app/frame.html', ours.mainFrame))],
    ['a webContents we did not create', () => fakeInvokeEvent(new FakeWebContents())],
  ];

  it.each(untrusted)('refuses %s without calling the handler', async (_label, makeEvent) => {
    const { ipcMain, ours, dispatch } = setup();
    for (const channel of channelNames) {
      const result = (await ipcMain.invoke(channel, makeEvent(ours), {})) as Result<unknown>;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('forbidden');
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a dispatcher that throws into an internal error', async () => {
    const ipcMain = new FakeIpcMain();
    const ours = new FakeWebContents();
    registerIpc(ipcMain as unknown as IpcMain, async () => Promise.reject(new Error('boom: secret detail')), createSenderCheck(() => true));
    const result = await ipcMain.invoke('bills:list', fakeInvokeEvent(ours), {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error' } });
  });

  it('ignores extra arguments beyond the request', async () => {
    const { ipcMain, ours, dispatch } = setup();
    await ipcMain.invoke('bills:get', fakeInvokeEvent(ours), { billId: 'b1' }, 'extra', { more: true });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('bills:get', { billId: 'b1' });
  });

  it('unregisters everything on dispose', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('createSenderCheck', () => {
  it('accepts the main frame of our own window on the app origin', () => {
    const ours = new FakeWebContents();
    const check = createSenderCheck((c) => c.id === ours.id);
    expect(check(fakeInvokeEvent(ours) as unknown as IpcMainInvokeEvent)).toBe(true);
  });

  it('consults ownership with the sending webContents', () => {
    const ours = new FakeWebContents();
    const isOwn = vi.fn((_c: WebContents) => false);
    createSenderCheck(isOwn)(fakeInvokeEvent(ours) as unknown as IpcMainInvokeEvent);
    expect(isOwn).toHaveBeenCalledWith(ours);
  });
});

describe('forwardEvents', () => {
  const payload: EventPayload<'session:changed'> = {
    state: 'attract',
    countdown: null,
    maskedPhone: null,
    resident: null,
    lastLock: { reason: 'idle', at: '2025-01-01T00:00:00.000Z' },
  };

  function source() {
    const listeners: EventListener[] = [];
    const onEvent = (listener: EventListener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    };
    const emit = () => listeners.forEach((l) => l('session:changed', payload));
    return { onEvent, emit, listeners };
  }

  it('sends core events to our window only', () => {
    const { onEvent, emit } = source();
    const ours = new FakeWebContents();
    const other = new FakeWebContents();
    forwardEvents(onEvent, () => ours as unknown as WebContents);
    emit();
    expect(ours.sent).toEqual([{ channel: 'session:changed', args: [payload] }]);
    expect(other.sent).toEqual([]);
  });

  it('skips a missing or destroyed window, and stops after unsubscribe', () => {
    const { onEvent, emit, listeners } = source();
    const ours = new FakeWebContents();
    let target: FakeWebContents | null = null;
    const off = forwardEvents(onEvent, () => target as unknown as WebContents | null);
    emit();
    target = ours;
    ours.destroyed = true;
    emit();
    expect(ours.sent).toEqual([]);
    off();
    expect(listeners).toHaveLength(0);
  });
});
