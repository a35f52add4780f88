/**
 * The `payment-sweep` job: payment intents still open 24 hours after they were made, with no
 * money against them, become `expired` and flagged for the managers' list. One UPDATE with
 * its own condition, so two hubs sweeping at once expire each intent once. A transfer that
 * arrives later still matches the intent by its code.
 */
import type { PaymentService } from '../services/payments';
import type { HubJob, JobReport } from './job';

export const PAYMENT_SWEEP_JOB_NAME = 'payment-sweep';

export function createPaymentSweepJob(deps: { payments: Pick<PaymentService, 'sweep'> }): HubJob {
  return {
    name: PAYMENT_SWEEP_JOB_NAME,
    // Hourly: an intent is flagged at most an hour after its 24 hours ran out.
    everySeconds: 60 * 60,
    async run(): Promise<JobReport> {
      const { expired } = await deps.payments.sweep();
      return { done: expired, failed: 0 };
    },
  };
}
