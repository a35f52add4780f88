/** Scaffolding: the request routes answer "not yet" until the requests service lands. */
import { KiotError } from '../../shared/result';
import type { HandlersOf } from '../http/register-routes';

type RequestRouteKey =
  | 'me.requestOtp'
  | 'me.createRequest'
  | 'me.requests'
  | 'me.cancelRequest'
  | 'staff.requests'
  | 'staff.request'
  | 'staff.acknowledgeRequest'
  | 'staff.extendRequest'
  | 'staff.holdRequest'
  | 'staff.releaseRequest'
  | 'staff.refuseRequest'
  | 'staff.completeRequest'
  | 'staff.requestExport';

export function createRequestHandlers(): HandlersOf<RequestRouteKey> {
  const notYet = (): Promise<never> => Promise.reject(new KiotError('internal', 'Requests are not available yet'));
  return {
    'me.requestOtp': notYet,
    'me.createRequest': notYet,
    'me.requests': notYet,
    'me.cancelRequest': notYet,
    'staff.requests': notYet,
    'staff.request': notYet,
    'staff.acknowledgeRequest': notYet,
    'staff.extendRequest': notYet,
    'staff.holdRequest': notYet,
    'staff.releaseRequest': notYet,
    'staff.refuseRequest': notYet,
    'staff.completeRequest': notYet,
    'staff.requestExport': notYet,
  };
}
