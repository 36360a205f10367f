import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/** Who did what to which record, and when. */
@Entity('audit_event')
@Index(['createdAt'])
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  /** e.g. seminar.created, registration.cancelled, checkin.recorded, invitations.queued */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  entityType: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  entityId: string | null;

  @Column({ type: 'text', nullable: true })
  details: string | null;

  @CreatedAtColumn()
  createdAt: Date;

}
