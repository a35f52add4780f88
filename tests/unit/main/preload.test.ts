import type { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, eventMethodName, eventNames, splitChannel } from '../../../shared/channels';

// The preload runs against this instead of Electron.
const captured = vi.hoisted(() => {
  const exposed: Array<{ key: string; api: unknown }> = [];
  return { exposed, invoke: { calls: [] as Array<[string, ...unknown[]]> } };
});

const ipcRenderer = vi.hoisted(() => ({ emitter: null as EventEmitter | null }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const emitter = new Emitter();
  ipcRenderer.emitter = emitter;
  return {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => captured.exposed.push({ key, api }),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        captured.invoke.calls.push([channel, ...args]);
        return { ok: true, value: { echoed: channel } };
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => emitter.removeListener(channel, listener),
      // Present on the real object; the preload must not pass these through.
      send: () => {},
      sendSync: () => {},
      postMessage: () => {},
    },
  };
});

type Api = Record<string, unknown>;
let api: Api;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  expect(captured.exposed).toHaveLength(1);
  api = captured.exposed[0]!.api as Api;
});

describe('preload', () => {
  it('exposes a single global, window.kiot', () => {
    expect(captured.exposed.map((e) => e.key)).toEqual(['kiot']);
  });

  it('exposes exactly one function per channel and one subscription per event, nothing else', () => {
    const expected = new Map<string, string[]>();
    for (const channel of channelNames) {
      const [domain, verb] = splitChannel(channel);
      expected.set(domain, [...(expected.get(domain) ?? []), verb]);
    }
    const eventMethods = eventNames.map((e) => eventMethodName(e));
    expect(Object.keys(api).sort()).toEqual([...expected.keys(), ...eventMethods].sort());
    for (const [domain, verbs] of expected) {
      const ns = api[domain] as Record<string, unknown>;
      expect(Object.keys(ns).sort(), domain).toEqual([...verbs].sort());
      for (const verb of verbs) expect(typeof ns[verb], `${domain}.${verb}`).toBe('function');
    }
    for (const method of eventMethods) expect(typeof api[method]).toBe('function');
    const flat = JSON.stringify(Object.keys(api)) + JSON.stringify(Object.values(api).map((v) => (typeof v === 'object' && v ? Object.keys(v) : [])));
    for (const leaked of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'postMessage', 'require', 'process']) {
      expect(flat).not.toContain(`"${leaked}"`);
    }
  });

  it('each method invokes its own channel with the request', async () => {
    for (const channel of channelNames) {
      const [domain, verb] = splitChannel(channel);
      captured.invoke.calls.length = 0;
      const fn = (api[domain] as Record<string, (req?: unknown) => Promise<unknown>>)[verb]!;
      await expect(fn({ probe: channel })).resolves.toEqual({ ok: true, value: { echoed: channel } });
      expect(captured.invoke.calls).toEqual([[channel, { probe: channel }]]);
    }
  });

  it('a request-less call sends an empty object', async () => {
    captured.invoke.calls.length = 0;
    await (api.bills as Record<string, () => Promise<unknown>>).list!();
    expect(captured.invoke.calls).toEqual([['bills:list', {}]]);
  });

  it('subscriptions deliver the payload only (never the IPC event) and can be removed', () => {
    const emitter = ipcRenderer.emitter!;
    const onSessionChanged = api.onSessionChanged as (listener: (...args: unknown[]) => void) => () => void;
    const received: unknown[][] = [];
    const off = onSessionChanged((...args) => received.push(args));
    expect(emitter.listenerCount('session:changed')).toBe(1);
    const fakeIpcEvent = { sender: { send: () => {} }, ports: [] };
    emitter.emit('session:changed', fakeIpcEvent, { state: 'attract' });
    expect(received).toEqual([[{ state: 'attract' }]]);
    off();
    expect(emitter.listenerCount('session:changed')).toBe(0);
    emitter.emit('session:changed', fakeIpcEvent, { state: 'phone' });
    expect(received).toHaveLength(1);
  });
});
