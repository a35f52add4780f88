/** 272 → `4:32`, 45 → `0:45`: a short wait as a clock shows it, the same in both languages. */
export function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
