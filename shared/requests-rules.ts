/**
 * Request values the kiosk renderer needs, without zod: its first chunk imports them from
 * here rather than from shared/requests.ts (which re-exports them) and its schemas.
 */

/** Days between a deletion request and the erasure, in which the resident may still cancel. */
export const DELETION_DELAY_DAYS = 5;
