/**
 * The text the console's resident search compares: lower case, without Vietnamese diacritics
 * (đ becomes d: Unicode does not decompose it), single spaces. The hub stores each resident's
 * searchable text in this form and normalizes the query the same way, so "nguyen van a" finds
 * "Nguyễn Văn A" and "dang" finds "Đặng" with a plain substring match on either database.
 */

/** `Nguyễn  Văn Á` → `nguyen van a`. */
export function normalizeSearchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The forms a Vietnamese number is typed in, digits only: `+84901234567` → `0901234567` and
 * `84901234567`, so "0901 234", "+84 901 234" and "901234" all find it as a substring.
 */
export function phoneSearchForms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  if (digits.startsWith('84')) return [`0${digits.slice(2)}`, digits];
  return [digits];
}

/** What one resident can be found by: name, email, phone forms and unit labels, normalized. */
export function residentSearchText(input: { fullName: string; email: string | null; phoneE164: string; unitLabels: readonly string[] }): string {
  const parts = [input.fullName, input.email ?? '', ...phoneSearchForms(input.phoneE164), ...input.unitLabels];
  return normalizeSearchText(parts.join(' '));
}

/** At most this many words of a query count; more would only slow the match. */
export const SEARCH_MAX_TERMS = 6;

/**
 * A query as the terms every match must contain. A query that looks like a phone number
 * (digits with spaces, dots, dashes, brackets or a leading +) is one term of its digits, so
 * "0901 234" matches `0901234567` although the stored form has no space.
 */
export function searchTerms(query: string): string[] {
  const trimmed = query.trim();
  if (/^\+?[\d\s.()-]+$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length >= 3) return [digits];
  }
  const words = normalizeSearchText(trimmed)
    .split(' ')
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, SEARCH_MAX_TERMS);
}
