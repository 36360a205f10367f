import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { timestampType } from '../columns.js';

/** The whole data model. Written with TypeORM's Table API so it runs on SQLite and PostgreSQL alike. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = timestampType(queryRunner.connection.options.type);
    const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
    const createdAt: TableColumnOptions = { name: 'created_at', type: ts, default: 'CURRENT_TIMESTAMP' };
    const updatedAt: TableColumnOptions = { name: 'updated_at', type: ts, default: 'CURRENT_TIMESTAMP' };
    const varchar = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
    const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: ts, isNullable: nullable });
    const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });

    await queryRunner.createTable(
      new Table({
        name: 'app_setting',
        columns: [varchar('key', 64, { isPrimary: true }), text('value')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'account',
        columns: [
          id,
          varchar('email', 254, { isUnique: true }),
          varchar('password_hash', 200),
          varchar('role', 16),
          { name: 'disabled', type: 'boolean', default: false },
          int('token_version', { default: 0 }),
          time('last_login_at', true),
          createdAt,
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'seminar',
        columns: [
          id,
          varchar('title', 200),
          { name: 'description', type: 'text', default: "''" },
          time('starts_at'),
          time('ends_at'),
          varchar('time_zone', 64),
          varchar('city', 100),
          varchar('venue', 300, { isNullable: true }),
          varchar('online_url', 500, { isNullable: true }),
          varchar('language', 2),
          int('capacity'),
          int('seats_taken', { default: 0 }),
          int('waitlist_count', { default: 0 }),
          time('registration_closes_at', true),
          varchar('status', 16, { default: "'published'" }),
          int('version', { default: 0 }),
          varchar('created_by', 36, { isNullable: true }),
          createdAt,
          updatedAt,
        ],
        indices: [{ columnNames: ['status', 'ends_at'] }, { columnNames: ['starts_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'company',
        columns: [
          id,
          varchar('bin', 12, { isUnique: true }),
          varchar('name', 200),
          varchar('city', 100, { isNullable: true }),
          varchar('sector', 100, { isNullable: true }),
          createdAt,
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'company_name',
        columns: [id, varchar('company_id', 36), varchar('name', 200), createdAt],
        foreignKeys: [{ columnNames: ['company_id'], referencedTableName: 'company', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ columnNames: ['company_id', 'name'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'invitation',
        columns: [
          id,
          varchar('seminar_id', 36),
          varchar('email', 254),
          varchar('full_name', 200, { isNullable: true }),
          varchar('company_name', 200, { isNullable: true }),
          varchar('bin', 12, { isNullable: true }),
          varchar('token_hash', 64, { isUnique: true }),
          varchar('status', 16, { default: "'invited'" }),
          time('opened_at', true),
          time('registered_at', true),
          varchar('created_by', 36, { isNullable: true }),
          createdAt,
        ],
        foreignKeys: [{ columnNames: ['seminar_id'], referencedTableName: 'seminar', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ columnNames: ['seminar_id', 'email'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'registration',
        columns: [
          id,
          varchar('seminar_id', 36),
          varchar('company_id', 36),
          varchar('full_name', 200),
          varchar('email', 254),
          varchar('phone', 40, { isNullable: true }),
          varchar('position', 200, { isNullable: true }),
          varchar('language', 2),
          varchar('status', 16),
          int('waitlist_position', { isNullable: true }),
          varchar('token_hash', 64, { isUnique: true }),
          varchar('ticket_code', 16, { isUnique: true }),
          time('consent_at'),
          varchar('consent_version', 20),
          int('calendar_sequence', { default: 0 }),
          time('checked_in_at', true),
          varchar('checked_in_by', 36, { isNullable: true }),
          time('cancelled_at', true),
          varchar('invitation_id', 36, { isNullable: true }),
          time('erased_at', true),
          createdAt,
          updatedAt,
        ],
        foreignKeys: [
          { columnNames: ['seminar_id'], referencedTableName: 'seminar', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['company_id'], referencedTableName: 'company', referencedColumnNames: ['id'] },
        ],
        indices: [
          { columnNames: ['seminar_id', 'status'] },
          { columnNames: ['company_id', 'status'] },
          // One active registration per person and seminar; cancelled ones do not count.
          { name: 'UQ_registration_active_email', columnNames: ['seminar_id', 'email'], isUnique: true, where: "status <> 'cancelled'" },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'outbox_email',
        columns: [
          id,
          varchar('kind', 32),
          varchar('recipient', 254),
          varchar('registration_id', 36, { isNullable: true }),
          varchar('seminar_id', 36, { isNullable: true }),
          varchar('invitation_id', 36, { isNullable: true }),
          varchar('dedupe_key', 120, { isNullable: true, isUnique: true }),
          varchar('language', 2),
          varchar('subject', 300),
          text('html'),
          text('text'),
          text('ics', true),
          varchar('ics_method', 16, { isNullable: true }),
          varchar('message_id', 200, { isUnique: true }),
          varchar('status', 16, { default: "'queued'" }),
          int('attempts', { default: 0 }),
          time('next_attempt_at'),
          time('lease_until', true),
          text('last_error', true),
          time('sent_at', true),
          createdAt,
        ],
        indices: [{ columnNames: ['status', 'next_attempt_at'] }, { columnNames: ['registration_id'] }, { columnNames: ['invitation_id'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          id,
          varchar('actor_id', 36, { isNullable: true }),
          varchar('actor_email', 254, { isNullable: true }),
          varchar('action', 64),
          varchar('entity_type', 32),
          varchar('entity_id', 36, { isNullable: true }),
          text('details', true),
          createdAt,
        ],
        indices: [{ columnNames: ['created_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_event', 'outbox_email', 'registration', 'invitation', 'company_name', 'company', 'seminar', 'account', 'app_setting']) {
      await queryRunner.dropTable(table);
    }
  }
}
