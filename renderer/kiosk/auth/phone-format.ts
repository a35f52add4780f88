/** Longest number the keypad accepts: 10-digit mobiles, 11-digit landlines. */
export const MAX_PHONE_DIGITS = 11;

/** `0912345678` → `0912 345 678`, the way Vietnamese numbers are read aloud. */
export function groupPhoneDigits(digits: string): string {
  const groups = [digits.slice(0, 4), digits.slice(4, 7), digits.slice(7)];
  return groups.filter((g) => g.length > 0).join(' ');
}

/**
 * `0912345678` → `0912 *** 678`: the number as the resident typed it, with its middle hidden
 * from whoever stands behind them. Null when too short to mask.
 */
export function maskTypedPhone(digits: string): string | null {
  if (digits.length < 10) return null;
  return `${digits.slice(0, digits.length - 6)} *** ${digits.slice(-3)}`;
}
