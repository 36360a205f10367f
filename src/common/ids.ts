import { createHash } from 'node:crypto';

/** Ids are UUIDs; anything else (a NUL byte would even fail in PostgreSQL) cannot be one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Hex SHA-256: what is stored of a link token, so a database dump alone yields no working link. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
