import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException, applyDecorators, UseGuards, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Role } from './account.entity.js';
import { AccountsService, type Actor } from './accounts.service.js';

const ROLES_KEY = 'roles';

/**
 * Requires a signed-in account with one of `roles` (admins may do everything).
 * The JSON API under /api takes `Authorization: Bearer <token>` only: a browser attaches cookies to
 * cross-site requests, never this header, so no other site can act through a signed-in console.
 * Console pages (outside /api) carry the token in the session cookie, and their forms a CSRF token.
 */
export function Auth(...roles: Role[]) {
  // Documented once here: every guarded operation needs the bearer token and may answer 401 and 403.
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(RolesGuard), ApiBearerAuth(), ApiErrors(401, 403));
}

/** The signed-in account of the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<Request>().actor!;
});

export function bearerToken(request: Request): string | undefined {
  const header = request.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return undefined;
}

export function isApiRequest(request: Request): boolean {
  const path = request.originalUrl.split('?')[0];
  return path === '/api' || path.startsWith('/api/');
}

/** The access token of a request: the bearer header, or on console pages the session cookie. */
export function tokenFromRequest(request: Request, sessionCookie: string): string | undefined {
  const bearer = bearerToken(request);
  if (bearer !== undefined || isApiRequest(request)) return bearer;
  return (request.cookies as Record<string, string> | undefined)?.[sessionCookie];
}

/** Puts a console session's token in its cookie (after signing in, and after a new own password). */
export function setSessionCookie(response: Response, config: AppConfig, token: string, expiresAt: Date): void {
  response.cookie(config.sessionCookie, token, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', expires: expiresAt });
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const actor = await this.accounts.authenticate(tokenFromRequest(request, this.config.sessionCookie));
    if (!actor) throw new UnauthorizedException('Authorization: a valid bearer token is required');
    request.actor = actor;
    // Console pages and exports hold personal data: no browser or proxy cache may keep a copy.
    context.switchToHttp().getResponse<Response>().setHeader('Cache-Control', 'no-store');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (actor.role !== 'admin' && roles.length > 0 && !roles.includes(actor.role)) {
      throw new ForbiddenException(`role: ${actor.role} may not do this`);
    }
    return true;
  }
}
