import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchText } from '../../common/search-text.js';

const BATCH = 500;

/**
 * Folded search columns for registrants and companies (src/common/search-text.ts): SQLite's LOWER()
 * and LIKE fold ASCII only, so "Айгерим" never matched "айгерим". Existing rows are filled in here,
 * in batches, with the same JavaScript folding the app applies on every write.
 */
export class SearchText1765600000000 implements MigrationInterface {
  name = 'SearchText1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ADD COLUMN, the same SQL on both databases: TypeORM's addColumn rebuilds the table on
    // SQLite, which breaks the triggers other tables keep on it (meetings).
    await queryRunner.query("ALTER TABLE registration ADD COLUMN search_text varchar(500) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE company ADD COLUMN search_text varchar(200) NOT NULL DEFAULT ''");
    await backfillSearchText(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE company DROP COLUMN search_text');
    await queryRunner.query('ALTER TABLE registration DROP COLUMN search_text');
  }
}

/** Fills search_text of every registration (not erased) and company from its current text. */
export async function backfillSearchText(queryRunner: QueryRunner): Promise<void> {
  await backfill(queryRunner, 'registration', ['full_name', 'email'], 'erased_at IS NULL');
  await backfill(queryRunner, 'company', ['name'], null);
}

/** Pages through `table` by id and writes the folded text of `columns` into search_text. */
async function backfill(queryRunner: QueryRunner, table: string, columns: string[], condition: string | null): Promise<void> {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  const placeholder = (n: number) => (postgres ? `$${n}` : '?');
  let after = '';
  for (;;) {
    const rows: Record<string, string | null>[] = await queryRunner.query(
      `SELECT id, ${columns.join(', ')} FROM ${table} WHERE id > ${placeholder(1)}${condition ? ` AND ${condition}` : ''} ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return;
    const params: string[] = [];
    const cases = rows.map((row) => {
      params.push(row.id as string, searchText(...columns.map((column) => row[column])));
      return `WHEN ${placeholder(params.length - 1)} THEN ${placeholder(params.length)}`;
    });
    const ids = rows.map((row) => {
      params.push(row.id as string);
      return placeholder(params.length);
    });
    await queryRunner.query(`UPDATE ${table} SET search_text = CASE id ${cases.join(' ')} END WHERE id IN (${ids.join(', ')})`, params);
    after = rows[rows.length - 1].id as string;
  }
}
