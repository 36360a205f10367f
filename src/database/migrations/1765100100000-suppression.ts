import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { timestampType } from '../columns.js';

/** Addresses that unsubscribed from invitations, and when: never invited again. */
export class Suppression1765100100000 implements MigrationInterface {
  name = 'Suppression1765100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'suppression',
        columns: [
          { name: 'email', type: 'varchar', length: '254', isPrimary: true },
          { name: 'created_at', type: timestampType(queryRunner.connection.options.type), default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('suppression');
  }
}
