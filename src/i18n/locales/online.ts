import { defineMessages } from '../define-messages.js';

/** Online seminars: where, the Join button, the seminar form's format choice. */
export const online = defineMessages({
  en: {
    where: 'Online',
    joinHeading: 'Joining online',
    join: 'Join the online seminar',
    joinHint: 'The link opens the video meeting. Join a few minutes before the start.',
    linkLater: 'The link to join will appear here and in an email before the seminar.',
    format: 'Format',
    inPerson: 'In person',
    onlineOption: 'Online',
    cityHint: 'Not needed for an online seminar.',
  },
  ru: {
    where: 'Онлайн',
    joinHeading: 'Участие онлайн',
    join: 'Подключиться к семинару',
    joinHint: 'Ссылка открывает видеовстречу. Подключайтесь за несколько минут до начала.',
    linkLater: 'Ссылка для подключения появится здесь и придёт письмом до начала семинара.',
    format: 'Формат',
    inPerson: 'Очно',
    onlineOption: 'Онлайн',
    cityHint: 'Для онлайн-семинара не нужен.',
  },
  kk: {
    where: 'Онлайн',
    joinHeading: 'Онлайн қатысу',
    join: 'Семинарға қосылу',
    joinHint: 'Сілтеме бейнекездесуді ашады. Басталуынан бірнеше минут бұрын қосылыңыз.',
    linkLater: 'Қосылу сілтемесі семинар басталғанға дейін осында пайда болады және хатпен келеді.',
    format: 'Формат',
    inPerson: 'Бетпе-бет',
    onlineOption: 'Онлайн',
    cityHint: 'Онлайн семинарға қажет емес.',
  },
});
