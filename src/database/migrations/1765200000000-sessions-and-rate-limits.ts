import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { timestampType } from '../columns.js';

/**
 * `revoked_session`: signed-out access tokens (by their session id) until they would have expired.
 * `rate_limit`: fixed-window counters (sign-ups per IP, logins) shared by every instance on
 * PostgreSQL; a single SQLite process counts in memory and leaves the table empty.
 */
export class SessionsAndRateLimits1765200000000 implements MigrationInterface {
  name = 'SessionsAndRateLimits1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = timestampType(queryRunner.connection.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'revoked_session',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'expires_at', type: ts },
        ],
        indices: [new TableIndex({ name: 'IDX_revoked_session_expires_at', columnNames: ['expires_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit',
        columns: [
          { name: 'key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'count', type: 'integer' },
          { name: 'reset_at', type: ts },
        ],
        indices: [new TableIndex({ name: 'IDX_rate_limit_reset_at', columnNames: ['reset_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit');
    await queryRunner.dropTable('revoked_session');
  }
}
