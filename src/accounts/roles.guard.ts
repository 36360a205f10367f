import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException, applyDecorators, UseGuards, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from './account.entity.js';
import { AccountsService, type Actor } from './accounts.service.js';

const ROLES_KEY = 'roles';
export const SESSION_COOKIE = 'session';

/**
 * Requires a signed-in account with one of `roles` (admins may do everything).
 * API clients send `Authorization: Bearer <token>`; console pages carry the same token in the session cookie.
 */
export function Auth(...roles: Role[]) {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(RolesGuard));
}

/** The signed-in account of the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return (context.switchToHttp().getRequest<Request & { actor: Actor }>()).actor;
});

export function tokenFromRequest(request: Request): string | undefined {
  const header = request.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = await this.accounts.authenticate(tokenFromRequest(request));
    if (!actor) throw new UnauthorizedException('Authorization: a valid bearer token is required');
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (actor.role !== 'admin' && roles.length > 0 && !roles.includes(actor.role)) {
      throw new ForbiddenException(`role: ${actor.role} may not do this`);
    }
    return true;
  }
}
