import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

/** How often the background connection copies the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 250;
/**
 * The app's own connection checkpoints only past this many WAL pages (~40 MB): a safety net should the
 * background thread stall. SQLite's default is 1,000 pages.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** Runs in the worker thread: a second connection that only checkpoints. PASSIVE never blocks the writer. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
const checkpoint = () => {
  try {
    db ??= new Database(workerData.path, { fileMustExist: true, timeout: 0 });
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or the file is gone (a test removed it): the app's own autocheckpoint still bounds the WAL.
    try { db?.close(); } catch {}
    db = null;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db?.close(); } catch {}
  process.exit(0);
});
`;

/**
 * SQLite in WAL mode copies the log back into the database file every 1,000 pages, and that checkpoint
 * (with its fsyncs) ran inside whichever COMMIT crossed the limit: on the one event loop of this process,
 * so every ~80th sign-up froze all requests for up to 60 ms (measured under the benchmark). Here a worker
 * thread with its own connection checkpoints every 250 ms instead, off the event loop; the app's
 * connection keeps a high autocheckpoint limit only as a fallback.
 */
@Injectable()
export class SqliteCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SqliteCheckpointer.name);
  private worker: Worker | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const database = this.config.database;
    if (database.kind !== 'sqlite' || database.path === ':memory:') return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: database.path, driver, intervalMs: CHECKPOINT_INTERVAL_MS } });
    this.worker.unref();
    this.worker.on('error', (error) => {
      this.logger.warn(`checkpoint thread stopped, the app's connection checkpoints again: ${error.message}`);
      this.worker = null;
      void this.dataSource.query('PRAGMA wal_autocheckpoint = 1000').catch(() => undefined);
    });
    await this.dataSource.query(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    await worker.terminate().catch(() => undefined);
  }
}
