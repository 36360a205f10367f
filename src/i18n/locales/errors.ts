import { defineMessages } from '../define-messages.js';

export const errors = defineMessages({
  en: {
    title: 'Something went wrong',
    notFound: 'The page you are looking for does not exist.',
    generic: 'Please try again in a moment.',
    back: 'Back to the seminars',
  },
  ru: {
    title: 'Что-то пошло не так',
    notFound: 'Такой страницы нет.',
    generic: 'Попробуйте ещё раз через минуту.',
    back: 'К списку семинаров',
  },
  kk: {
    title: 'Бірдеңе дұрыс болмады',
    notFound: 'Мұндай бет жоқ.',
    generic: 'Бір минуттан кейін қайталап көріңіз.',
    back: 'Семинарлар тізіміне',
  },
});
