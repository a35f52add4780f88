import type { Locale } from '../../shared/domain';

/** Groups an integer's thousands the way `formatVnd` does: `12.345` (vi), `12,345` (en). */
export function formatInteger(value: number, locale: Locale): string {
  const digits = Math.abs(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'vi' ? '.' : ',');
  return `${value < 0 ? '-' : ''}${digits}`;
}
