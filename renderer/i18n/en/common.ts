import type { Translation } from '../resources';
import type { common as vi } from '../vi/common';

export const common: Translation<typeof vi> = {
  loading: 'Starting…',
  back: 'Back',
  retry: 'Retry',
  scrollMore: 'Scroll for more',
  displayModes: {
    group: 'Display',
    largeText: 'Larger text',
    reach: 'Lower the screen',
  },
  language: {
    group: 'Language',
  },
  revoked: {
    title: 'This device was revoked',
    body: "The building's server no longer accepts this device. IT: get a new enrollment code in the management console and enroll the device again.",
    resident: 'Residents: please use another kiosk or contact the building management office.',
  },
  fatal: {
    title: 'This kiosk is not ready yet',
    body: 'Please try again in a few minutes or contact the building management office.',
  },
  crashed: {
    title: 'Something went wrong',
    body: 'This screen ran into a problem. Please touch “Retry”.',
  },
  keypad: {
    label: 'Number keypad',
    delete: 'Delete',
    deleteLabel: 'Delete the last digit',
    clear: 'Clear',
    clearLabel: 'Clear all digits',
  },
  error: {
    invalidInput: 'The information entered is not valid. Please check it.',
    rateLimited: 'Too many tries. Please try again later.',
    rateLimitedSeconds_one: 'Too many tries. Please try again in {{count}} second.',
    rateLimitedSeconds_other: 'Too many tries. Please try again in {{count}} seconds.',
    rateLimitedMinutes_one: 'Too many tries. Please try again in {{count}} minute.',
    rateLimitedMinutes_other: 'Too many tries. Please try again in {{count}} minutes.',
    hubUnavailable: 'Service unavailable, please try again.',
    wrongState: 'Your session changed. Please try again.',
    unauthorized: 'Your sign-in has expired. Please sign in again.',
    notFound: 'This information could not be found.',
    generic: 'Something went wrong. Please try again.',
    phoneInUse: 'Another resident already uses this phone number. Please use a different number or contact the management office.',
    phoneNotVietnamese: 'This is not a Vietnamese phone number. Please enter it like 0912 345 678.',
    emailInvalid: 'This email address is not right. For example: name@gmail.com',
    unknownPurpose: 'The current policy does not list this purpose. Your choice was not saved.',
    policyOutdated: 'The privacy policy has just been updated. Please review it and choose again.',
    consentNecessary: 'This is needed to provide the service, so it cannot be withdrawn.',
  },
};
