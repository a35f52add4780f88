import type { DomainHandlers } from '../../api';
import type { SessionService } from './service';

export function createSessionHandlers(sessions: SessionService): DomainHandlers<'session'> {
  return {
    'session:get': async () => sessions.view(),
    'session:start': async () => sessions.start(),
    'session:activity': async () => {
      sessions.activity();
      return {};
    },
    'session:continue': async () => sessions.continue(),
    'session:end': async () => sessions.end(),
    'session:setLocale': async ({ locale }) => {
      sessions.setLocale(locale);
      return {};
    },
  };
}
