import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Any fixed number; every instance of the app uses the same one.
const MIGRATION_LOCK_KEY = 74_331_201;

/**
 * Runs pending migrations. On PostgreSQL an advisory lock makes instances that start at the
 * same moment take turns: the first migrates, the others then find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const logger = new Logger('Migrations');
  if (dataSource.options.type !== 'postgres') {
    const done = await dataSource.runMigrations({ transaction: 'each' });
    if (done.length) logger.log(`applied ${done.map((m) => m.name).join(', ')}`);
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    if (done.length) logger.log(`applied ${done.map((m) => m.name).join(', ')}`);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
