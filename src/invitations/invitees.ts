import { isAcceptedEmail, normaliseEmail } from '../common/email-address.js';
import { isValidBin, normalizeBin } from '../companies/index.js';
import { CONTROL_CHARS } from '../common/validators.js';
import type { CsvRecord } from './invitee-csv.js';

/** Most rows one request may carry: a large mailing, still short enough to answer in seconds. */
export const MAX_INVITEES = 5000;

/** One row as given: a JSON object, or a CSV line mapped to these names. */
export interface InviteeInput {
  email?: unknown;
  fullName?: unknown;
  companyName?: unknown;
  bin?: unknown;
}

/** A row that passed every check. */
export interface Invitee {
  /** 1-based position in the JSON list, or the line number in the CSV file. */
  row: number;
  /** Trimmed and lower-cased, as registrations store it. */
  email: string;
  fullName: string | null;
  companyName: string | null;
  bin: string | null;
}

export type RowErrorCode = 'required' | 'email' | 'bin' | 'control' | 'too-long' | 'not-text' | 'unknown-field' | 'not-object';

/** Why one row was not invited. `code` lets the console say it in the reader's language. */
export interface RowError {
  row: number;
  field: string;
  message: string;
  code: RowErrorCode;
  /** The offending text (cut to 100 characters), where showing it helps find the mistake. */
  value?: string;
}

const FIELDS = ['email', 'fullName', 'companyName', 'bin'] as const;
const MAX_LENGTH: Record<(typeof FIELDS)[number], number> = { email: 254, fullName: 200, companyName: 200, bin: 20 };

/** Checks one row; a row with any error is reported and not invited. */
export function checkInvitee(raw: unknown, row: number): { invitee: Invitee | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, code: RowErrorCode, message: string, value?: string) =>
    errors.push({ row, field, code, message: `${field}: ${message}`, ...(value === undefined ? {} : { value: value.slice(0, 100) }) });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail('row', 'not-object', 'must be an object with an email');
    return { invitee: null, errors };
  }
  for (const key of Object.keys(raw)) {
    if (!(FIELDS as readonly string[]).includes(key)) fail(key, 'unknown-field', 'is not a known field (email, fullName, companyName, bin)');
  }

  const text = (field: (typeof FIELDS)[number]): string | null => {
    const value = (raw as InviteeInput)[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      fail(field, 'not-text', 'must be text');
      return null;
    }
    const trimmed = value.trim();
    if (CONTROL_CHARS.test(trimmed)) {
      fail(field, 'control', 'must not contain control characters or line breaks');
      return null;
    }
    if (trimmed.length > MAX_LENGTH[field]) {
      fail(field, 'too-long', `must be at most ${MAX_LENGTH[field]} characters`);
      return null;
    }
    return trimmed === '' ? null : trimmed;
  };

  const given = text('email');
  const email = given === null ? null : normaliseEmail(given);
  const fullName = text('fullName');
  const companyName = text('companyName');
  const rawBin = text('bin');

  if (email === null && !errors.some((error) => error.field === 'email')) fail('email', 'required', 'is required');
  else if (email !== null && !isAcceptedEmail(email)) fail('email', 'email', "is not an email address this app can send to (letters, digits and . ! $ ' * + - _ ~ before the @; no # % ? & / = or quotes)", given!);

  const bin = rawBin === null ? null : String(normalizeBin(rawBin));
  if (bin !== null && !isValidBin(bin)) fail('bin', 'bin', 'is not a valid 12-digit BIN (check digit)', rawBin!);

  if (errors.length > 0 || email === null) return { invitee: null, errors };
  return { invitee: { row, email, fullName, companyName, bin }, errors };
}

const HEADER_NAMES: [keyof InviteeInput, RegExp][] = [
  ['email', /mail|почт|пошт/],
  ['bin', /^(bin|бин|бсн|iin|иин|жсн)$|^bin\b|^бин\b/],
  ['companyName', /compan|organi[sz]ation|компан|организац|ұйым|мекеме|фирма/],
  ['fullName', /name|фио|имя|аты|participant|contact|участник/],
];

/**
 * Maps CSV records to rows. Columns are email, name, company, BIN in that order, unless the first
 * line is a header naming them (in English, Russian or Kazakh), in which case any order works.
 */
export function inviteesFromCsv(records: CsvRecord[]): { rows: { row: number; input: InviteeInput }[]; headerError: string | null } {
  let columns: (keyof InviteeInput | null)[] = ['email', 'fullName', 'companyName', 'bin'];
  let body = records;
  const first = records[0];
  if (first && !first.cells.some((cell) => cell.includes('@'))) {
    const named = first.cells.map((cell) => {
      const label = cell.trim().toLowerCase();
      return HEADER_NAMES.find(([, pattern]) => pattern.test(label))?.[0] ?? null;
    });
    if (named.some((name) => name !== null)) {
      if (!named.includes('email')) return { rows: [], headerError: 'file: the header row has no email column' };
      columns = named;
      body = records.slice(1);
    }
  }
  const rows = body.map((record) => {
    const input: Record<string, string> = {};
    columns.forEach((name, index) => {
      if (name && input[name] === undefined && record.cells[index] !== undefined) input[name] = record.cells[index];
    });
    return { row: record.line, input: input as InviteeInput };
  });
  return { rows, headerError: null };
}
