import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns.js';

/** One slot of a desk's window, stored so that "one meeting per slot" is a unique index. */
@Entity('slot')
@Index('UQ_slot_desk_position', ['deskId', 'position'], { unique: true })
export class Slot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  deskId: string;

  /** 0-based order within the desk; a re-cut window keeps meetings on the same position. */
  @Column({ type: 'integer' })
  position: number;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;
}
