import { normaliseEmail } from '../common/email-address.js';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomUUID } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { AppConfig } from '../config/app-config.js';
import { ConflictError, DomainError, InvalidInputError, NotFoundError, TooManyError } from '../common/domain-errors.js';
import { WritePath } from '../database/write-path.js';
import { Account, type Role } from './account.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { RevokedSession } from './revoked-session.entity.js';
import { TokensService } from './tokens.service.js';

// algorithm 2 is Argon2id (the package's Algorithm is a const enum, which isolatedModules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const MIN_PASSWORD_LENGTH = 10;

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('unauthorized', 'invalid_credentials', 'Invalid email or password');
  }
}

export class TooManyLoginAttemptsError extends TooManyError {
  constructor(retryAfterSeconds: number) {
    super('too_many_attempts', `Too many failed sign-in attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, retryAfterSeconds);
  }
}

/** The key the sign-in throttle counts an address under: as typed at sign-in, trimmed and lower-cased. */
function throttledEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 254);
}

export interface Actor {
  id: string;
  email: string;
  role: Role;
}

export type AccountChange = { role: Role } | { disabled: boolean } | { password: string };

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);
  /** Verified against when the email is unknown, so both failures take the same time. */
  private dummyHash: Promise<string>;

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {
    this.dummyHash = hash('not-a-real-password-0000', ARGON2);
  }

  /** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when there is no account at all. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin || (await this.accounts.count()) > 0) return;
    const passwordHash = await hash(admin.password, ARGON2);
    // Insert-or-ignore: another instance may create it at the same moment.
    const created = await this.writePath.transaction(async (manager) => {
      if ((await manager.count(Account)) > 0) return false;
      const id = randomUUID();
      await manager.createQueryBuilder().insert().into(Account).values({ id, email: admin.email, passwordHash, role: 'admin' }).orIgnore().execute();
      if ((await manager.findOneBy(Account, { email: admin.email }))?.id !== id) return false;
      await this.audit.record(manager, null, 'account.created', 'account', id, { email: admin.email, role: 'admin' });
      return true;
    });
    if (created) this.logger.log(`created the first admin account ${admin.email}`);
  }

  async login(emailInput: string, password: string, clientIp: string): Promise<{ accessToken: string; expiresAt: Date; account: Account }> {
    const email = throttledEmail(emailInput);
    // Counted before the password check, so parallel guesses cannot outrun the count.
    const attempt = await this.throttle.admit(email, clientIp);
    if (attempt.refused) throw new TooManyLoginAttemptsError(attempt.retryAfterSeconds);
    const account = await this.accounts.findOneBy({ email });
    const valid = account && !account.disabled ? await verify(account.passwordHash, password) : (await verify(await this.dummyHash, password), false);
    if (!account || !valid) throw new InvalidCredentialsError();
    await this.throttle.succeeded(email, clientIp, attempt.countedAccount);
    await this.writePath.transaction((manager) => manager.update(Account, { id: account.id }, { lastLoginAt: new Date() }));
    return { ...this.newSession(account), account };
  }

  /**
   * Sets the signed-in account's own password. The current password is checked as a sign-in is: the
   * same throttle counts each try first (TooManyLoginAttemptsError past the limit), so a session left
   * open cannot be used to guess it without limit; a wrong one is an InvalidInputError on
   * `currentPassword` and changes nothing. The new password raises the token version, which ends
   * every other session of the account; the token returned keeps the caller's session going.
   */
  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string, clientIp: string): Promise<{ accessToken: string; expiresAt: Date }> {
    if (newPassword.length < MIN_PASSWORD_LENGTH || newPassword.length > 200) throw new InvalidInputError('password', `must be ${MIN_PASSWORD_LENGTH} to 200 characters`);
    const email = throttledEmail(actor.email);
    const attempt = await this.throttle.admit(email, clientIp);
    if (attempt.refused) throw new TooManyLoginAttemptsError(attempt.retryAfterSeconds);
    if (!(await this.isCurrentPassword(actor.id, currentPassword))) throw new InvalidInputError('currentPassword', 'is not the current password');
    await this.throttle.succeeded(email, clientIp, attempt.countedAccount);
    // Hashed before the transaction: argon2 takes tens of milliseconds and must not hold the write queue.
    const passwordHash = await hash(newPassword, ARGON2);
    const account = await this.writePath.transaction(async (manager) => {
      const account = await manager.findOneBy(Account, { id: actor.id });
      // Disabled meanwhile (or gone): the session is over, so nothing to change.
      if (!account || account.disabled) throw new NotFoundError('account');
      account.tokenVersion += 1;
      await manager.update(Account, { id: account.id }, { passwordHash, tokenVersion: account.tokenVersion });
      await this.audit.record(manager, actor, 'account.password-reset', 'account', account.id, { email: account.email, passwordReset: true, own: true });
      return account;
    });
    return this.newSession(account);
  }

  /** A token for a new session of the account, at its current token version. */
  private newSession(account: Account): { accessToken: string; expiresAt: Date } {
    const sid = randomBytes(16).toString('base64url');
    const { token, expiresAt } = this.tokens.sign({ sub: account.id, role: account.role, ver: account.tokenVersion, sid });
    return { accessToken: token, expiresAt };
  }

  /** The account behind a token, if the token is valid, not signed out, and the account still active and unchanged. */
  async authenticate(token: string | undefined): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const account = await this.accounts
      .createQueryBuilder('account')
      .where('account.id = :id', { id: claims.sub })
      .andWhere('NOT EXISTS (SELECT 1 FROM revoked_session revoked WHERE revoked.id = :sid)', { sid: claims.sid })
      .getOne();
    if (!account || account.disabled || account.tokenVersion !== claims.ver) return null;
    return { id: account.id, email: account.email, role: account.role };
  }

  /** Signs one session out: its token stops working at once, on every instance. Harmless to repeat. */
  async revoke(token: string | undefined): Promise<void> {
    const claims = this.tokens.verify(token);
    if (!claims) return;
    await this.writePath.transaction(async (manager) => {
      // Expired tokens fail verification anyway, so their rows can go.
      await manager.delete(RevokedSession, { expiresAt: LessThan(new Date()) });
      await manager.createQueryBuilder().insert().into(RevokedSession).values({ id: claims.sid, expiresAt: new Date(claims.exp * 1000) }).orIgnore().execute();
    });
  }

  /** A new account and its audit entry, in one transaction. `actor` is null only for start-up. */
  async create(emailInput: string, password: string, role: Role, actor: Actor | null): Promise<Account> {
    const email = normaliseEmail(emailInput);
    if (await this.accounts.existsBy({ email })) throw new ConflictError('account_exists', 'email: an account with this email exists');
    // Hashed before the transaction: argon2 takes tens of milliseconds and must not hold the write queue.
    const passwordHash = await hash(password, ARGON2);
    return this.writePath.transaction(async (manager) => {
      if (await manager.existsBy(Account, { email })) throw new ConflictError('account_exists', 'email: an account with this email exists');
      const account = manager.create(Account, { email, role, passwordHash });
      await manager.insert(Account, account);
      await this.audit.record(manager, actor, 'account.created', 'account', account.id, { email, role });
      return account;
    });
  }

  /** Whether `password` is the account's current one (setting one's own password asks for it first). */
  private async isCurrentPassword(id: string, password: string): Promise<boolean> {
    const account = await this.accounts.findOneBy({ id });
    return !!account && password.length > 0 && password.length <= 200 && (await verify(account.passwordHash, password));
  }

  list(): Promise<Account[]> {
    return this.accounts.find({ order: { email: 'ASC' } });
  }

  /**
   * Role change, disabling, or a new password, with its audit entry in the same transaction; any of
   * them raises the token version, which signs the account out everywhere.
   */
  async update(id: string, change: AccountChange, actor: Actor): Promise<Account> {
    const passwordHash = 'password' in change ? await hash(change.password, ARGON2) : null;
    return this.writePath.transaction(async (manager) => {
      const account = await manager.findOneBy(Account, { id });
      if (!account) throw new NotFoundError('account');
      const before = { role: account.role, disabled: account.disabled };
      if ('role' in change) account.role = change.role;
      if ('disabled' in change) account.disabled = change.disabled;
      if (passwordHash) account.passwordHash = passwordHash;
      account.tokenVersion += 1;
      await manager.update(Account, { id }, { role: account.role, disabled: account.disabled, passwordHash: account.passwordHash, tokenVersion: account.tokenVersion });
      const action = 'role' in change ? 'account.role-changed' : 'disabled' in change ? (change.disabled ? 'account.disabled' : 'account.enabled') : 'account.password-reset';
      const details = 'password' in change ? { passwordReset: true, own: id === actor.id } : 'role' in change ? { role: { from: before.role, to: change.role } } : { disabled: { from: before.disabled, to: change.disabled } };
      await this.audit.record(manager, actor, action, 'account', account.id, { email: account.email, ...details });
      return account;
    });
  }
}
