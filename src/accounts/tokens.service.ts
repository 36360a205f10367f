import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { APP_SECRET } from '../database/database.module.js';
import type { Role } from './account.entity.js';

export interface AccessClaims {
  /** account id */
  sub: string;
  role: Role;
  /** the account's token version when issued; raising it revokes older tokens */
  ver: number;
  /** this sign-in's session id; signing out revokes it (table revoked_session) */
  sid: string;
  /** expiry, seconds since epoch */
  exp: number;
}

export const ACCESS_TOKEN_TTL_SECONDS = 8 * 3600;

/** Signed, expiring bearer tokens: base64url(JSON claims) + "." + HMAC-SHA256 with the app secret. */
@Injectable()
export class TokensService {
  constructor(
    @Inject(APP_SECRET) private readonly secret: string,
    private readonly config: AppConfig,
  ) {}

  sign(claims: Omit<AccessClaims, 'exp'>, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): { token: string; expiresAt: Date } {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const payload = Buffer.from(JSON.stringify({ ...claims, exp })).toString('base64url');
    return { token: `${payload}.${this.mac(payload)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid, unexpired token, or null. */
  verify(token: string | undefined): AccessClaims | null {
    if (!token || token.length > 1000) return null;
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessClaims;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return null;
      if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
      return claims;
    } catch {
      return null;
    }
  }

  /**
   * A registration's manage token. Not stored: it is derived from the app secret and the id, so every
   * email (confirmation now, a reminder weeks later) can rebuild the link; only its SHA-256 is kept.
   */
  manageToken(registrationId: string): string {
    return this.mac(`manage:${registrationId}`);
  }

  /**
   * PUBLIC_URL + /r/ + token, exactly: the manage link in every registrant email. The pages under it
   * open in the registration's language by themselves (see registrationForPage).
   */
  manageUrl(registrationId: string): string {
    return `${this.config.publicUrl}/r/${this.manageToken(registrationId)}`;
  }

  /** HMAC of any value with the app secret, for other signed links (CSRF, invitations). */
  mac(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}
