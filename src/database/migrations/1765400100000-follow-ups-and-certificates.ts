import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { timestampType } from '../columns.js';

/**
 * Follow-up answers (what a company reports about its UNGM registration and bids) and certificates
 * of attendance. Answers belong to the company; the registration that gave one is a nullable link,
 * cut (with the comment) when that registrant is erased, so the counts survive.
 */
export class FollowUpsAndCertificates1765400100000 implements MigrationInterface {
  name = 'FollowUpsAndCertificates1765400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = timestampType(queryRunner.connection.options.type);
    const varchar = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer', isNullable: true });

    await queryRunner.createTable(
      new Table({
        name: 'follow_up_answer',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('company_id', 36),
          varchar('registration_id', 36, { isNullable: true }),
          varchar('seminar_id', 36, { isNullable: true }),
          int('mark_days'),
          varchar('ungm_stage', 16),
          int('bids_submitted'),
          int('contracts_won'),
          int('rating'),
          { name: 'comment', type: 'text', isNullable: true },
          { name: 'created_at', type: ts },
        ],
        foreignKeys: [
          { columnNames: ['company_id'], referencedTableName: 'company', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['registration_id'], referencedTableName: 'registration', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
          { columnNames: ['seminar_id'], referencedTableName: 'seminar', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [{ columnNames: ['company_id', 'created_at'] }, { columnNames: ['registration_id'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'certificate',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('registration_id', 36, { isUnique: true }),
          varchar('code', 16, { isUnique: true }),
          varchar('language', 2),
          { name: 'issued_at', type: ts, default: 'CURRENT_TIMESTAMP' },
        ],
        foreignKeys: [{ columnNames: ['registration_id'], referencedTableName: 'registration', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('certificate');
    await queryRunner.dropTable('follow_up_answer');
  }
}
