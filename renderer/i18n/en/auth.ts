import type { Translation } from '../resources';
import type { auth as vi } from '../vi/auth';

export const auth: Translation<typeof vi> = {
  phone: {
    title: 'Enter your phone number',
    hint: 'We will send you a confirmation code by SMS.',
    placeholder: 'Phone number',
    displayLabel: 'Phone number entered',
    submit: 'Send code',
    sending: 'Sending code…',
    invalid: 'This phone number is not valid. Please check it.',
  },
  code: {
    title: 'Enter the confirmation code',
    sentTo: 'Code sent to {{phone}}',
    sentToYourPhone: 'A code was sent to your phone',
    displayLabel: 'Confirmation code: {{n}} of 6 digits entered',
    verifying: 'Checking the code…',
    wrong_one: 'Wrong code. {{count}} attempt left.',
    wrong_other: 'Wrong code. {{count}} attempts left.',
    wrongNoCount: 'Wrong code. Please try again.',
    locked: 'Too many wrong tries. Please request a new code.',
    expired: 'This code has expired. Please request a new code.',
    resend: 'Resend code',
    resendIn: 'Resend code in {{n}} s',
    requestNew: 'Request a new code',
    resent: 'A new code has been sent.',
    changeNumber: 'Change number',
  },
};
