import { defineMessages } from '../define-messages.js';

export const signupErrors = defineMessages({
  en: {
    title: 'Error: {title}',
    fields: { fullName: 'Full name', email: 'Email', phone: 'Phone', position: 'Position', companyName: 'Company name', bin: 'BIN', companyCity: 'City', companySector: 'Sector', language: 'Language of emails', consent: 'Consent' },
  },
  ru: {
    title: 'Ошибка: {title}',
    fields: { fullName: 'ФИО', email: 'Электронная почта', phone: 'Телефон', position: 'Должность', companyName: 'Название компании', bin: 'БИН', companyCity: 'Город', companySector: 'Отрасль', language: 'Язык писем', consent: 'Согласие' },
  },
  kk: {
    title: 'Қате: {title}',
    fields: { fullName: 'Аты-жөні', email: 'Электрондық пошта', phone: 'Телефон', position: 'Лауазымы', companyName: 'Компанияның атауы', bin: 'БСН', companyCity: 'Қала', companySector: 'Сала', language: 'Хаттардың тілі', consent: 'Келісім' },
  },
});
