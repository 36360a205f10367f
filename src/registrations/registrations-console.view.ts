import { formatDateTime, type Language } from '../i18n/i18n.js';
import type { Registration } from './registration.entity.js';

/** The console's list of a seminar's registrations, where the row actions return to. */
export function registrationsPath(seminarId: string): string {
  return `/admin/seminars/${seminarId}/registrations`;
}

/** A registration as the console's list and confirmation pages show it to organizers. */
export function consoleRegistrationRow(registration: Registration, seminarTimeZone: string, defaultTimeZone: string, lang: Language) {
  return {
    id: registration.id,
    fullName: registration.fullName,
    email: registration.email,
    phone: registration.phone,
    position: registration.position,
    company: registration.company,
    status: registration.status,
    waitlistPosition: registration.waitlistPosition,
    confirmed: registration.status === 'confirmed',
    cancelled: registration.status === 'cancelled',
    erased: !!registration.erasedAt,
    checkedIn: !!registration.checkedInAt,
    checkedInAt: registration.checkedInAt ? formatDateTime(registration.checkedInAt, seminarTimeZone, lang) : null,
    createdAt: formatDateTime(registration.createdAt, defaultTimeZone, lang),
  };
}
