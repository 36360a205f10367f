import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/** One certificate of attendance per registration, found by its public verification code. */
@Entity('certificate')
export class Certificate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, unique: true })
  registrationId: string;

  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  @CreatedAtColumn()
  issuedAt: Date;
}
