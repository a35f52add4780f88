import type { Translation } from '../resources';
import type { manager as vi } from '../vi/manager';

export const manager: Translation<typeof vi> = {
  title: 'Management console',
  nav: {
    label: 'Navigation',
    overview: 'Overview',
  },
  overview: {
    title: 'Overview',
    loading: 'Loading…',
    device: 'This device',
    building: 'Building',
    version: 'Version',
    mode: 'Mode',
    notice: 'Staff sign-in and the management screens are not available in this version yet.',
  },
  mode: {
    kiosk: 'Resident kiosk',
    manager: 'Manager workstation',
  },
  notFound: {
    title: 'Page not found',
    body: 'This page is not part of the console.',
    home: 'Go to the overview',
  },
};
