/**
 * Malformed WebSocket traffic at the web host, written as raw bytes over a TCP socket: a WebSocket
 * client library would refuse to send most of these frames. The web host runs in this process
 * with the kiosk core and the hub, so a crash would take all three down; each case must end with
 * the host closing (or losing) that one connection and still answering a fresh one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { startDevStack } from '../../dev/dev-stack';
import type { DevStack } from '../../dev/dev-stack';
import { WEB_HOST_WS_PATH } from '../../dev/web-host/protocol';
import type { ServerMessage } from '../../dev/web-host/protocol';

const MAX_PAYLOAD = 64 * 1024;
const OP_TEXT = 0x1;
const OP_CLOSE = 0x8;

let stack: DevStack;
let dataDir: string;
/** Anything the process would have died of: filled by the listeners below, checked after every case. */
const fatal: unknown[] = [];
const waiters = new Set<(err: unknown) => void>();
const onFatal = (err: unknown): void => {
  fatal.push(err);
  for (const w of waiters) w(err);
};

beforeAll(async () => {
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-webhost-frames-'));
  const rendererDir = path.join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body>kiosk</body></html>');
  stack = await startDevStack({ dataDir: path.join(dataDir, 'stack'), rendererDir });
});

afterAll(async () => {
  process.off('uncaughtException', onFatal);
  process.off('unhandledRejection', onFatal);
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  // Emptied each time, so one case's crash is reported against that case alone.
  expect(fatal.splice(0)).toEqual([]);
});

type FrameOptions = { fin?: boolean; masked?: boolean; declaredLength?: number };

/** One client frame, masked as RFC 6455 requires unless told otherwise. */
function frame(opcode: number, payload: Buffer, opts: FrameOptions = {}): Buffer {
  const { fin = true, masked = true, declaredLength = payload.length } = opts;
  const head: number[] = [(fin ? 0x80 : 0) | opcode];
  const maskBit = masked ? 0x80 : 0;
  if (declaredLength < 126) head.push(maskBit | declaredLength);
  else if (declaredLength < 0x10000) head.push(maskBit | 126, declaredLength >> 8, declaredLength & 0xff);
  else {
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(declaredLength));
    head.push(maskBit | 127, ...len);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ (key[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from(head), key, body]);
}

const text = (s: string): Buffer => frame(OP_TEXT, Buffer.from(s, 'utf8'));

type ServerFrame = { opcode: number; payload: Buffer };
type Outcome = { frames: ServerFrame[]; closeCode: number | null };

/** Splits what the server sent after the handshake into frames (server frames are never masked). */
function parseServerFrames(buf: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let at = 0;
  while (at + 2 <= buf.length) {
    const opcode = (buf[at] ?? 0) & 0x0f;
    let len = (buf[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (len === 126) {
      len = buf.readUInt16BE(start);
      start += 2;
    } else if (len === 127) {
      len = Number(buf.readBigUInt64BE(start));
      start += 8;
    }
    if (start + len > buf.length) break;
    frames.push({ opcode, payload: buf.subarray(start, start + len) });
    at = start + len;
  }
  return frames;
}

/**
 * Opens a WebSocket by hand (token, Origin, key), sends `bytes`, then reads until the connection
 * ends: answering the server's close frame, or ending it ourselves when `thenEnd` is set. Rejects
 * if the process hits an uncaught error meanwhile, which would otherwise have killed it.
 */
function rawSession(bytes: Buffer, opts: { thenEnd?: boolean } = {}): Promise<Outcome> {
  const port = Number(new URL(stack.web.origin).port);
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  return new Promise<Outcome>((resolve, reject) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let upgraded = false;
    let replied = false;
    const onFatalHere = (err: unknown): void => {
      socket.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    waiters.add(onFatalHere);
    // The server may reset the connection while a refused frame is still being written.
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!upgraded) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = received.subarray(0, end).toString('latin1');
        if (!head.startsWith('HTTP/1.1 101 ') || !head.includes(`Sec-WebSocket-Accept: ${accept}`)) {
          socket.destroy();
          reject(new Error(`handshake refused: ${head.split('\r\n')[0] ?? ''}`));
          return;
        }
        upgraded = true;
        received = received.subarray(end + 4);
        socket.write(bytes);
        if (opts.thenEnd) socket.end();
      }
      const close = parseServerFrames(received).find((f) => f.opcode === OP_CLOSE);
      if (close && !replied) {
        replied = true;
        socket.end(frame(OP_CLOSE, close.payload.subarray(0, 2)));
      }
    });
    socket.once('close', () => {
      waiters.delete(onFatalHere);
      if (!upgraded) return reject(new Error('connection closed before the handshake finished'));
      const frames = parseServerFrames(received);
      const close = frames.find((f) => f.opcode === OP_CLOSE);
      resolve({ frames, closeCode: close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null });
    });
    socket.write(
      `GET ${WEB_HOST_WS_PATH}?token=${stack.web.token} HTTP/1.1\r\n` +
        `Host: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nOrigin: ${stack.web.origin}\r\n\r\n`,
    );
  });
}

