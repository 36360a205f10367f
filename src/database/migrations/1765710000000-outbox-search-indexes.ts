import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the console's outbox page (OutboxService.search): newest first, a page at a time,
 * filtered by status or kind, or looked up by a whole address. Without them every page of a
 * 5,000-row wave sorted the whole table (SQLite: `SCAN o` + `USE TEMP B-TREE FOR ORDER BY`;
 * PostgreSQL: Seq Scan + Sort). With them a page walks its index in order and stops.
 */
export class OutboxSearchIndexes1765710000000 implements MigrationInterface {
  name = 'OutboxSearchIndexes1765710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('outbox_email', new TableIndex({ name: 'IDX_outbox_email_created', columnNames: ['created_at'] }));
    await queryRunner.createIndex('outbox_email', new TableIndex({ name: 'IDX_outbox_email_status_created', columnNames: ['status', 'created_at'] }));
    await queryRunner.createIndex('outbox_email', new TableIndex({ name: 'IDX_outbox_email_kind_created', columnNames: ['kind', 'created_at'] }));
    await queryRunner.createIndex('outbox_email', new TableIndex({ name: 'IDX_outbox_email_recipient', columnNames: ['recipient'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('outbox_email', 'IDX_outbox_email_recipient');
    await queryRunner.dropIndex('outbox_email', 'IDX_outbox_email_kind_created');
    await queryRunner.dropIndex('outbox_email', 'IDX_outbox_email_status_created');
    await queryRunner.dropIndex('outbox_email', 'IDX_outbox_email_created');
  }
}
