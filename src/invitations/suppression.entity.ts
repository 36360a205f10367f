import { Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/** An address that unsubscribed from invitations (List-Unsubscribe or the page), and when. */
@Entity('suppression')
export class Suppression {
  /** Normalised like every address (common/email-address.ts). */
  @PrimaryColumn({ type: 'varchar', length: 254 })
  email: string;

  @CreatedAtColumn()
  createdAt: Date;
}
