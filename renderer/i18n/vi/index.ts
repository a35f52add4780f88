import { attract } from './attract';
import { auth } from './auth';
import { bills } from './bills';
import { home } from './home';
import { common } from './common';
import { manager } from './manager';
import { session } from './session';
import { privacy } from './privacy';
import { profile } from './profile';
import { consents } from './consents';
import { accessLog } from './access-log';
import { keyboard } from './keyboard';
import { requests } from './requests';
import { payments } from './payments';
import { consoleIncidents } from './console-incidents';
import { consoleRequests } from './console-requests';
import { consoleResidents } from './console-residents';
import { consoleAudit } from './console-audit';
import { consoleDevices } from './console-devices';
import { consolePayments } from './console-payments';
import { consoleBroadcast } from './console-broadcast';

/** Vietnamese, the kiosk's first language and the source of every key. */
export const vi = { common, attract, auth, bills, home, session, manager, privacy, profile, consents, accessLog, keyboard, requests, payments, consoleRequests, consoleResidents, consoleIncidents, consoleAudit, consoleDevices, consolePayments, consoleBroadcast } as const;
