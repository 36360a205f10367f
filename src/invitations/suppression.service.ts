import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { TokensService } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { NotFoundError } from '../common/domain-errors.js';
import { isAcceptedEmail } from '../common/email-address.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { Suppression } from './suppression.entity.js';

/**
 * The suppression list: addresses that unsubscribed from invitations. The link in every invitation
 * is `PUBLIC_URL/unsubscribe/<base64url(address)>.<HMAC(APP_SECRET, "unsubscribe:" + address)>`:
 * not guessable, and it works for as long as the secret does, also after the invitation is erased.
 */
@Injectable()
export class SuppressionService {
  constructor(
    private readonly tokens: TokensService,
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  token(email: string): string {
    return `${Buffer.from(email, 'utf8').toString('base64url')}.${this.tokens.mac(`unsubscribe:${email}`)}`;
  }

  url(email: string, language?: string): string {
    return `${this.config.publicUrl}/unsubscribe/${this.token(email)}${language ? `?lang=${language}` : ''}`;
  }

  /** The address a token stands for; 404 for anything not signed by this installation. */
  addressOf(token: string): string {
    const match = typeof token === 'string' && token.length <= 600 ? /^([\w-]+)\.([\w-]{43})$/.exec(token) : null;
    if (!match) throw new NotFoundError('unsubscribe link');
    const email = Buffer.from(match[1], 'base64url').toString('utf8');
    const expected = Buffer.from(this.tokens.mac(`unsubscribe:${email}`));
    const given = Buffer.from(match[2]);
    if (!isAcceptedEmail(email) || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new NotFoundError('unsubscribe link');
    return email;
  }

  /** Adds the address of `token` to the list; repeating it is harmless. */
  async unsubscribe(token: string): Promise<string> {
    const email = this.addressOf(token);
    await this.writePath.transaction(async (manager) => {
      if (await manager.existsBy(Suppression, { email })) return;
      await manager.createQueryBuilder().insert().into(Suppression).values({ email, createdAt: new Date() }).orIgnore().execute();
      // The address itself stays out of the audit log, which outlives erasure.
      await this.audit.record(manager, null, 'invitations.unsubscribed', 'suppression', null);
    });
    return email;
  }

  /** Of these addresses, the ones on the list (inside the caller's transaction). */
  async suppressed(manager: EntityManager, emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows = await manager.find(Suppression, { select: { email: true }, where: { email: In(emails) } });
    return new Set(rows.map((row) => row.email));
  }
}
