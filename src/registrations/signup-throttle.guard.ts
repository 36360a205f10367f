import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { TooManyError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { RateLimits } from '../database/rate-limits.js';

export class TooManySignUpsError extends TooManyError {
  constructor(retryAfterSeconds: number) {
    super('too_many_signups', `signup: too many sign-ups from this address; try again in ${retryAfterSeconds} seconds`, retryAfterSeconds);
  }
}

/**
 * SIGNUP_RATE_LIMIT per client IP, one counter per address shared by the JSON API and the form, and
 * by every instance on PostgreSQL (see RateLimits). `off` lets everything through. The client IP is
 * Express's `req.ip`, as TRUST_PROXY allows it to be read.
 *
 * Not @nestjs/throttler: its 6.x release is CommonJS and requires the ESM-only @nestjs/common 12,
 * which Jest cannot load on Node 20 ("Must use import to load ES Module"), so every e2e suite
 * would fail to boot the app. This is the same fixed-window rule in a few lines.
 */
@Injectable()
export class SignupThrottleGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rate = this.config.signupRateLimit;
    if (!rate) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const window = await this.limits.hit(`signup:${request.ip ?? 'unknown'}`, rate.ttlMs);
    if (window.count <= rate.limit) return true;
    throw new TooManySignUpsError(Math.max(1, Math.ceil((window.resetAt - Date.now()) / 1000)));
  }
}
