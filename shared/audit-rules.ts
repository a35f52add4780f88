/**
 * Audit values the kiosk renderer needs, without zod: its first chunk imports them from here
 * rather than from shared/audit.ts (which re-exports them) and its schemas.
 */

/** The jobs of the hub that may touch personal data on their own, named for the resident. */
export const auditSystemJobs = ['receipts', 'reminders', 'erasure', 'export', 'sync'] as const;
