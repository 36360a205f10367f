import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { RateLimits } from '../database/rate-limits.js';

const WINDOW_MS = 15 * 60_000;
/** How long a client that signed in to an account counts as known to it. */
const KNOWN_CLIENT_MS = 30 * 24 * 3_600_000;

/** Why an attempt was refused before the password was even checked. */
export type LoginRefusal = 'client' | 'address' | 'account';

/**
 * Limits sign-in guessing. Every attempt is counted BEFORE the password is checked, so parallel
 * guesses cannot all slip through before the first failure is recorded: at most LOGIN_MAX_FAILURES
 * attempts per window get as far as a password check for one email from one client.
 *
 * Three counters, 15-minute windows:
 * - email + client address: LOGIN_MAX_FAILURES attempts;
 * - client address (any email): 4x that, for password spraying (an office may share one address);
 * - email (any client): 4x that, against guessing spread over many addresses. A client that signed
 *   in to this account before (within 30 days) skips this counter, so an attacker who locks an
 *   account out does not lock its owner out of their usual office or home connection.
 * A successful sign-in takes its own attempt back and clears its email + client counter.
 * Counters are shared by every instance on PostgreSQL (RateLimits).
 */
@Injectable()
export class LoginThrottle {
  private readonly maxFailures: number;

  constructor(
    config: AppConfig,
    private readonly limits: RateLimits,
  ) {
    this.maxFailures = config.loginMaxFailures;
  }

  /**
   * Counts one attempt; `refused` is null when it may go on to the password check, else why not, with
   * the seconds until the window that refused it ends.
   */
  async admit(email: string, clientIp: string): Promise<{ refused: LoginRefusal | null; countedAccount: boolean; retryAfterSeconds: number }> {
    const keys = this.keys(email, clientIp);
    const refuse = (refused: LoginRefusal, resetAt: number, countedAccount: boolean) => ({ refused, countedAccount, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) });
    const pair = await this.limits.hit(keys.pair, WINDOW_MS);
    if (pair.count > this.maxFailures) return refuse('client', pair.resetAt, false);
    const client = await this.limits.hit(keys.client, WINDOW_MS);
    if (client.count > this.maxFailures * 4) return refuse('address', client.resetAt, false);
    if (await this.limits.peek(keys.known)) return { refused: null, countedAccount: false, retryAfterSeconds: 0 };
    const account = await this.limits.hit(keys.account, WINDOW_MS);
    if (account.count > this.maxFailures * 4) return refuse('account', account.resetAt, true);
    return { refused: null, countedAccount: true, retryAfterSeconds: 0 };
  }

  /** The password was right: the attempt is taken back and this client becomes known to the account. */
  async succeeded(email: string, clientIp: string, countedAccount: boolean): Promise<void> {
    const keys = this.keys(email, clientIp);
    await this.limits.reset(keys.pair);
    await this.limits.refund(keys.client);
    if (countedAccount) await this.limits.refund(keys.account);
    await this.limits.hit(keys.known, KNOWN_CLIENT_MS);
  }

  private keys(email: string, clientIp: string) {
    return {
      pair: `login:pair:${email}|${clientIp}`,
      client: `login:client:${clientIp}`,
      account: `login:account:${email}`,
      known: `login:known:${email}|${clientIp}`,
    };
  }
}
