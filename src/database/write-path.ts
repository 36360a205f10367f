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

/** SQLite ended the transaction a group shared (its `cause`, when a statement's error did so). */
class SharedTransactionLostError extends Error {
  constructor(cause: unknown) {
    super('SQLite rolled back the shared transaction', { cause });
  }
}

/** A transaction (or an autocommit statement) waiting for its turn on SQLite's one connection. */
interface Job {
  kind: 'transaction' | 'autocommit';
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLite, group commit: at most this many queued transactions share one SQLite transaction, each in a
 * savepoint of its own (`runGroup`). Measured on 2026-12-02 with 50 connections booking meetings: one
 * BEGIN…COMMIT each, a turn of the event loop before each, cost a booking 0.84-1.26 ms of app CPU and a
 * refusal 0.45-0.53 ms (the COMMIT alone 133-147 µs); in groups, 0.50-0.69 and 0.25-0.36 ms, and
 * `npm run bench -- --only health,meetings` went from 0.19-0.23x health to 0.27-0.45x (0.30x or more in
 * eight runs of nine).
 */
const GROUP_MAX = 32;
/** A group takes no further transaction once it has run this long, so one slow transaction holds back few others. */
const GROUP_BUDGET_MS = 20;

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
 * before each transaction, or group of them (setImmediate: after pending I/O), gives every waiting
 * callback its turn.
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
 * and it also makes "count seats, then insert" safe. Under a rush the queued transactions share one
 * SQLite transaction (group commit, see `runGroup`): each still commits or fails as a whole, on its own.
 *
 * PostgreSQL: transactions run concurrently on the pool; code that needs exclusivity (the seat count
 * of a seminar) takes a row lock with `lockRow` or uses a conditional update.
 */
@Injectable()
export class WritePath {
  private readonly logger = new Logger(WritePath.name);
  /** SQLite: what waits for the connection, in order, and whether the loop that runs it is going. */
  private readonly jobs: Job[] = [];
  private draining = false;
  /** The HTTP server accepted a connection in this turn of the event loop (see `connectionAccepted`). */
  private accepted = false;
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
      return await (this.isPostgres ? this.runAlone(work) : this.enqueue('transaction', work));
    } finally {
      this.inFlight--;
    }
  }

  /** One transaction of its own, then the after-commit hooks: PostgreSQL always, SQLite when nothing else waits. */
  private async runAlone<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
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
      this.noteUnavailable(error);
      this.forgetLostTransaction();
      throw error;
    }
    this.committed();
    return result;
  }

  /**
   * For one self-contained statement that must hold no lock across an await (a claim decided by a
   * single conditional upsert): `work` runs in this write path's turn, on its connection, with no
   * BEGIN around it, so each statement commits on its own. Anything that writes more than one
   * statement, or an audit entry, belongs in `transaction`.
   */
  async autocommit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (currentTransaction.getStore()) throw new Error('WritePath.autocommit called inside a write-path transaction');
    if (this.isPostgres) return this.runAutocommit(work);
    return this.enqueue('autocommit', work);
  }

  private async runAutocommit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isPostgres && Date.now() < this.busyUntil) throw new DatabaseBusyError();
    const runner = this.dataSource.createQueryRunner();
    try {
      return await currentTransaction.run({ runner }, () => work(runner.manager));
    } catch (error) {
      this.noteUnavailable(error);
      throw error;
    } finally {
      // SQLite shares its one runner: releasing it there would close nothing, but keep it explicit.
      if (this.isPostgres) await runner.release();
    }
  }

  /** SQLite: waits for the connection behind whatever is queued. */
  private enqueue<T>(kind: Job['kind'], work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ kind, work, resolve: resolve as (result: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  /** SQLite: runs the queue until it is empty, letting the event loop turn before each group (see `nextTurn`). */
  private async drain(): Promise<void> {
    try {
      while (this.jobs.length > 0) {
        await nextTurn();
        const head = this.jobs[0];
        if (head.kind === 'autocommit') {
          this.jobs.shift();
          await this.runAutocommit(head.work).then(head.resolve, head.reject);
          continue;
        }
        // A connection accepted in the turn just ended: more may wait, one per turn (`connectionAccepted`).
        const groupMax = this.accepted ? 1 : GROUP_MAX;
        this.accepted = false;
        let count = 1;
        while (count < groupMax && this.jobs[count]?.kind === 'transaction') count++;
        const group = this.jobs.splice(0, count);
        if (group.length === 1) await this.runAlone(head.work).then(head.resolve, head.reject);
        else await this.runGroup(group);
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * SQLite, group commit: the queued transactions run one after the other inside one BEGIN…COMMIT,
   * each in a savepoint of its own, as if each had run alone in that order. One that throws is rolled
   * back to its savepoint and fails alone; the others commit together, and each caller hears back only
   * after that COMMIT. A failed COMMIT fails them all and keeps nothing of theirs (no constraint here is
   * deferred to COMMIT, so what fails one is the disk or another process's lock, not one member's data).
   * Should SQLite end the transaction by itself (a full disk, an I/O error), those that ran fail with
   * that error and those that had not run go back to the head of the queue; so do the rest once the
   * group has run GROUP_BUDGET_MS, or once one of them met another process's lock.
   */
  private async runGroup(group: Job[]): Promise<void> {
    if (Date.now() < this.busyUntil) {
      for (const job of group) job.reject(new DatabaseBusyError());
      return;
    }
    const started = performance.now();
    const ran: { job: Job; result?: unknown; error?: unknown; failed: boolean }[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        const scope = { runner: manager.queryRunner };
        for (const job of group) {
          if (ran.length > 0 && performance.now() - started >= GROUP_BUDGET_MS) break;
          await manager.query('SAVEPOINT write_path');
          const outcome: (typeof ran)[number] = { job, failed: false };
          ran.push(outcome);
          try {
            outcome.result = await currentTransaction.run(scope, () => job.work(manager));
          } catch (error) {
            outcome.failed = true;
            outcome.error = error;
          }
          if (!this.sqliteInTransaction()) throw new SharedTransactionLostError(outcome.error);
          if (outcome.failed) await manager.query('ROLLBACK TO write_path');
          await manager.query('RELEASE write_path');
          if (outcome.failed && isDatabaseUnavailable(outcome.error)) {
            // Another process holds the file (busy_timeout spent): each of the rest would freeze the process
            // as long again. They go back to the queue, where the cooldown answers them at once.
            this.noteUnavailable(outcome.error);
            break;
          }
        }
      });
    } catch (error) {
      const cause = error instanceof SharedTransactionLostError ? (error.cause ?? error) : error;
      this.noteUnavailable(cause);
      this.forgetLostTransaction();
      if (ran.length === 0) {
        // BEGIN or the first SAVEPOINT failed: nobody ran, and each would meet the same error.
        for (const job of group) job.reject(cause);
        return;
      }
      for (const outcome of ran) {
        if (outcome.failed) continue;
        outcome.failed = true;
        outcome.error = cause;
      }
    }
    // Those that did not run wait at the head of the queue for the next group.
    this.jobs.unshift(...group.slice(ran.length));
    for (const outcome of ran) {
      if (outcome.failed) {
        outcome.job.reject(outcome.error);
        continue;
      }
      this.committed();
      outcome.job.resolve(outcome.result);
    }
  }

  /**
   * SQLite ends a transaction by itself on some errors (a full disk, an I/O error); TypeORM's ROLLBACK
   * then fails and its runner still counts the transaction as open, so its next BEGIN would be only a
   * SAVEPOINT and its next ROLLBACK a ROLLBACK TO, leaving a transaction open that never commits.
   */
  private forgetLostTransaction(): void {
    if (this.isPostgres || this.sqliteInTransaction()) return;
    const runner = this.dataSource.createQueryRunner() as unknown as { isTransactionActive: boolean; transactionDepth: number };
    if (!runner.isTransactionActive && runner.transactionDepth === 0) return;
    this.logger.warn('SQLite ended a transaction by itself; the connection starts afresh');
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
  }

  /** better-sqlite3 knows whether a transaction is open; SQLite ends one by itself on some errors. */
  private sqliteInTransaction(): boolean {
    return (this.dataSource.driver as unknown as { databaseConnection?: { inTransaction?: boolean } }).databaseConnection?.inTransaction !== false;
  }

  private noteUnavailable(error: unknown): void {
    if (!this.isPostgres && isDatabaseUnavailable(error)) this.busyUntil = Date.now() + SQLITE_BUSY_COOLDOWN_MS;
  }

  private committed(): void {
    for (const listener of this.afterCommitListeners) {
      try {
        listener();
      } catch (error) {
        this.logger.error(`after-commit listener failed: ${(error as Error).message}`);
      }
    }
  }

  /**
   * The HTTP server calls this for every connection it accepts. libuv accepts one connection per turn of
   * the event loop (libuv 6c692ad, "don't accept() connections in a loop"), so while one was accepted in
   * the last turn others may be waiting, and turns must stay short: the next turn runs one transaction,
   * not a group. Without this, connections opened during a rush waited 300-480 ms to be accepted.
   */
  connectionAccepted(): void {
    this.accepted = true;
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
