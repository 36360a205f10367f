import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { NotFoundError } from '../common/domain-errors.js';
import { WritePath } from '../database/write-path.js';
import { Invitation } from '../invitations/index.js';
import { MailTransport, OutboxEmail } from '../mail/index.js';
import { Registration } from '../registrations/index.js';
import { Certificate } from '../certificates/index.js';
import { FollowUpAnswer } from '../outcomes/index.js';

export const ERASED_NAME = '—';

/**
 * SQL for the address an erased row keeps, `erased-<id>@invalid`: unique per row, so the
 * one-active-email index stays valid, and never deliverable.
 */
export const ERASED_EMAIL_SQL = "'erased-' || id || '@invalid'";

/**
 * Erases personal data while keeping what the reports count: status, check-in time, company and
 * seminar stay; name, email, phone and position go, and so do the person's unsent emails and the
 * personal fields of their invitation to that seminar. Sent emails keep only their subject.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
    private readonly transport: MailTransport,
  ) {}

  /** Erases one registration on request; repeating it is harmless. */
  async eraseRegistration(registrationId: string, actor: Actor | null): Promise<{ id: string; erasedAt: string }> {
    return this.writePath.transaction(async (manager) => {
      const registration = await this.writePath.lockRow(manager, Registration, registrationId);
      if (!registration) throw new NotFoundError('registration');
      if (registration.erasedAt) return { id: registration.id, erasedAt: registration.erasedAt.toISOString() };
      const erasedAt = new Date();
      await this.eraseRows(manager, [registration], erasedAt);
      await this.audit.record(manager, actor, 'registration.erased', 'registration', registration.id, { seminarId: registration.seminarId, reason: 'request' });
      this.logger.log(`registration ${registration.id} erased on request`);
      return { id: registration.id, erasedAt: erasedAt.toISOString() };
    });
  }

  /**
   * Erases, inside `manager`'s transaction, the given registrations and everything personal that
   * hangs off them. Used by the request above and by retention in batches.
   */
  async eraseRows(manager: EntityManager, registrations: Pick<Registration, 'id' | 'email' | 'seminarId'>[], erasedAt: Date): Promise<void> {
    if (registrations.length === 0) return;
    const ids = registrations.map((r) => r.id);
    await manager
      .createQueryBuilder()
      .update(Registration)
      .set({ fullName: ERASED_NAME, email: () => ERASED_EMAIL_SQL, searchText: '', phone: null, position: null, erasedAt })
      .where({ id: In(ids) })
      .execute();

    // Only the invitation to the same seminar: the same person may be invited to a future one.
    const pairs = new Set(registrations.map((r) => `${r.seminarId} ${r.email}`));
    const emails = [...new Set(registrations.map((r) => r.email).filter((email) => !email.endsWith('@invalid')))];
    const seminarIds = [...new Set(registrations.map((r) => r.seminarId))];
    const candidates = emails.length
      ? await manager.find(Invitation, { select: { id: true, seminarId: true, email: true }, where: { email: In(emails), seminarId: In(seminarIds) } })
      : [];
    const invitationIds = candidates.filter((invitation) => pairs.has(`${invitation.seminarId} ${invitation.email}`)).map((invitation) => invitation.id);
    if (invitationIds.length) {
      await manager
        .createQueryBuilder()
        .update(Invitation)
        .set({ email: () => ERASED_EMAIL_SQL, fullName: null })
        .where({ id: In(invitationIds) })
        .execute();
    }
    await this.eraseEmails(manager, ids, invitationIds);

    // Follow-up answers belong to the company and stay in the counts; who answered and the free-text
    // comment are personal. A certificate names the person, so it stops verifying.
    await manager.createQueryBuilder().update(FollowUpAnswer).set({ comment: null, registrationId: null }).where({ registrationId: In(ids) }).execute();
    await manager.createQueryBuilder().delete().from(Certificate).where({ registrationId: In(ids) }).execute();
  }

  /**
   * Unsent emails are dropped (nobody should receive them any more); sent ones keep only their subject.
   * Every stored copy goes too: the snapshot (payload) and the .eml files written without SMTP.
   */
  private async eraseEmails(manager: EntityManager, registrationIds: string[], invitationIds: string[]): Promise<void> {
    for (const [column, ids] of [['registrationId', registrationIds], ['invitationId', invitationIds]] as const) {
      if (ids.length === 0) continue;
      const rows = await manager.find(OutboxEmail, { select: { id: true }, where: { [column]: In(ids) } });
      await this.transport.eraseStored(rows.map((row) => row.id));
      await manager.delete(OutboxEmail, { [column]: In(ids), status: 'queued' });
      await manager
        .createQueryBuilder()
        .update(OutboxEmail)
        .set({ recipient: () => ERASED_EMAIL_SQL, html: '', text: '', ics: null, payload: null, inlineImages: null })
        .where({ [column]: In(ids) })
        .execute();
    }
  }
}
