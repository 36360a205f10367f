import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A company's UNGM profile: the UNSPSC codes it supplies (a JSON array of 8-digit strings) and its UNGM vendor number. */
export class CompanyUngmProfile1765400000000 implements MigrationInterface {
  name = 'CompanyUngmProfile1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('company', [
      new TableColumn({ name: 'unspsc_codes', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'ungm_number', type: 'varchar', length: '20', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('company', 'ungm_number');
    await queryRunner.dropColumn('company', 'unspsc_codes');
  }
}
