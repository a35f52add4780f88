import type { Translation } from '../resources';
import type { session as vi } from '../vi/session';

export const session: Translation<typeof vi> = {
  hello: 'Hello,',
  unit: 'Apartment {{unit}}',
  signOut: 'Sign out',
  countdown: {
    title: 'Are you still there?',
    body: 'To protect your information, this session will end in',
    seconds_one: 'second',
    seconds_other: 'seconds',
    continue: 'Continue',
    endNow: 'End now',
  },
};
