/** Starting the benchmark's server processes (hub-child.ts, bare-child.ts, memory-child.ts) and stopping them. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

export type Child<Ready> = { process: ChildProcess; ready: Ready; stop(): Promise<void> };

const here = import.meta.dirname;

/**
 * Forks `file` (TypeScript, through tsx) and waits for its first `{ type: 'ready' }` message.
 * `onMessage` sees every message, the ready one included.
 */
export function startChild<Ready extends { type: 'ready' }>(
  file: string,
  args: readonly string[],
  opts: { onMessage?: (message: unknown) => void; execArgv?: readonly string[]; timeoutMs?: number } = {},
): Promise<Child<Ready>> {
  const child = fork(path.join(here, file), [...args], {
    execArgv: [...(opts.execArgv ?? []), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Closing the channel asks the child to close its servers; a stuck one is killed.
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} was not ready within ${opts.timeoutMs ?? 120_000} ms`));
    }, opts.timeoutMs ?? 120_000);
    child.on('message', (message: unknown) => {
      opts.onMessage?.(message);
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready') {
        clearTimeout(timer);
        resolve({ process: child, ready: message as Ready, stop });
      }
    });
    // 'close', not 'exit': a message sent just before exiting may still be on its way at 'exit'.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (${signal ?? `code ${code}`}) before it was ready`));
    });
  });
}
