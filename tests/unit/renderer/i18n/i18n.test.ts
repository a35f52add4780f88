import { describe, expect, it } from 'vitest';
import { errorText } from '../../../../renderer/i18n/error-text';
import { formatInteger } from '../../../../renderer/i18n/format';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { namespaces } from '../../../../renderer/i18n/resources';
import type { T } from '../../../../renderer/i18n/i18n';
import { errorCodes } from '../../../../shared/result';

const tVi: T = createI18n('vi').getFixedT('vi', namespaces);
const tEn: T = createI18n('en').getFixedT('en', namespaces);

describe('the console strings', () => {
  it('are not in a new instance, and are there in both languages once the console adds them', () => {
    const i18n = createI18n('vi');
    expect(i18n.exists('manager:title')).toBe(false);
    expect(addConsoleResources(i18n)).toBe(i18n);
    expect(i18n.exists('manager:title')).toBe(true);
    const viTitle = i18n.t('manager:title');
    void i18n.changeLanguage('en');
    expect(i18n.t('manager:title')).not.toBe(viTitle);
    expect(i18n.exists('manager:title')).toBe(true);
  });
});

describe('translate', () => {
  it('fills placeholders and plural counts, and leaves a missing value visible', () => {
    expect(tVi('auth:code.wrong', { count: 3 })).toBe('Mã không đúng. Còn 3 lần thử.');
    expect(tEn('auth:code.wrong', { count: 3 })).toBe('Wrong code. 3 attempts left.');
    expect(tEn('auth:code.sentTo', { phone: '+84 *** *** 678' })).toBe('Code sent to +84 *** *** 678');
    // @ts-expect-error a message with {{phone}} does not compile without it
    expect(tEn('auth:code.sentTo')).toBe('Code sent to {{phone}}');
  });

  it('uses the English singular and the one Vietnamese form', () => {
    expect(tEn('common:error.rateLimitedSeconds', { count: 1 })).toBe('Too many tries. Please try again in 1 second.');
    expect(tEn('common:error.rateLimitedSeconds', { count: 2 })).toBe('Too many tries. Please try again in 2 seconds.');
    expect(tVi('common:error.rateLimitedSeconds', { count: 1 })).toBe('Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 1 giây.');
    expect(tEn('session:countdown.seconds', { count: 1 })).toBe('second');
    expect(tVi('session:countdown.seconds', { count: 1 })).toBe('giây');
  });

  it('does not escape what React escapes anyway', () => {
    expect(tEn('session:unit', { unit: 'A&B <1>' })).toBe('Apartment A&B <1>');
  });
});

describe('errorText', () => {
  it('words every error code in both languages', () => {
    for (const code of errorCodes) {
      expect(errorText(tVi, { code, message: 'x' })).not.toMatch(/[{}]/);
      expect(errorText(tEn, { code, message: 'x' })).not.toMatch(/[{}]/);
    }
  });

  it('counts attempts, singular in English', () => {
    expect(errorText(tEn, { code: 'wrong_code', message: 'x', attemptsLeft: 1 })).toBe('Wrong code. 1 attempt left.');
    expect(errorText(tVi, { code: 'wrong_code', message: 'x', attemptsLeft: 2 })).toBe('Mã không đúng. Còn 2 lần thử.');
    expect(errorText(tVi, { code: 'wrong_code', message: 'x' })).toBe('Mã không đúng. Vui lòng thử lại.');
  });

  it('says how long to wait when rate limited, in minutes when it is long', () => {
    expect(errorText(tVi, { code: 'rate_limited', message: 'x', retryAfterSeconds: 45 })).toBe('Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 45 giây.');
    expect(errorText(tEn, { code: 'rate_limited', message: 'x', retryAfterSeconds: 900 })).toBe('Too many tries. Please try again in 15 minutes.');
    expect(errorText(tEn, { code: 'rate_limited', message: 'x' })).toBe('Too many tries. Please try again later.');
  });

  it('takes a screen-specific wording', () => {
    expect(errorText(tVi, { code: 'invalid_input', message: 'x' }, { invalid_input: 'auth:phone.invalid' })).toBe('Số điện thoại không hợp lệ. Số di động 10 chữ số, ví dụ 0912 345 678.');
  });

  it('words hub_unavailable as the brief says', () => {
    expect(errorText(tVi, { code: 'hub_unavailable', message: 'x' })).toBe('Dịch vụ tạm thời không khả dụng, vui lòng thử lại.');
    expect(errorText(tEn, { code: 'hub_unavailable', message: 'x' })).toBe('Service unavailable, please try again.');
  });
});

describe('formatInteger', () => {
  it('groups thousands per language', () => {
    expect(formatInteger(10_542, 'vi')).toBe('10.542');
    expect(formatInteger(10_542, 'en')).toBe('10,542');
    expect(formatInteger(17, 'vi')).toBe('17');
  });
});
