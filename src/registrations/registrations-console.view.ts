import { formatDateTime, type Language } from '../i18n/i18n.js';
import type { Registration } from './registration.entity.js';
import { REGISTRATION_SORTS, type RegistrationFilter, type RegistrationOrder, type RegistrationSort } from './registrations-query.service.js';

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
    /** "Did they get it?": the outbox, searched for this address. */
    emailsUrl: `/admin/outbox?q=${encodeURIComponent(registration.email)}`,
  };
}

/** The list's address for a filter, an order and a page: links that work without JavaScript keep all three. */
export function registrationsLink(seminarId: string, filter: RegistrationFilter, order: RegistrationOrder, page = 1): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (order.sort !== 'createdAt' || order.dir !== 'asc') {
    params.set('sort', order.sort);
    params.set('dir', order.dir);
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return `${registrationsPath(seminarId)}${text ? `?${text}` : ''}`;
}

/**
 * The table's sortable headers (a link per column: the current one turns round, another starts
 * ascending; `aria-sort` on the current one) and its pager.
 */
export function registrationTable(seminarId: string, filter: RegistrationFilter, order: RegistrationOrder, page: number, total: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const column = (sort: RegistrationSort) => {
    const current = order.sort === sort;
    const dir: 'asc' | 'desc' = current && order.dir === 'asc' ? 'desc' : 'asc';
    return { sort, current, ariaSort: current ? (order.dir === 'asc' ? 'ascending' : 'descending') : null, mark: current ? (order.dir === 'asc' ? '▲' : '▼') : '', href: registrationsLink(seminarId, filter, { sort, dir }) };
  };
  return {
    columns: Object.fromEntries(REGISTRATION_SORTS.map((sort) => [sort, column(sort)])) as Record<RegistrationSort, ReturnType<typeof column>>,
    sortLinks: REGISTRATION_SORTS.map(column),
    page,
    pages,
    previousUrl: page > 1 ? registrationsLink(seminarId, filter, order, Math.min(page - 1, pages)) : null,
    nextUrl: page < pages ? registrationsLink(seminarId, filter, order, page + 1) : null,
  };
}
