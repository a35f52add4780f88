import type { DomainHandlers } from '../../api';
import type { AppService } from './service';

export function createAppHandlers(app: AppService): DomainHandlers<'app'> {
  return {
    'app:info': async () => app.info(),
  };
}
