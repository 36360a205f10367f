import { MigrationInterface, QueryRunner } from 'typeorm';

/** Seminars are in person (city, venue, door check-in) or online (a join link); existing ones are in person. */
export class SeminarFormat1765600100000 implements MigrationInterface {
  name = 'SeminarFormat1765600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ADD COLUMN (same SQL on both databases): TypeORM's addColumn rebuilds the table on SQLite,
    // which breaks the triggers other tables keep.
    await queryRunner.query("ALTER TABLE seminar ADD COLUMN format varchar(16) NOT NULL DEFAULT 'in_person'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE seminar DROP COLUMN format');
  }
}
