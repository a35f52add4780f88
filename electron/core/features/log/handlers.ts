import type { DomainHandlers } from '../../api';
import type { LogService } from './service';

export function createLogHandlers(log: LogService): DomainHandlers<'log'> {
  return {
    'log:rendererError': async (report, ctx) => {
      log.rendererError(report, ctx);
      return {};
    },
  };
}
