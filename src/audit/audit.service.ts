import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../accounts/accounts.service.js';
import { AuditEvent } from './audit-event.entity.js';

/** Records who did what, inside the transaction of the change itself. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async record(
    manager: EntityManager,
    actor: Pick<Actor, 'id' | 'email'> | null,
    action: string,
    entityType: string,
    entityId: string | null,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await manager.insert(AuditEvent, {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action,
      entityType,
      entityId,
      details: details ? JSON.stringify(details) : null,
    });
  }

  latest(limit = 200, offset = 0): Promise<AuditEvent[]> {
    return this.events.find({ order: { createdAt: 'DESC' }, take: limit, skip: offset });
  }
}
