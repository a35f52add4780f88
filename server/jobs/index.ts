/**
 * Every job the hub runs, in one list: the in-process scheduler, `npm run jobs -- --once`
 * and `POST /v1/dev/run-jobs` all take it from here. A new job is one more line.
 */
import type { ErasureService } from '../services/erasure';
import { createRequestDeadlineJob } from './deadline-job';
import type { DeadlineJobDeps } from './deadline-job';
import { createErasureJob } from './erasure-job';
import { createExportJob } from './export-job';
import { createIncidentDeadlineJob } from './incident-deadline-job';
import type { ExportJobDeps } from './export-job';
import type { HubJob } from './job';
import { createPaymentSweepJob } from './payment-sweep-job';
import type { PaymentService } from '../services/payments';

export type { HubJob, JobReport } from './job';

export type HubJobDeps = { erasure: ErasureService; exports: ExportJobDeps; deadlines: DeadlineJobDeps; payments?: Pick<PaymentService, 'sweep'> };

export function createHubJobs(deps: HubJobDeps): HubJob[] {
  return [createErasureJob(deps), createExportJob(deps.exports), createRequestDeadlineJob(deps.deadlines), createIncidentDeadlineJob(deps.deadlines), ...(deps.payments ? [createPaymentSweepJob({ payments: deps.payments })] : [])];
}
