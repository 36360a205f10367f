import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { domainToUnicode } from 'node:url';

/**
 * The one address rule of the app (sign-up, invitees, accounts, settings). An address is accepted only
 * if every place it goes takes it as it is:
 * - SMTP (RFC 5321): a dot-atom local part; quoted local parts are refused;
 * - the calendar's `mailto:` ATTENDEE (RFC 6068): only the local-part characters that need no
 *   percent-encoding there: letters, digits and `! $ ' * + - _ ~`, in dot-separated atoms.
 *   So `#`, `%`, `?`, `&`, `/`, `=`, `^`, backquote, braces and `|` are refused;
 * - a domain of letters, digits and hyphens (IDN allowed) with a top-level domain.
 * The local part is ASCII: a non-ASCII local part needs SMTPUTF8, which many servers lack.
 */
const LOCAL_ATOM = String.raw`[A-Za-z0-9!$'*+_~-]+`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?`;
const TLD = String.raw`(?:\p{L}[\p{L}\p{M}]{1,62}|xn--[a-z0-9-]{1,59})`;
const ADDRESS = new RegExp(`^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@(?:${LABEL}\\.)+${TLD}$`, 'u');

export const EMAIL_MAX_LENGTH = 254;
const LOCAL_MAX_LENGTH = 64;

/**
 * One spelling per address: trimmed, Unicode NFC (an NFD spelling is the same address), lower case,
 * and a punycode domain shown as Unicode, so `anna@xn--80ak6aa92e.com` and its Unicode form are one.
 */
export function normaliseEmail(value: string): string {
  const address = value.trim().normalize('NFC').toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  const unicode = domain.includes('xn--') ? domainToUnicode(domain) : '';
  return unicode ? `${address.slice(0, at)}@${unicode.normalize('NFC')}` : address;
}

/** Whether `value` (normalised) passes the rule above. */
export function isAcceptedEmail(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH) return false;
  const at = value.lastIndexOf('@');
  return at > 0 && at <= LOCAL_MAX_LENGTH && ADDRESS.test(value);
}

/** DTO field: normalises the address (see `normaliseEmail`); leaves non-strings for the type check. */
export const normalisedEmail = () => Transform(({ value }) => (typeof value === 'string' ? normaliseEmail(value) : value));

/** DTO check with the one address rule; the message names the field. */
export function IsAcceptedEmail(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAcceptedEmail',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an email address of letters, digits and . ! $ ' * + - _ ~ before the @ (no # % ? & / = or quotes)`,
        ...options,
      },
      validator: { validate: (value: unknown) => isAcceptedEmail(value) },
    });
}
