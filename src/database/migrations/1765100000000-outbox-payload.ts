import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Emails are rendered when they are sent, from a snapshot the feature's transaction stores here.
 * Rows written before keep their rendered parts (html, text, ics) and are sent as they are.
 */
export class OutboxPayload1765100000000 implements MigrationInterface {
  name = 'OutboxPayload1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('outbox_email', new TableColumn({ name: 'payload', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox_email', 'payload');
  }
}
