import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { RateLimiter } from './rate-limiter.js';

export class TooManySignUpsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('too-many', 'too_many_signups', `signup: too many sign-ups from this address; try again in ${retryAfterSeconds} seconds`);
  }
}

/**
 * SIGNUP_RATE_LIMIT per client IP, one counter per address shared by the JSON API and the form.
 * `off` lets everything through. The client IP is Express's `req.ip` (trust proxy: loopback).
 *
 * Not @nestjs/throttler: its 6.x release is CommonJS and requires the ESM-only @nestjs/common 12,
 * which Jest cannot load on Node 20 ("Must use import to load ES Module"), so every e2e suite
 * would fail to boot the app. This is the same fixed-window rule in a few lines.
 */
@Injectable()
export class SignupThrottleGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(config: AppConfig) {
    this.limiter = new RateLimiter(config.signupRateLimit);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const retryAfter = this.limiter.hit(`signup:${request.ip ?? 'unknown'}`);
    if (retryAfter === 0) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new TooManySignUpsError(retryAfter);
  }
}
