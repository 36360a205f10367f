import { defineMessages } from '../define-messages.js';

/** Small shared words of the public pages (see docs/glossary.md). */
export const words = defineMessages({
  en: {
    googleCalendar: 'Add to Google Calendar',
  },
  ru: {
    googleCalendar: 'Добавить в Google Календарь',
  },
  kk: {
    googleCalendar: 'Google Күнтізбесіне қосу',
  },
});
