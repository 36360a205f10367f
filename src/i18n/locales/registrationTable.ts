import { defineMessages } from '../define-messages.js';

/** The console's list of registrations: sortable columns, pages, the row menu. */
export const registrationTable = defineMessages({
  en: {
    signedUp: 'Signed up',
    sortBy: 'Sort by',
    sortName: { name: 'name', company: 'company', status: 'status', createdAt: 'sign-up time', checkedIn: 'check-in time' },
    more: 'More',
    emails: 'Emails to this person',
    moreLabel: 'More actions: {name}',
    found: 'Found: {count}',
    page: 'Page {page} of {pages}',
    pages: 'Pages of registrations',
    previous: 'Previous',
    next: 'Next',
  },
  ru: {
    signedUp: 'Запись',
    sortBy: 'Сортировать по',
    sortName: { name: 'имени', company: 'компании', status: 'статусу', createdAt: 'времени записи', checkedIn: 'времени отметки' },
    more: 'Ещё',
    emails: 'Письма этому участнику',
    moreLabel: 'Другие действия: {name}',
    found: 'Найдено: {count}',
    page: 'Страница {page} из {pages}',
    pages: 'Страницы регистраций',
    previous: 'Назад',
    next: 'Далее',
  },
  kk: {
    signedUp: 'Тіркелген уақыты',
    sortBy: 'Сұрыптау',
    sortName: { name: 'аты бойынша', company: 'компания бойынша', status: 'күйі бойынша', createdAt: 'тіркелу уақыты бойынша', checkedIn: 'белгілеу уақыты бойынша' },
    more: 'Тағы',
    emails: 'Осы қатысушыға хаттар',
    moreLabel: 'Басқа әрекеттер: {name}',
    found: 'Табылды: {count}',
    page: '{pages} беттің {page}-беті',
    pages: 'Тіркеулер беттері',
    previous: 'Алдыңғы',
    next: 'Келесі',
  },
});
