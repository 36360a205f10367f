import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { ConflictError, DomainError, NotFoundError } from '../common/domain-errors.js';
import { Account, type Role } from './account.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { TokensService } from './tokens.service.js';

// algorithm 2 is Argon2id (the package's Algorithm is a const enum, which isolatedModules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const MIN_PASSWORD_LENGTH = 10;

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('unauthorized', 'invalid_credentials', 'Invalid email or password');
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  constructor() {
    super('too-many', 'too_many_attempts', 'Too many failed sign-in attempts; try again in 15 minutes');
  }
}

export interface Actor {
  id: string;
  email: string;
  role: Role;
}

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);
  private readonly throttle: LoginThrottle;
  /** Verified against when the email is unknown, so both failures take the same time. */
  private dummyHash: Promise<string>;

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
  ) {
    this.throttle = new LoginThrottle(config.loginMaxFailures);
    this.dummyHash = hash('not-a-real-password-0000', ARGON2);
  }

  /** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when there is no account at all. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin || (await this.accounts.count()) > 0) return;
    try {
      await this.accounts.insert(this.accounts.create({ email: admin.email, passwordHash: await hash(admin.password, ARGON2), role: 'admin' }));
      this.logger.log(`created the first admin account ${admin.email}`);
    } catch (error) {
      // Another instance created it at the same moment.
      if (!(await this.accounts.existsBy({ email: admin.email }))) throw error;
    }
  }

  async login(emailInput: string, password: string, clientIp: string): Promise<{ accessToken: string; expiresAt: Date; account: Account }> {
    const email = emailInput.trim().toLowerCase();
    const keys = [`email:${email}`, `ip:${clientIp}`];
    if (this.throttle.isBlocked(keys)) throw new TooManyLoginAttemptsError();
    const account = await this.accounts.findOneBy({ email });
    const valid = account && !account.disabled ? await verify(account.passwordHash, password) : (await verify(await this.dummyHash, password), false);
    if (!account || !valid) {
      this.throttle.recordFailure(keys);
      throw new InvalidCredentialsError();
    }
    this.throttle.reset([`email:${email}`]);
    await this.accounts.update(account.id, { lastLoginAt: new Date() });
    const { token, expiresAt } = this.tokens.sign({ sub: account.id, role: account.role, ver: account.tokenVersion });
    return { accessToken: token, expiresAt, account };
  }

  /** The account behind a token, if the token is valid and the account still active and unchanged. */
  async authenticate(token: string | undefined): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const account = await this.accounts.findOneBy({ id: claims.sub });
    if (!account || account.disabled || account.tokenVersion !== claims.ver) return null;
    return { id: account.id, email: account.email, role: account.role };
  }

  async create(emailInput: string, password: string, role: Role): Promise<Account> {
    const email = emailInput.trim().toLowerCase();
    if (await this.accounts.existsBy({ email })) throw new ConflictError('account_exists', 'email: an account with this email exists');
    const account = this.accounts.create({ email, role, passwordHash: await hash(password, ARGON2) });
    await this.accounts.insert(account);
    return account;
  }

  list(): Promise<Account[]> {
    return this.accounts.find({ order: { email: 'ASC' } });
  }

  /** Role change, disabling, or a new password; any of them signs the account out everywhere. */
  async update(id: string, changes: { role?: Role; disabled?: boolean; password?: string }): Promise<Account> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw new NotFoundError('account');
    if (changes.role) account.role = changes.role;
    if (changes.disabled !== undefined) account.disabled = changes.disabled;
    if (changes.password) account.passwordHash = await hash(changes.password, ARGON2);
    account.tokenVersion += 1;
    await this.accounts.save(account);
    return account;
  }
}
