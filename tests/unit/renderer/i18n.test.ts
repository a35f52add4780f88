import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { errorText } from '../../../renderer/i18n/error-text';
import { formatInteger } from '../../../renderer/i18n/format';
import { dictionaries, placeholdersOf, translate } from '../../../renderer/i18n/translate';
import type { MessageKey, Translate } from '../../../renderer/i18n/translate';
import { vi } from '../../../renderer/i18n/vi';
import { errorCodes } from '../../../shared/result';

describe('dictionaries', () => {
  it('vi and en have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('vi and en use the same placeholders in every message', () => {
    for (const key of Object.keys(vi) as MessageKey[]) {
      expect({ key, placeholders: placeholdersOf(en[key]) }).toEqual({ key, placeholders: placeholdersOf(vi[key]) });
    }
  });

  it('has no empty message', () => {
    for (const dictionary of Object.values(dictionaries)) {
      for (const message of Object.values(dictionary)) expect(message.trim()).not.toBe('');
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('vi', 'code.wrong', { n: 3 })).toBe('Mã không đúng. Còn 3 lần thử.');
    expect(translate('en', 'code.wrong', { n: 3 })).toBe('Wrong code. 3 attempts left.');
    expect(translate('en', 'code.wrong')).toBe('Wrong code. {n} attempts left.');
  });
});

describe('errorText', () => {
  const tVi: Translate = (key, params) => translate('vi', key, params);
  const tEn: Translate = (key, params) => translate('en', key, params);

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
    expect(errorText(tVi, { code: 'invalid_input', message: 'x' }, { invalid_input: 'phone.invalid' })).toBe('Số điện thoại không hợp lệ. Vui lòng kiểm tra lại.');
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
