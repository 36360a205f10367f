import { QueryFailedError } from 'typeorm';

/**
 * What a database driver's error means, for SQLite (better-sqlite3) and PostgreSQL (pg) alike. The
 * exception filter turns these into 400 and 503; the write path retries what is unavailable.
 */

/** The driver's own error (code, constraint, message) under a TypeORM QueryFailedError. */
export function driverError(error: unknown): { code?: string; constraint?: string; message?: string } | null {
  if (!(error instanceof QueryFailedError)) return null;
  return error.driverError as { code?: string; constraint?: string; message?: string };
}

/** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  const driver = driverError(error);
  return !!driver && (driver.code === '23505' || driver.code === 'SQLITE_CONSTRAINT_UNIQUE' || driver.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '53300',
  '57014', // statement timeout
  'SQLITE_BUSY', 'SQLITE_LOCKED',
]);

/**
 * PostgreSQL refuses some input outright (a NUL byte in text, a malformed value for a typed column)
 * where SQLite stores it. Input reaches the database through ids in URLs and fields that no DTO
 * checks character by character, so these are bad input (400), never a server error.
 */
const REJECTED_INPUT_CODES = new Set(['22021', '22P02', '22001', '22003', '22007', '22008']);

export function isRejectedInput(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return !!code && REJECTED_INPUT_CODES.has(code);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error instanceof QueryFailedError ? (error.driverError as { code?: string; message?: string }) : (error as { code?: string; message?: string });
  if (!candidate) return false;
  // TypeORM throws this when a transaction's connection died under it (the rollback finds the runner gone).
  if ((error as Error)?.name === 'QueryRunnerAlreadyReleasedError') return true;
  if (candidate.code && UNAVAILABLE_CODES.has(candidate.code)) return true;
  const message = String(candidate.message ?? '');
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|database is locked|Client has encountered a connection error/i.test(message);
}
