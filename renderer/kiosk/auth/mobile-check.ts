import type * as PhoneMobile from '../../../shared/phone-mobile';

type MobileModule = typeof PhoneMobile;

let loading: Promise<MobileModule> | null = null;

/**
 * The mobile-number check, loaded on first use: its metadata is a large share of the kiosk's
 * script, and only the phone screen needs it. The phone screen starts the load when it opens.
 */
export function loadMobileCheck(): Promise<MobileModule> {
  loading ??= import('../../../shared/phone-mobile').catch((err: unknown) => {
    // A failed load is tried again on the next submit rather than remembered.
    loading = null;
    throw err;
  });
  return loading;
}
