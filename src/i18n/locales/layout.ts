import { defineMessages } from '../define-messages.js';

export const layout = defineMessages({
  en: {
    siteName: 'UN Business Seminars',
    tagline: 'Supplying UN peacekeeping: seminars for Kazakhstan companies',
    skipToContent: 'Skip to content',
    language: 'Language',
    footer: 'United Nations procurement outreach in Kazakhstan',
    console: 'Organizer console',
  },
  ru: {
    siteName: 'Бизнес-семинары ООН',
    tagline: 'Поставки для миротворческих миссий ООН: семинары для компаний Казахстана',
    skipToContent: 'Перейти к содержимому',
    language: 'Язык',
    footer: 'Программа ООН по закупкам в Казахстане',
    console: 'Консоль организатора',
  },
  kk: {
    siteName: 'БҰҰ бизнес-семинарлары',
    tagline: 'БҰҰ бітімгершілік миссияларына жеткізу: Қазақстан компанияларына арналған семинарлар',
    skipToContent: 'Мазмұнға өту',
    language: 'Тіл',
    footer: 'Қазақстандағы БҰҰ сатып алу бағдарламасы',
    console: 'Ұйымдастырушы консолі',
  },
});
