import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the console's outbox page (OutboxService.search): newest first, a page at a time,
 * filtered by status or kind, or looked up by a whole address. Without them every page sorted the
 * whole table (SQLite: `SCAN o` + `USE TEMP B-TREE FOR ORDER BY`). With them a page walks its
 * index in order and stops. Measured (query only, median of 9, busy machine):
 *
 * - SQLite, 5,000 rows: about 1 ms either way (the page's rendering dominates, ~20 ms).
 * - SQLite, 50,000 rows: a page 21 -> 0.4 ms, kind and status 20 -> 1.5 ms, a whole address
 *   14 -> 0.01 ms. A part of an address is a full scan either way (13 ms; see the `+` in search()).
 * - PostgreSQL, 50,000 rows: Index Scan Backward + Incremental Sort, 0.1-0.9 ms; a whole address
 *   0.03 ms; a part of one a Seq Scan, 17 ms.
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
