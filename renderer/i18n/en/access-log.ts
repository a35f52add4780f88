import type { Translation } from '../resources';
import type { accessLog as vi } from '../vi/access-log';

export const accessLog: Translation<typeof vi> = {
  title: 'Who accessed my data',
  intro: 'Every time staff or the system looks at or changes your personal information, it is recorded here with the reason. These records cannot be edited or deleted. The newest is at the top.',
  loading: 'Loading…',
  empty: 'No staff member or system job has looked at or changed your data yet.',
  entry: '{{who}} {{what}}',
  staff: '{{name}} ({{role}})',
  system: 'The system',
  systemJob: 'The system ({{job}})',
  reason: 'Reason: {{reason}}',
  noReason: 'No reason recorded',
  role: {
    manager: 'Management board',
    care: 'Resident care',
    admin: 'System administrator',
    auditor: 'Auditor',
  },
  job: {
    receipts: 'receipts',
    reminders: 'bill reminders',
    erasure: 'data erasure',
    export: 'data export',
    sync: 'sync',
  },
  action: {
    profileViewed: 'viewed your profile',
    phoneChanged: 'changed your phone number',
    emailChanged: 'changed your email',
    nameChanged: 'corrected your name',
    addressChanged: 'corrected your contact address',
    consentsViewed: 'viewed your consent choices',
    consentsChanged: 'changed your consent choices',
    dataExported: 'exported your data',
    dataErased: 'erased your data',
    correctionDecided: 'decided on your correction request',
    contactChangeDecided: 'decided on your phone number change request',
    requestHandled: 'worked on one of your requests',
    other: 'accessed your data',
  },
};
