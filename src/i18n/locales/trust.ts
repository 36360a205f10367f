import { defineMessages } from '../define-messages.js';

export const trust = defineMessages({
  en: {
    organizedBy: 'Organised by {name}.',
    contactLabel: 'Contact:',
    privacyLink: 'Privacy notice',
    consentPrivacy: 'How we use your data: privacy notice (opens in a new tab)',
  },
  ru: {
    organizedBy: 'Организатор: {name}.',
    contactLabel: 'Контакт:',
    privacyLink: 'Уведомление о конфиденциальности',
    consentPrivacy: 'Как мы используем ваши данные: уведомление о конфиденциальности (откроется в новой вкладке)',
  },
  kk: {
    organizedBy: 'Ұйымдастырушы: {name}.',
    contactLabel: 'Байланыс:',
    privacyLink: 'Құпиялылық туралы хабарлама',
    consentPrivacy: 'Деректеріңізді қалай пайдаланамыз: құпиялылық туралы хабарлама (жаңа қойындыда ашылады)',
  },
});
