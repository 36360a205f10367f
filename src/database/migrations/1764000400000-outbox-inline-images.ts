import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Inline images (the ticket QR code) are rendered with the rest of the email at enqueue time,
 * so the worker sends exactly what the transaction committed.
 */
export class OutboxInlineImages1764000400000 implements MigrationInterface {
  name = 'OutboxInlineImages1764000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('outbox_email', new TableColumn({ name: 'inline_images', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox_email', 'inline_images');
  }
}
