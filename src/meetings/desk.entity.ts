import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns.js';
// Type-only, and the relation by entity name: an entity loads no other feature (see registration.entity.ts).
import type { Seminar } from '../seminars/index.js';

/** An agency's desk at one seminar: a window cut into equal slots (see Slot). */
@Entity('desk')
@Index(['seminarId', 'deletedAt'])
export class Desk {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Relation<Seminar>;

  /** Agency code (Agency.code), e.g. UNDP. */
  @Column({ type: 'varchar', length: 20 })
  agency: string;

  /** Where the desk stands, e.g. "Table 4"; goes into the meeting's LOCATION. */
  @Column({ type: 'varchar', length: 100 })
  tableLabel: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  officerName: string | null;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;

  @Column({ type: 'integer' })
  slotMinutes: number;

  /** 2-digit UNSPSC segments the agency buys, comma-separated ("" for none). */
  @Column({ type: 'varchar', length: 300, default: '' })
  unspscSegments: string;

  /** A deleted desk keeps its rows for the reports; its meetings were cancelled. */
  @TimestampColumn({ nullable: true })
  deletedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export function segmentsOf(desk: Pick<Desk, 'unspscSegments'>): string[] {
  return desk.unspscSegments ? desk.unspscSegments.split(',').filter(Boolean) : [];
}
