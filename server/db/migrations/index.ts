/**
 * Every migration, in order. Listed by hand rather than read from the directory so the
 * hub works the same when bundled; a test checks that versions run 1, 2, 3… without gaps.
 */
import type { Migration } from '../migration';
import { migration0001 } from './0001-buildings-residents';
import { migration0002 } from './0002-bills';
import { migration0003 } from './0003-devices-sessions';
import { migration0004 } from './0004-otp';
import { migration0005 } from './0005-sync';
import { migration0006 } from './0006-audit';
import { migration0007 } from './0007-consents-policy';
import { migration0008 } from './0008-profile-changes';
import { migration0009 } from './0009-bills-by-unit';
import { migration0010 } from './0010-holidays';
import { migration0011 } from './0011-requests';
import { migration0012 } from './0012-staff-auth';
import { migration0013 } from './0013-residents-console';
import { migration0014 } from './0014-incidents';
import { migration0015 } from './0015-payments';
import { migration0016 } from './0016-emergency-broadcasts';
import { migration0017 } from './0017-bank-references';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017];
