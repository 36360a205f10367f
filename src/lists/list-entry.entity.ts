import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';
import type { Language } from '../i18n/i18n.js';

/**
 * An entry of a managed list (cities, sectors): a name in each language, other spellings people type,
 * and whether it is offered for new input. Free text that matches a name or a spelling is filed under
 * the entry, so "IT" and "ИТ и связь" count as one sector in the reports.
 */
abstract class ListEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  nameKk: string;

  @Column({ type: 'varchar', length: 200 })
  nameRu: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn: string;

  /** Other spellings that mean this entry, folded (src/common/search-text.ts) */
  @Column({ type: 'simple-json', default: () => "'[]'" })
  aliases: string[];

  /** Inactive entries keep their rows filed under them but are not offered for new input. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  @CreatedAtColumn()
  createdAt: Date;
}

/** A city of Kazakhstan where seminars are held and companies sit (seeded by migration 1765720000000). */
@Entity('city')
export class City extends ListEntry {}

/** A sector: a UNSPSC segment (see src/companies/unspsc-data.ts) or one added by organizers. */
@Entity('sector')
export class Sector extends ListEntry {
  /** The 2-digit UNSPSC segment it stands for, or null for one added by organizers */
  @Column({ type: 'varchar', length: 2, nullable: true })
  unspscSegment: string | null;
}

export type ListKind = 'city' | 'sector';

export function entryName(entry: Pick<ListEntry, 'nameKk' | 'nameRu' | 'nameEn'>, language: Language): string {
  return language === 'kk' ? entry.nameKk : language === 'en' ? entry.nameEn : entry.nameRu;
}
