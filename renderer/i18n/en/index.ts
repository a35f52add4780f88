import type { Translations } from '../resources';
import { attract } from './attract';
import { auth } from './auth';
import { bills } from './bills';
import { common } from './common';
import { manager } from './manager';
import { session } from './session';

export const en: Translations = { common, attract, auth, bills, session, manager };
