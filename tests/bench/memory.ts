/**
 * Section `memory`: kiosk-core heap growth over 10,000 simulated resident sessions
 * (1,000 with `--quick`), measured in a child process with `--expose-gc` (memory-child.ts).
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { startChild } from './children';
import type { MemoryChildReady } from './memory-child';
import { makeMetric } from './report';
import type { BenchContext } from './report';

export async function benchMemory(ctx: BenchContext): Promise<void> {
  const sessions = ctx.quick ? 1_000 : 10_000;
  const dir = path.join(ctx.dir, 'memory');
  await mkdir(dir, { recursive: true });
  const child = await startChild<MemoryChildReady>('memory-child.ts', [String(sessions), dir], { execArgv: ['--expose-gc'], timeoutMs: 15 * 60_000 });
  await child.stop();
  const r = child.ready;
  ctx.log(`memory: ${r.sessions} sessions at ${r.msPerSession.toFixed(2)} ms each; heap after GC every fifth: ${r.heapTrailMb.join(', ')} MB; replayed ${r.routes.join(', ')}`);
  ctx.emit(makeMetric({ metric: 'kiosk.memory.heap_after_sessions', value: r.heapEndMb, unit: 'MB', baseline: r.heapStartMb }));
  // Scaled to 10,000 sessions, so a --quick run is held to the same budget (the growth is steady, see the trail above).
  const per10k = ((r.heapEndMb - r.heapStartMb) * 10_000) / r.sessions;
  ctx.emit(makeMetric({ metric: 'kiosk.memory.heap_growth_per_10000_sessions', value: per10k, unit: 'MB', budget: { atMost: 10 } }));
}
