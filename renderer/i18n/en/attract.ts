import type { Translation } from '../resources';
import type { attract as vi } from '../vi/attract';

export const attract: Translation<typeof vi> = {
  welcome: 'Welcome to',
  start: 'Touch to start',
  hint: 'See the bills for your apartment',
  sessionEnded: 'The previous session ended to protect your information.',
  policy: 'Privacy policy',
};
