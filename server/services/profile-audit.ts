/**
 * What the profile services need from the audit trail: one event written inside the
 * transaction of the change it records, so a change without its event cannot commit.
 * Without one (unit tests of other parts) nothing is recorded.
 */
import type { AuditService } from './audit';

export type ProfileAudit = Pick<AuditService, 'record'>;
