import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/** A UN agency that can sit at a desk; organizers keep the list (seeded by migration 1765500000000). */
@Entity('agency')
export class Agency {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Short name shown everywhere, e.g. UNDP; stored on desks as it was when the desk was made. */
  @Column({ type: 'varchar', length: 20, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Inactive agencies stay on existing desks but are not offered for new ones. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  @CreatedAtColumn()
  createdAt: Date;
}
