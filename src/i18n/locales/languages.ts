import { defineMessages } from '../define-messages.js';

export const languages = defineMessages({
  en: { ru: 'Russian', kk: 'Kazakh', en: 'English' },
  ru: { ru: 'Русский', kk: 'Казахский', en: 'Английский' },
  kk: { ru: 'Орысша', kk: 'Қазақша', en: 'Ағылшынша' },
});
