import { normalizeVietnamesePhone } from '../../shared/phone';
import { KiotError } from '../../shared/result';
import type { DevMailAdapter } from '../adapters/mail/dev-mail';
import type { DevSmsAdapter } from '../adapters/sms/sms-adapter';
import type { HandlersOf } from '../http/register-routes';
import type { JobReport } from '../jobs/job';

/**
 * The dev routes are served only by a hub in dev mode with the dev SMS adapter; elsewhere
 * they are not registered at all (404), so `sms` is null only where nothing can call them.
 * `mail` is null when a dev hub was given a real mail adapter: its outbox then answers 404.
 */
export function createDevHandlers(deps: {
  sms: DevSmsAdapter | null;
  mail: DevMailAdapter | null;
  /** Runs every hub job once (the e2e tests use it to make a due erasure happen now). */
  runJobs: () => Promise<Record<string, JobReport>>;
}): HandlersOf<'dev.smsOutbox' | 'dev.mailOutbox' | 'dev.runJobs'> {
  return {
    'dev.smsOutbox': async ({ query }) => {
      if (deps.sms === null) throw new KiotError('not_found', 'No dev SMS outbox on this hub');
      let to: string | null = null;
      if (query.to !== undefined) {
        // A raw `+` in a query string decodes to a space; normalizing copes with both.
        to = normalizeVietnamesePhone(query.to);
        if (!to) throw new KiotError('invalid_input', `Not a Vietnamese phone number: ${query.to}`);
      }
      return { messages: deps.sms.messages().filter((m) => to === null || m.to === to) };
    },
    'dev.mailOutbox': async ({ query }) => {
      if (deps.mail === null) throw new KiotError('not_found', 'No dev mail outbox on this hub');
      const to = query.to?.toLowerCase() ?? null;
      return { messages: deps.mail.messages().filter((m) => to === null || m.to.trim().toLowerCase() === to) };
    },
    'dev.runJobs': async () => ({ jobs: await deps.runJobs() }),
  };
}
