import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DomainError } from '../common/domain-errors.js';
import { isDatabaseUnavailable } from './driver-errors.js';

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

/** A programming error: a statement that changes data was issued outside `WritePath.transaction`. */
export class WriteOutsideWritePathError extends Error {
  constructor(sql: string) {
    super(`write outside WritePath.transaction (it would join or miss another transaction): ${sql.slice(0, 120)}`);
    this.name = 'WriteOutsideWritePathError';
  }
}

type AfterCommit = () => void;

/** The transaction the current async call chain is running in, if it is a write-path transaction. */
const currentTransaction = new AsyncLocalStorage<{ runner: QueryRunner | undefined }>();

/** Statements that change data or schema. Reads, PRAGMA, SET, SAVEPOINT and the like pass. */
const WRITE_STATEMENT = /^\s*(?:INSERT|UPDATE|DELETE|REPLACE|MERGE|CREATE|DROP|ALTER|TRUNCATE)\b|^\s*WITH\b[\s\S]*\b(?:INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\S+\s+SET)\b/i;

export function isWriteStatement(sql: string): boolean {
  return WRITE_STATEMENT.test(sql);
}
const guarded = new WeakSet<QueryRunner>();

/**
 * SQLite: better-sqlite3 answers synchronously, so a queue of transactions would otherwise run back to
 * back in one burst of microtasks, and nothing else (the mail worker's SMTP replies, new requests)
 * would get the event loop until the whole queue was done: under 50 connections the outbox sent 84
 * emails in a 10 s burst of sign-ups, and some sign-ups waited far longer than their turn. Yielding
 * once per transaction (setImmediate: after pending I/O) gives every waiting callback its turn.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Every write on either database goes through here, and nowhere else.
 *
 * `transaction(work)` runs `work` in one transaction; the change and its audit entry and outbox row
 * are written with the `manager` it hands over. A statement that changes data and does not come from
 * inside such a callback, on that callback's own connection, is refused (see `guardWrites`): on
 * SQLite TypeORM shares one connection, so a write made beside the write path would silently join
 * whatever transaction is open and vanish with its rollback; on PostgreSQL it would run outside the
 * transaction that holds the row locks. Reads use repositories (`@InjectRepository`), never this.
 *
 * SQLite: two concurrent `transaction()` calls would collide on the shared connection, so writes are
 * queued and run one at a time in this process. better-sqlite3 is synchronous, so this costs little,
 * and it also makes "count seats, then insert" safe.
 *
 * PostgreSQL: transactions run concurrently on the pool; code that needs exclusivity (the seat count
 * of a seminar) takes a row lock with `lockRow` or uses a conditional update.
 */
@Injectable()
export class WritePath {
  private readonly logger = new Logger(WritePath.name);
  private queue: Promise<unknown> = Promise.resolve();
  private readonly afterCommitListeners: AfterCommit[] = [];
  /** SQLite only: until when writes fail fast because another process holds the file's write lock. */
  private busyUntil = 0;
  private inFlight = 0;
  readonly isPostgres: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.isPostgres = dataSource.options.type === 'postgres';
  }

  /** Transactions of this process queued or running now (the mail worker yields to a rush of them). */
  get pending(): number {
    return this.inFlight;
  }

  /** Runs `work` in one transaction. Hooks registered with `onCommit` run after it commits. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (currentTransaction.getStore()) {
      // A nested call would deadlock on SQLite's queue and escape the transaction on PostgreSQL.
      throw new Error('WritePath.transaction called inside another write-path transaction: pass its manager instead');
    }
    this.inFlight++;
    try {
      return await this.queued(work);
    } finally {
      this.inFlight--;
    }
  }

  private queued<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = async () => {
      if (!this.isPostgres && Date.now() < this.busyUntil) throw new DatabaseBusyError();
      let result: T;
      try {
        const scope = { runner: undefined as QueryRunner | undefined };
        result = await currentTransaction.run(scope, () =>
          this.dataSource.transaction((manager) => {
            scope.runner = manager.queryRunner;
            return work(manager);
          }),
        );
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
    // Each queued transaction first lets the event loop turn (see `nextTurn`).
    const next = this.queue.then(nextTurn, nextTurn).then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * For one self-contained statement that must hold no lock across an await (a claim decided by a
   * single conditional upsert): `work` runs in this write path's turn, on its connection, with no
   * BEGIN around it, so each statement commits on its own. Anything that writes more than one
   * statement, or an audit entry, belongs in `transaction`.
   */
  async autocommit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (currentTransaction.getStore()) throw new Error('WritePath.autocommit called inside a write-path transaction');
    const run = async () => {
      if (!this.isPostgres && Date.now() < this.busyUntil) throw new DatabaseBusyError();
      const runner = this.dataSource.createQueryRunner();
      try {
        return await currentTransaction.run({ runner }, () => work(runner.manager));
      } catch (error) {
        if (!this.isPostgres && isDatabaseUnavailable(error)) this.busyUntil = Date.now() + SQLITE_BUSY_COOLDOWN_MS;
        throw error;
      } finally {
        // SQLite shares its one runner: releasing it there would close nothing, but keep it explicit.
        if (this.isPostgres) await runner.release();
      }
    };
    if (this.isPostgres) return run();
    const next = this.queue.then(nextTurn, nextTurn).then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Called after every committed transaction (the outbox worker uses it to send at once). */
  onCommit(listener: AfterCommit): void {
    this.afterCommitListeners.push(listener);
  }

  /**
   * Locks a row for the rest of the transaction (PostgreSQL `FOR UPDATE`).
   * On SQLite the write queue already gives exclusivity, so this is a plain read.
   */
  async lockRow<T extends object>(manager: EntityManager, entity: new () => T, id: string): Promise<T | null> {
    const query = manager.getRepository(entity).createQueryBuilder('row').where('row.id = :id', { id });
    if (this.isPostgres) query.setLock('pessimistic_write');
    return query.getOne();
  }
}

/**
 * Makes the write path the only way to change data: every query runner of `dataSource` refuses a
 * statement that changes data unless it runs inside a `WritePath.transaction` callback, on that
 * transaction's own connection. Installed once the migrations have run.
 */
export function guardWrites(dataSource: DataSource): void {
  const driver = dataSource.driver as { createQueryRunner(mode: string): QueryRunner };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: string) => {
    const runner = createQueryRunner(mode);
    // SQLite hands out one runner for everything; PostgreSQL a new one per transaction or query.
    if (guarded.has(runner)) return runner;
    guarded.add(runner);
    const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    runner.query = ((sql: string, ...rest: unknown[]) => {
      if (isWriteStatement(sql) && currentTransaction.getStore()?.runner !== runner) {
        return Promise.reject(new WriteOutsideWritePathError(sql));
      }
      return query(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  };
}
