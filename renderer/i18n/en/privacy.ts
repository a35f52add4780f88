import type { Translation } from '../resources';
import type { privacy as vi } from '../vi/privacy';

export const privacy: Translation<typeof vi> = {
  open: 'My data & privacy',
  bills: 'Bills',
  title: 'My data & privacy',
  intro: 'See and correct your information, choose how we use your data, and see who accessed it.',
  menu: {
    label: 'Privacy topics',
    profile: 'My information',
    profileHint: 'Name, apartment, phone number, email, contact address',
    consents: 'My consents',
    consentsHint: 'Bill reminders, surveys, news, sharing with partners',
    policy: 'Privacy policy',
    policyHint: 'Read the current policy and its earlier versions',
    accessLog: 'Who accessed my data',
    accessLogHint: 'Staff and the system who viewed or changed your data',
  },
};