/** A normal contract call on a fresh connection, through the ws client library. */
async function appInfoOnFreshSocket(): Promise<ServerMessage> {
  const ws = new WebSocket(`ws://127.0.0.1:${new URL(stack.web.origin).port}${WEB_HOST_WS_PATH}?token=${stack.web.token}`, {
    origin: stack.web.origin,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise<ServerMessage>((resolve) => {
      ws.on('message', (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data)) as ServerMessage;
        if (msg.kind === 'result' && msg.id === 1) resolve(msg);
      });
      ws.send(JSON.stringify({ id: 1, channel: 'app:info', request: {} }));
    });
  } finally {
    ws.close();
  }
}

describe('web host: malformed WebSocket traffic', () => {
  // 1002 protocol error, 1007 invalid data, 1008 policy violation, 1009 message too big.
  it.each<{ name: string; bytes: () => Buffer; closeCode: number }>([
    { name: 'a JSON null', bytes: () => text('null'), closeCode: 1008 },
    { name: 'a JSON string', bytes: () => text('"str"'), closeCode: 1008 },
    { name: 'a JSON array', bytes: () => text('[]'), closeCode: 1008 },
    { name: 'an object whose id is null', bytes: () => text('{"id":null}'), closeCode: 1008 },
    { name: 'text that is not JSON', bytes: () => text('{"id":'), closeCode: 1008 },
    { name: 'a frame over the size limit', bytes: () => text('x'.repeat(MAX_PAYLOAD + 1)), closeCode: 1009 },
    { name: 'a text frame with invalid UTF-8', bytes: () => frame(OP_TEXT, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), closeCode: 1007 },
    { name: 'a frame with the reserved opcode 0x3', bytes: () => frame(0x3, Buffer.from('{}')), closeCode: 1002 },
    { name: 'an unmasked client frame', bytes: () => frame(OP_TEXT, Buffer.from('{}'), { masked: false }), closeCode: 1002 },
  ])('$name: the host closes that connection with $closeCode and keeps serving', async ({ bytes, closeCode }) => {
    const outcome = await rawSession(bytes());
    expect(outcome.closeCode).toBe(closeCode);
    expect(await appInfoOnFreshSocket()).toMatchObject({ kind: 'result', id: 1, result: { ok: true, value: { mode: 'kiosk' } } });
  });

  it('a truncated frame followed by the end of the connection: the host keeps serving', async () => {
    const outcome = await rawSession(frame(OP_TEXT, Buffer.from('{"i'), { declaredLength: 40 }), { thenEnd: true });
    expect(outcome.closeCode).toBeNull();
    expect(await appInfoOnFreshSocket()).toMatchObject({ kind: 'result', id: 1, result: { ok: true, value: { mode: 'kiosk' } } });
  });

  it('an object with a usable id but no channel gets a typed error answer on the same connection', async () => {
    const outcome = await rawSession(Buffer.concat([text('{"id":7,"request":{}}'), frame(OP_CLOSE, Buffer.from([0x03, 0xe8]))]));
    const answers = outcome.frames.filter((f) => f.opcode === OP_TEXT).map((f) => JSON.parse(f.payload.toString('utf8')) as unknown);
    expect(answers).toEqual([{ kind: 'result', id: 7, result: { ok: false, error: { code: 'invalid_input', message: expect.any(String) } } }]);
    expect(outcome.closeCode).toBe(1000);
  });
});

describe('web host: random frames', () => {
  it('any frame (any opcode, flags, mask and bytes), then the end of the connection: nothing crashes and the host keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 15 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.boolean(),
        fc.boolean(),
        async (opcode, payload, fin, masked) => {
          await rawSession(frame(opcode, Buffer.from(payload), { fin, masked }), { thenEnd: true });
          expect(fatal).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
    expect(await appInfoOnFreshSocket()).toMatchObject({ kind: 'result', id: 1, result: { ok: true, value: { mode: 'kiosk' } } });
  });
});
