/** The `erasure` job: carries out due deletion requests (services/erasure.ts). */
import type { ErasureService } from '../services/erasure';
import type { HubJob } from './job';

/** A minute: a deletion runs at most about a minute after its announced time. */
export const ERASURE_EVERY_SECONDS = 60;

export function createErasureJob(deps: { erasure: ErasureService }): HubJob {
  return { name: 'erasure', everySeconds: ERASURE_EVERY_SECONDS, run: () => deps.erasure.runDue() };
}
