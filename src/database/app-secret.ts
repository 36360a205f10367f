import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { AppConfig, DatabaseConfig } from '../config/app-config.js';
import type { DataSource } from 'typeorm';
import type { WritePath } from './write-path.js';

/** Where installations before this release kept the generated secret: in the database itself. */
const LEGACY_SETTING_KEY = 'app_secret';

/**
 * The SQLite installation's generated secret: a file beside the database file, named after it
 * (data/seminars.sqlite -> data/seminars.secret), so that a copy of `seminars.sqlite*` (the database
 * with its -wal and -shm files) never carries it.
 */
export function secretFileFor(database: DatabaseConfig): string | null {
  if (database.kind !== 'sqlite' || database.path === ':memory:') return null;
  return join(dirname(database.path), `${basename(database.path, extname(database.path))}.secret`);
}

/**
 * The secret that signs tokens, manage links and CSRF tokens. A copy of the database alone must
 * never be enough to forge any of them, so it never lives in the database:
 * - APP_SECRET when set (required on PostgreSQL, checked by AppConfig);
 * - else, on SQLite, the secret file, generated at first start with mode 0600.
 * Installations that kept a generated secret in `app_setting` are moved over: the stored value goes
 * to the file (so every manage link already sent keeps working), then the row is deleted.
 */
export async function resolveAppSecret(config: AppConfig, dataSource: DataSource, writePath: WritePath): Promise<string> {
  const logger = new Logger('AppSecret');
  const param = writePath.isPostgres ? '$1' : '?';
  const legacy = (await dataSource.query(`SELECT value FROM app_setting WHERE key = ${param}`, [LEGACY_SETTING_KEY])) as { value: string }[];
  const stored = legacy[0]?.value ?? null;
  const file = secretFileFor(config.database);

  let secret: string;
  if (config.appSecret) {
    secret = config.appSecret;
    if (stored !== null && stored !== secret) {
      if (file && !existsSync(file)) writeSecretFile(file, stored);
      logger.warn(`removed the secret stored in the database; links signed with it ${file ? `are kept in ${file} but ` : ''}no longer work while APP_SECRET differs`);
    }
  } else if (file) {
    if (!existsSync(file)) writeSecretFile(file, stored ?? randomBytes(32).toString('base64url'));
    secret = readSecretFile(file);
  } else {
    // SQLite in memory: nothing outlives the process, so neither does its secret.
    secret = randomBytes(32).toString('base64url');
  }
  if (stored !== null) {
    await writePath.transaction((manager) => manager.query(`DELETE FROM app_setting WHERE key = ${param}`, [LEGACY_SETTING_KEY]));
    logger.log(`moved the generated secret out of the database${file && !config.appSecret ? ` into ${file}` : ''}`);
  }
  return secret;
}

/** Creates the file readable by its owner only; another process that got there first wins. */
function writeSecretFile(path: string, secret: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    writeSync(fd, `${secret}\n`);
  } finally {
    closeSync(fd);
  }
}

function readSecretFile(path: string): string {
  // Tighten, never loosen: a file copied in with a wider mode is made owner-only.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} holds no usable secret (at least 32 characters); delete it to generate a new one, or set APP_SECRET`);
  return secret;
}
