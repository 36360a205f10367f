import { defineMessages } from '../define-messages.js';

/** The unsubscribe page of invitation emails (List-Unsubscribe). */
export const unsubscribe = defineMessages({
  en: {
    title: 'Unsubscribe from invitations',
    question: 'Stop sending seminar invitations to {email}?',
    button: 'Unsubscribe',
    done: '{email} will get no more seminar invitations. Emails about a registration you make yourself still arrive.',
    invalid: 'This unsubscribe link is not valid. Please use the link from the invitation email.',
    catalogue: 'See the seminars',
  },
  ru: {
    title: 'Отписка от приглашений',
    question: 'Больше не присылать приглашения на семинары на адрес {email}?',
    button: 'Отписаться',
    done: 'На адрес {email} больше не придут приглашения на семинары. Письма о вашей собственной регистрации по-прежнему будут приходить.',
    invalid: 'Эта ссылка для отписки недействительна. Воспользуйтесь ссылкой из письма-приглашения.',
    catalogue: 'Посмотреть семинары',
  },
  kk: {
    title: 'Шақырулардан бас тарту',
    question: '{email} мекенжайына семинар шақыруларын жібермеуді қалайсыз ба?',
    button: 'Жазылымнан шығу',
    done: '{email} мекенжайына енді семинар шақырулары келмейді. Өзіңіз тіркелген семинар туралы хаттар бұрынғыдай келеді.',
    invalid: 'Бұл жазылымнан шығу сілтемесі жарамсыз. Шақыру хатындағы сілтемені пайдаланыңыз.',
    catalogue: 'Семинарларды қарау',
  },
});
