/**
 * Errors that belong to the domain, not to HTTP. The exception filter maps `kind` to a status:
 * not-found → 404, conflict → 409, invalid → 400, forbidden → 403, unavailable → 503.
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'unauthorized' | 'too-many' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. `registration_closed`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A 429: the exception filter sends `Retry-After` with these seconds. */
export class TooManyError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many', code, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not-found', 'not_found', `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

/** Bad input in one field; the message names the field first, as the JSON errors do. */
export class InvalidInputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('invalid', 'invalid_input', `${field}: ${message}`);
  }
}
