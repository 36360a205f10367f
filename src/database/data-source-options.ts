import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { useTimestampDialect } from './columns.js';
import { entities } from './entities.js';
import { IdSubscriber } from './id.subscriber.js';
import { migrations } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The one place that builds DataSource options; the app and the TypeORM CLI both use it. */
export function buildDataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  useTimestampDialect(database.kind);
  const common = {
    entities,
    subscribers: [IdSubscriber],
    migrations,
    migrationsRun: false, // run at start-up under a lock, see MigrationRunner
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error'] as ('error' | 'warn')[],
  };
  if (database.kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      extra: {
        max: database.poolSize,
        connectionTimeoutMillis: 5_000,
        // A request waits at most this long for the database, so an outage answers 503 instead of hanging.
        statement_timeout: 15_000,
      },
    };
  }
  if (database.path !== ':memory:') createPrivateFile(database.path);
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
    },
  };
}

/**
 * Creates the SQLite file readable by its owner only (SQLite gives its -wal and -shm files the same
 * mode), in a directory only its owner may enter when that has to be created too. Existing files
 * and directories keep the mode their operator gave them.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
}
