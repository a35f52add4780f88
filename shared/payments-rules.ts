/**
 * Payment values the kiosk renderer needs, without zod: its first chunk imports them from
 * here rather than from shared/payments.ts (which re-exports them) and its schemas.
 */

/**
 * Uppercase ASCII letters and digits, at most 19 characters (what banks keep of a transfer's
 * content without truncation), random: it names neither the resident nor the unit, since
 * banks and the payer's app see it. Shaped `KT` + 8 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), so it can be read aloud and typed.
 */
export const PAYMENT_CODE_PREFIX = 'KT';
