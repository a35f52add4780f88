import type * as Phone from '../../../shared/phone';
import type * as PhoneMobile from '../../../shared/phone-mobile';

type MobileModule = Pick<typeof PhoneMobile, 'normalizeVietnameseMobile'> & Pick<typeof Phone, 'normalizeVietnamesePhone'>;

let loading: Promise<MobileModule> | null = null;

/**
 * The phone-number checks, loaded on first use: libphonenumber and its metadata are a large
 * share of the kiosk's script, and only the phone screens need them (the sign-in's phone
 * screen and the profile's phone change start the load when they open).
 */
export function loadMobileCheck(): Promise<MobileModule> {
  loading ??= Promise.all([import('../../../shared/phone-mobile'), import('../../../shared/phone')])
    .then(([mobile, phone]) => ({ normalizeVietnameseMobile: mobile.normalizeVietnameseMobile, normalizeVietnamesePhone: phone.normalizeVietnamesePhone }))
    .catch((err: unknown) => {
      // A failed load is tried again on the next submit rather than remembered.
      loading = null;
      throw err;
    });
  return loading;
}
