import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/** One row per BIN: a company is the same company wherever its BIN is the same. */
@Entity('company')
export class Company {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 12, unique: true })
  bin: string;

  /** The name the company was first registered with. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sector: string | null;

  @CreatedAtColumn()
  createdAt: Date;

}

/** Later spellings of a company's name, as people typed them. */
@Entity('company_name')
export class CompanyName {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreatedAtColumn()
  createdAt: Date;

}
