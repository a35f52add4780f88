/** `log:*` — what the renderer reports to the kiosk's log file for IT. */
import { z } from 'zod';
import { Empty } from './common';
import type { DomainContract } from './common';

export const RendererError = z
  .object({
    message: z.string().min(1).max(2000),
    stack: z.string().max(8000).optional(),
    /** Where it was caught, e.g. `error-boundary`, `unhandledrejection`. */
    source: z.string().max(200).optional(),
  })
  .strict();
export type RendererError = z.infer<typeof RendererError>;

export const logContract = {
  /** An error the renderer caught; main writes it to its (redacted) log. */
  'log:rendererError': { request: RendererError, response: Empty },
} as const satisfies DomainContract<'log'>;
