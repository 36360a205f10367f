import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns.js';

export const INVITATION_STATUSES = ['invited', 'opened', 'registered'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** A personal invitation to one seminar; no address is invited twice to the same seminar. */
@Entity('invitation')
@Index(['seminarId', 'email'], { unique: true })
export class Invitation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  seminarId: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fullName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  companyName: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  bin: string | null;

  /** SHA-256 of the personal sign-up link's token. */
  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16, default: 'invited' })
  status: InvitationStatus;

  @TimestampColumn({ nullable: true })
  openedAt: Date | null;

  @TimestampColumn({ nullable: true })
  registeredAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

}
