import type { Translation } from '../resources';
import type { attract as vi } from '../vi/attract';

export const attract: Translation<typeof vi> = {
  welcome: 'Welcome to',
  start: 'Touch to start',
  hint: 'See the bills for your apartment',
  sessionEnded: 'The previous session ended to protect your information.',
  policy: 'Privacy policy',
  clock: 'It is {{time}}, {{weekday}} {{date}}',
  weekday: {
    sun: 'Sunday',
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
  },
  announcements: {
    title: 'Notices from the management board',
    published: 'Posted {{date}}',
    show: 'Show notice {{n}} of {{count}}',
    pause: 'Pause the notices',
    resume: 'Resume the notices',
  },
  office: 'Management office: {{phone}}',
  emergency: {
    label: 'EMERGENCY NOTICE',
    since: 'Since {{time}} on {{date}}',
  },
};
