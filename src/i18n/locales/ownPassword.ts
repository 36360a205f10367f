import { defineMessages } from '../define-messages.js';

/** Setting one's own password in the console: the current one first. */
export const ownPassword = defineMessages({
  en: {
    current: 'Current password',
    wrong: 'The current password is not right. Nothing was changed.',
    changed: 'Your password was changed; sign in again with the new one.',
  },
  ru: {
    current: 'Текущий пароль',
    wrong: 'Текущий пароль указан неверно. Ничего не изменено.',
    changed: 'Ваш пароль изменён; войдите снова с новым паролем.',
  },
  kk: {
    current: 'Қазіргі құпиясөз',
    wrong: 'Қазіргі құпиясөз дұрыс емес. Ештеңе өзгертілген жоқ.',
    changed: 'Құпиясөзіңіз өзгертілді; жаңа құпиясөзбен қайта кіріңіз.',
  },
});
