import { Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns.js';

/** A signed-out session (the `sid` of its access token), kept until the token would have expired. */
@Entity('revoked_session')
export class RevokedSession {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @TimestampColumn()
  expiresAt: Date;
}
