import { ParseUUIDPipe } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { NotFoundError } from './domain-errors.js';

/** Ids are UUIDs. Prefer `ParseId` on the route: a service should not have to check its ids. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Hex SHA-256: what is stored of a link token, so a database dump alone yields no working link. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * `@Param('id', ParseId('seminar'))`: ids are parsed where they come in. A malformed id answers 404
 * like an unknown one (the contract's answer; not 400), so services never see one: PostgreSQL would
 * refuse it as a uuid.
 */
export function ParseId(what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(what) });
}

/**
 * The same for an id that comes in a body field (a form's `slotId`): `parseId(body.slotId, 'slot')`
 * in the controller gives the id, or the 404 that an unknown one gets.
 */
export function parseId(value: unknown, what: string): string {
  if (!isUuid(value)) throw new NotFoundError(what);
  return value;
}
