import type { Translation } from '../resources';
import type { consoleBroadcast as vi } from '../vi/console-broadcast';

export const consoleBroadcast: Translation<typeof vi> = {
  nav: 'Emergency notice',
  title: 'Emergency notice',
  help: "The notice fills the screen of every kiosk in the building, in Vietnamese and English, until you end it. A resident using a kiosk is signed out.",
  live: {
    title: 'On the kiosks now',
    none: 'No emergency notice is showing.',
    since: 'Started {{at}}',
    end: 'End the notice',
    ending: 'Ending…',
    endReason: 'Why it ends (optional)',
  },
  form: {
    titleVi: 'Title (Vietnamese)',
    titleEn: 'Title (English)',
    bodyVi: 'Text (Vietnamese)',
    bodyEn: 'Text (English)',
    reason: 'Reason (kept in the audit log, not shown on the kiosks)',
    submit: 'Review before sending',
    missing: 'Fill in the title and text in both languages, and the reason.',
  },
  confirm: {
    question: 'Show this notice on every kiosk of the building now?',
    yes: 'Send now',
    working: 'Sending…',
    no: 'Back to edit',
  },
  error: {
    forbidden: 'Only managers and administrators can send an emergency notice.',
    wrongState: 'Another emergency notice is showing. End it first.',
    notFound: 'This notice has already ended.',
  },
};
