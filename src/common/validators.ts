import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { isTimeZone } from '../config/app-config.js';

/** Control characters (and the Unicode line separators) that no single-line field may hold. */
export const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const MULTILINE_CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

/** Control characters are never allowed; `multiline` text may still contain line breaks and tabs. */
export function NoControlChars(options: { multiline?: boolean } & ValidationOptions = {}) {
  const pattern = options.multiline ? MULTILINE_CONTROL_CHARS : CONTROL_CHARS;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'noControlChars',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not contain control characters`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !pattern.test(value) },
    });
}

export function IsTimeZone(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Asia/Almaty`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 64 && isTimeZone(value) },
    });
}

/**
 * Like `@IsOptional()`, but only a missing field is skipped: `null` is checked like any other value
 * (and refused by the field's type check). For fields where null means nothing, so that `{"x": null}`
 * gets a 400 naming the field instead of reaching the service.
 */
export const IsOptionalNotNull = (options?: ValidationOptions) => ValidateIf((_object, value) => value !== undefined, options);

/** Trims strings (and leaves anything else alone, so the type check still fails on it). */
export const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims, and turns an empty optional field into "not given". */
export const trimmedOptional = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value));
