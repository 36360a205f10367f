import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, timingSafeEqual } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { type Actor, TokensService } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { isAcceptedEmail, normaliseEmail } from '../common/email-address.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { Suppression } from './suppression.entity.js';

/**
 * The suppression list: addresses that unsubscribed from invitations. The link in every invitation
 * is `PUBLIC_URL/unsubscribe/<token>`, the address sealed with AES-256-GCM under a key derived from
 * APP_SECRET: not guessable, not readable (a URL in a log or a proxy does not say whose it is), and it
 * works for as long as the secret does, also after the invitation is erased. Links sent before this
 * (`<base64url(address)>.<HMAC(APP_SECRET, "unsubscribe:" + address)>`, the address readable) still work.
 */
@Injectable()
export class SuppressionService {
  constructor(
    private readonly tokens: TokensService,
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  private sealingKey: Buffer | null = null;

  /** Derived from APP_SECRET once, on first use. */
  private get key(): Buffer {
    return (this.sealingKey ??= Buffer.from(this.tokens.mac('unsubscribe-link-key'), 'base64url'));
  }

  /** One token per address (the header and the body carry the same link): its IV is a MAC of the address. */
  token(email: string): string {
    const iv = Buffer.from(this.tokens.mac(`unsubscribe-iv:${email}`), 'base64url').subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(email, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  url(email: string, language?: string): string {
    return `${this.config.publicUrl}/unsubscribe/${this.token(email)}${language ? `?lang=${language}` : ''}`;
  }

  /** The address a token stands for; 404 for anything not made by this installation. */
  addressOf(token: string): string {
    const email = typeof token === 'string' && token.length <= 600 ? (/^[\w-]+$/.test(token) ? this.unseal(token) : this.signedAddress(token)) : null;
    if (!email || !isAcceptedEmail(email)) throw new NotFoundError('unsubscribe link');
    return email;
  }

  private unseal(token: string): string | null {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length <= 28) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** The earlier form, address and signature: kept so links already in people's mailboxes work. */
  private signedAddress(token: string): string | null {
    const match = /^([\w-]+)\.([\w-]{43})$/.exec(token);
    if (!match) return null;
    const email = Buffer.from(match[1], 'base64url').toString('utf8');
    const expected = Buffer.from(this.tokens.mac(`unsubscribe:${email}`));
    const given = Buffer.from(match[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? email : null;
  }

  /** Adds the address of `token` to the list; repeating it is harmless. */
  async unsubscribe(token: string): Promise<string> {
    const email = this.addressOf(token);
    await this.add(email, null);
    return email;
  }

  /**
   * An organizer adds an address by hand: someone asked by email (the `mailto:` of List-Unsubscribe
   * reaches CONTACT_EMAIL, where people read it). Repeating it is harmless.
   */
  async suppressByOrganizer(input: unknown, actor: Actor): Promise<string> {
    const email = typeof input === 'string' ? normaliseEmail(input.trim()) : '';
    if (!isAcceptedEmail(email)) throw new InvalidInputError('email', 'must be an email address');
    await this.add(email, actor);
    return email;
  }

  private async add(email: string, actor: Actor | null): Promise<void> {
    await this.writePath.transaction(async (manager) => {
      if (await manager.existsBy(Suppression, { email })) return;
      await manager.createQueryBuilder().insert().into(Suppression).values({ email, createdAt: new Date() }).orIgnore().execute();
      // The address itself stays out of the audit log, which outlives erasure.
      await this.audit.record(manager, actor, actor ? 'invitations.suppressed' : 'invitations.unsubscribed', 'suppression', null);
    });
  }

  /** Of these addresses, the ones on the list (inside the caller's transaction). */
  async suppressed(manager: EntityManager, emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows = await manager.find(Suppression, { select: { email: true }, where: { email: In(emails) } });
    return new Set(rows.map((row) => row.email));
  }
}
