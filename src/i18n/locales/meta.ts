import { defineMessages } from '../define-messages.js';

export const meta = defineMessages({
  en: { languageName: 'English' },
  ru: { languageName: 'Русский' },
  kk: { languageName: 'Қазақша' },
});
