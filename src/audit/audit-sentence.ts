import { formatDateTime, translate, translateAny, zoneLabel, type Language, type MessageKey } from '../i18n/i18n.js';
import type { AuditEvent } from './audit-event.entity.js';

/** What the log page knows about the records its events name, looked up once per page. */
export interface AuditContext {
  seminars: Map<string, { title: string; timeZone: string }>;
  /** fullName is null once erased */
  registrations: Map<string, { fullName: string | null; seminarId: string }>;
  emails: Map<string, { recipient: string }>;
  defaultTimeZone: string;
}

/** One event as people read it: a sentence, the fields it changed (old -> new), and when, in local time. */
export interface AuditLine {
  sentence: string;
  changes: { field: string; from: string | null; to: string }[];
  when: string;
  /** The zone label, only when the event's zone (its seminar's) is not the page's. */
  zone: string | null;
}

/** Fields whose changes a line lists; other keys of `details` are context, not changes. */
const CHANGE_FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'registrationClosesAt', 'timeZone', 'format', 'city', 'venue', 'onlineUrl', 'language', 'capacity', 'status', 'role', 'disabled'] as const;
const DATE_FIELDS = new Set(['startsAt', 'endsAt', 'registrationClosesAt']);

export function parseDetails(details: string | null): Record<string, unknown> {
  if (!details) return {};
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The seminar an event is about: the event's own record, or the one its details or its registration name. */
export function seminarIdOf(event: Pick<AuditEvent, 'entityType' | 'entityId'>, details: Record<string, unknown>, context?: Pick<AuditContext, 'registrations'>): string | null {
  if (event.entityType === 'seminar' && event.entityId) return event.entityId;
  if (typeof details.seminarId === 'string') return details.seminarId;
  if (event.entityType === 'registration' && event.entityId) return context?.registrations.get(event.entityId)?.seminarId ?? null;
  return null;
}

/**
 * "Seminar "Aktobe day" was changed." with "starts: 10 March, 10:00 -> 10 March, 11:00", in the
 * reader's language, times on the seminar's wall clock (else DEFAULT_TIMEZONE). Changes recorded
 * before old values were kept show the new value alone.
 */
export function describeAuditEvent(event: AuditEvent, context: AuditContext, language: Language): AuditLine {
  const details = parseDetails(event.details);
  const t = (key: MessageKey, params: Record<string, unknown> = {}) => translate(language, key, params);
  const seminarId = seminarIdOf(event, details, context);
  const seminar = seminarId ? context.seminars.get(seminarId) : undefined;
  const zone = seminar?.timeZone ?? context.defaultTimeZone;
  const person = event.entityType === 'registration' && event.entityId ? context.registrations.get(event.entityId) : undefined;
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  const params: Record<string, unknown> = {
    title: seminar?.title || text(details.title) || t('auditLog.unknownSeminar'),
    seminar: seminar?.title ?? t('auditLog.unknownSeminar'),
    name: person ? (person.fullName ?? t('auditLog.erasedPerson')) : t('auditLog.someone'),
    email: text(details.email),
    role: typeof details.role === 'string' ? roleName(details.role, language) : '',
    recipient: (event.entityId && context.emails.get(event.entityId)?.recipient) ?? '—',
    count: text(details.queued ?? details.allocated ?? details.registrations),
    days: text(details.retentionDays),
    code: text(details.code),
    // A city or sector of the managed lists: its name in the reader's language (a rename names both).
    entry: entryName(details.after ?? details, language),
    before: entryName(details.before, language),
    by: t(details.by === 'registrant' ? 'auditLog.by.participant' : details.by === 'organizer' ? 'auditLog.by.organizer' : 'auditLog.by.system'),
  };
  const action = event.action === 'account.password-reset' && details.own === true ? 'account.password-own' : event.action;
  const key = `auditLog.action.${action}`;
  const found = translateAny(language, key, params);
  const sentence = found === key ? event.action : found;

  const changes: AuditLine['changes'] = [];
  for (const field of CHANGE_FIELDS) {
    if (!(field in details) || (field === 'title' && event.action !== 'seminar.updated') || (field === 'role' && event.action === 'account.created')) continue;
    const value = details[field];
    const pair = value && typeof value === 'object' && 'to' in value ? (value as { from?: unknown; to: unknown }) : { to: value };
    changes.push({
      field: translate(language, `auditLog.field.${field}`),
      from: 'from' in pair ? show(field, pair.from, zone, language) : null,
      to: show(field, pair.to, zone, language),
    });
  }
  return {
    sentence,
    changes,
    when: formatDateTime(event.createdAt, zone, language),
    zone: zone === context.defaultTimeZone ? null : zoneLabel(event.createdAt, zone, language),
  };
}

/** A value in words: dates on the seminar's clock, codes translated, nothing shown as "empty". */
function show(field: string, value: unknown, zone: string, language: Language): string {
  if (value === null || value === undefined || value === '') return translate(language, 'auditLog.empty');
  if (typeof value === 'boolean') return translate(language, value ? 'auditLog.yes' : 'auditLog.no');
  const raw = String(value);
  if (DATE_FIELDS.has(field)) {
    const date = new Date(raw);
    return Number.isNaN(date.getTime()) ? raw : formatDateTime(date, zone, language);
  }
  if (field === 'status') return known(language, `admin.status.${raw}`, raw);
  if (field === 'role') return roleName(raw, language);
  if (field === 'format') return known(language, `auditLog.format.${raw}`, raw);
  if (field === 'language') return known(language, `languages.${raw}`, raw);
  if (field === 'timeZone') {
    try {
      return zoneLabel(new Date(), raw, language);
    } catch {
      return raw;
    }
  }
  if (field === 'description' && raw.length > 80) return `${raw.slice(0, 80)}…`;
  return raw;
}

function entryName(names: unknown, language: Language): string {
  if (!names || typeof names !== 'object') return '';
  const byLanguage = names as Record<string, unknown>;
  const name = byLanguage[`name${language[0].toUpperCase()}${language.slice(1)}`] ?? byLanguage.nameRu;
  return typeof name === 'string' ? name : '';
}

function roleName(role: string, language: Language): string {
  return known(language, `admin.roles.${role}`, role);
}

function known(language: Language, key: string, fallback: string): string {
  const found = translateAny(language, key);
  return found === key ? fallback : found;
}
