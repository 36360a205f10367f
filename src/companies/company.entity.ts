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

  /** The name folded for search (src/common/search-text.ts), written with it. */
  @Column({ type: 'varchar', length: 200, default: '' })
  searchText: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sector: string | null;

  /** UNSPSC commodity codes (8 digits, at most 50) the company supplies, as on its UNGM profile. */
  @Column({ type: 'simple-json', default: () => "'[]'" })
  unspscCodes: string[];

  /** The UNGM vendor number (digits), once the company has one. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  ungmNumber: string | null;

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
