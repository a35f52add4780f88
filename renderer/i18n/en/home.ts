import type { Translation } from '../resources';
import type { home as vi } from '../vi/home';

export const home: Translation<typeof vi> = {
  nav: 'Home',
  navLabel: 'Main sections',
  owe: {
    loading: 'Checking what you owe…',
    month: '{{month}}: {{amount}} due by {{date}}',
    months: '{{amount}} due, the first by {{date}}',
    overdueOnly: '{{amount}} is overdue: please pay it now',
    none: 'You have nothing left to pay',
  },
  overdue_one: 'Overdue by {{count}} day: {{amount}}',
  overdue_other: 'Overdue by {{count}} days: {{amount}}',
  shortcuts: {
    label: 'Shortcuts',
    bills: 'Bills',
    billsHint: 'Every charge, month by month',
    pay: 'Pay',
    payHint: 'Scan a VietQR code to pay {{amount}}',
    payNothing: 'Nothing to pay',
    profile: 'My information',
    profileHint: 'Name, address, phone',
    privacy: 'Privacy',
    privacyHint: 'Consents, policy, who looked',
    requests: 'My requests',
    requestsHint: 'Follow what you asked for',
  },
  notices: {
    title: 'Notices',
    none: 'No notices yet.',
    published: '{{date}}',
  },
  office: {
    title: 'Building management office',
    phone: 'Phone: {{phone}}',
    hours: 'Office hours: {{hours}}',
  },
};
