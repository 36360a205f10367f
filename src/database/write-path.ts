import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-errors.js';
import { isDatabaseUnavailable } from '../common/http-exception.filter.js';

/**
 * better-sqlite3 waits for another process's lock (busy_timeout) synchronously, freezing every
 * request of this process meanwhile. After one write found the file locked, queued writes therefore
 * fail at once with 503 for this long instead of each freezing the process again.
 */
const SQLITE_BUSY_COOLDOWN_MS = 3_000;

export class DatabaseBusyError extends DomainError {
  constructor() {
    super('unavailable', 'database_busy', 'The service is briefly unavailable; please try again.');
  }
}

type AfterCommit = () => void;

/**
 * Every multi-step write goes through here.
 *
 * SQLite: TypeORM runs all transactions on one shared connection, so two concurrent
 * `transaction()` calls collide ("cannot start a transaction within a transaction").
 * Writes are therefore queued and run one at a time in this process. better-sqlite3 is
 * synchronous, so this costs little, and it also makes "count seats, then insert" safe.
 *
 * PostgreSQL: transactions run concurrently on the pool; code that needs exclusivity
 * (the seat count of a seminar) takes a row lock with `lockSeminar` or uses a conditional update.
 */
@Injectable()
export class WritePath {
  private readonly logger = new Logger(WritePath.name);
  private queue: Promise<unknown> = Promise.resolve();
  private readonly afterCommitListeners: AfterCommit[] = [];
  /** SQLite only: until when writes fail fast because another process holds the file's write lock. */
  private busyUntil = 0;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** Runs `work` in one transaction. Hooks registered with `onCommit` run after it commits. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = async () => {
      if (!this.isPostgres && Date.now() < this.busyUntil) throw new DatabaseBusyError();
      let result: T;
      try {
        result = await this.dataSource.transaction(work);
      } catch (error) {
        if (!this.isPostgres && isDatabaseUnavailable(error)) this.busyUntil = Date.now() + SQLITE_BUSY_COOLDOWN_MS;
        throw error;
      }
      for (const listener of this.afterCommitListeners) {
        try {
          listener();
        } catch (error) {
          this.logger.error(`after-commit listener failed: ${(error as Error).message}`);
        }
      }
      return result;
    };
    if (this.isPostgres) return run();
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Called after every committed transaction (the outbox worker uses it to send at once). */
  onCommit(listener: AfterCommit): void {
    this.afterCommitListeners.push(listener);
  }

  /**
   * Locks a seminar row for the rest of the transaction (PostgreSQL `FOR UPDATE`).
   * On SQLite the write queue already gives exclusivity, so this is a plain read.
   */
  async lockRow<T extends object>(manager: EntityManager, entity: new () => T, id: string): Promise<T | null> {
    const query = manager.getRepository(entity).createQueryBuilder('row').where('row.id = :id', { id });
    if (this.isPostgres) query.setLock('pessimistic_write');
    return query.getOne();
  }
}
