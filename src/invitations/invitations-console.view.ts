import { DomainError } from '../common/domain-errors.js';
import { formatDateTime, type Language } from '../i18n/i18n.js';
import type { Seminar } from '../seminars/index.js';
import { INVITATION_STATUSES, type InvitationStatus } from './invitation.entity.js';
import { assertInvitable, type InvitationReport, type InvitationsService } from './invitations.service.js';

/** Rows shown on the console page; the API returns them all. */
const PAGE_ROWS = 500;

/** The console page's data: the seminar, whether it can be invited to, the progress, the list and a report. */
export async function invitationsPage(
  invitations: InvitationsService,
  seminar: Seminar,
  lang: Language,
  options: {
    status?: unknown;
    report?: InvitationReport | null;
    formError?: { key: string | null; message: string | null } | null;
    list?: string;
    /** The do-not-invite form's outcome: the address added, or the text refused. */
    suppressed?: { email: string | null; error: boolean };
  } = {},
) {
  const status = (INVITATION_STATUSES as readonly string[]).includes(String(options.status)) ? (options.status as InvitationStatus) : undefined;
  const progress = await invitations.progress(seminar.id, { status, limit: PAGE_ROWS + 1 });

  let closedKey: string | null = null;
  try {
    assertInvitable(seminar);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    closedKey = `invitations.closed.${error.code}`;
  }

  const time = (iso: string | null) => (iso ? formatDateTime(new Date(iso), seminar.timeZone, lang) : '');
  const report = options.report ?? null;
  return {
    title: seminar.title,
    seminar: { id: seminar.id, title: seminar.title, when: formatDateTime(seminar.startsAt, seminar.timeZone, lang, true), city: seminar.city },
    closedKey,
    formError: options.formError ?? null,
    list: options.list ?? '',
    suppressed: options.suppressed ?? null,
    report: report && {
      queued: report.queued,
      skippedCount: report.skipped.length,
      errorRows: new Set(report.errors.map((error) => error.row)).size,
      skipped: report.skipped,
      errors: report.errors,
    },
    counts: progress.invitations,
    emails: progress.emails,
    // Reload while emails wait, so the organizer watches a big list go out without JavaScript.
    refresh: progress.emails.queued > 0,
    filter: {
      status,
      options: INVITATION_STATUSES.map((code) => ({ code, selected: code === status })),
    },
    rows: progress.list.slice(0, PAGE_ROWS).map((row) => ({ ...row, createdAt: time(row.createdAt), openedAt: time(row.openedAt), registeredAt: time(row.registeredAt) })),
    truncated: progress.list.length > PAGE_ROWS,
    pageRows: PAGE_ROWS,
  };
}
