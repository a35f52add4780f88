import { attract } from './attract';
import { auth } from './auth';
import { bills } from './bills';
import { common } from './common';
import { manager } from './manager';
import { session } from './session';

/** Vietnamese, the kiosk's first language and the source of every key. */
export const vi = { common, attract, auth, bills, session, manager } as const;
