import type { DomainHandlers } from '../../api';
import type { AccessLogService } from './service';

export function createAccessLogHandlers(accessLog: AccessLogService): DomainHandlers<'accessLog'> {
  return {
    'accessLog:list': async () => ({ entries: await accessLog.list() }),
  };
}
