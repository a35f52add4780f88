/**
 * A TCP relay between the kiosk and the hub that the test can cut and restore. The kiosk keeps
 * one hub address for the whole test, so "the hub goes down and comes back" never depends on
 * re-binding a port the operating system may have handed to someone else in between.
 */
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';

export type HubCut = {
  /** The address to give the kiosk as its hub. */
  readonly url: string;
  /** Where connections are relayed to; set it before the first request. */
  target: string;
  /** Drops every open connection and resets new ones, as a hub that is gone would. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
};

export async function startHubCut(): Promise<HubCut> {
  const open = new Set<Socket>();
  let down = false;
  let target = '';

  const track = (socket: Socket): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const server = createServer((client) => {
    track(client);
    if (down || target === '') {
      client.resetAndDestroy();
      return;
    }
    const { hostname, port } = new URL(target);
    const upstream = connect({ host: hostname, port: Number(port) });
    track(upstream);
    client.pipe(upstream).pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.once('error', drop);
    upstream.once('error', drop);
    client.once('close', drop);
    upstream.once('close', drop);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the hub relay has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    get target() {
      return target;
    },
    set target(value: string) {
      target = value;
    },
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
