import { defineMessages } from '../define-messages.js';

export const doorSearch = defineMessages({
  en: {
    label: 'No ticket? Find by name',
    submit: 'Find',
    hint: 'Name, email or company, in any script: Cyrillic, Kazakh or Latin.',
    results: 'People matching “{query}”',
    none: 'Nobody registered for this seminar matches “{query}”.',
    checkIn: 'Check in {name}',
    checkedInAt: 'checked in at {time}',
  },
  ru: {
    label: 'Нет билета? Найти по имени',
    submit: 'Найти',
    hint: 'Имя, email или компания — кириллицей, по-казахски или латиницей.',
    results: 'Найдено по запросу «{query}»',
    none: 'Среди зарегистрированных на этот семинар нет совпадений с «{query}».',
    checkIn: 'Отметить: {name}',
    checkedInAt: 'отмечен(а) в {time}',
  },
  kk: {
    label: 'Билет жоқ па? Аты бойынша табу',
    submit: 'Табу',
    hint: 'Аты-жөні, email немесе компания — кириллица, қазақ немесе латын әріптерімен.',
    results: '«{query}» бойынша табылғандар',
    none: 'Бұл семинарға тіркелгендер арасында «{query}» табылмады.',
    checkIn: 'Белгілеу: {name}',
    checkedInAt: '{time} белгіленді',
  },
});
