import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns.js';

export const ROLES = ['admin', 'organizer', 'checkin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('account')
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Raised on password reset, role change or disabling: older tokens stop working. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @TimestampColumn({ nullable: true })
  lastLoginAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

}
