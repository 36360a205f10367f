import { randomBytes, randomInt } from 'node:crypto';
import { binControlDigit } from '../../src/companies/bin.js';
import { bearer, type TestApp } from './test-app.js';

/**
 * Test data that passes validation, one place for all specs. Every builder gives fresh, unique
 * values (so a test never depends on what another test created) and takes overrides for what the
 * test is about.
 */

const FRESH_BASE = 100_000_000;
const freshSerials = new Set<number>();

/**
 * A 12-digit BIN with a valid control digit (the rule is in src/companies/bin.ts).
 * `validBin(n)` is the same BIN for the same `n` (0 ≤ n < 100,000,000), for tests where several
 * people share a company; `validBin()` is a fresh one, never equal to a numbered one.
 */
export function validBin(n?: number): string {
  if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n < FRESH_BASE)) throw new Error(`validBin(n): n must be an integer from 0 to ${FRESH_BASE - 1}`);
  const serial = n ?? freshSerial();
  // "1" + nine digits of the serial + one free digit: the 11th digit has weight 11 in the first
  // pass (no effect mod 11) and weight 2 in the second, so one of 0..9 always gives a control digit.
  const prefix = `1${String(serial).padStart(9, '0')}`;
  for (let last = 0; last <= 9; last++) {
    const control = binControlDigit(`${prefix}${last}`);
    if (control !== null) return `${prefix}${last}${control}`;
  }
  throw new Error(`no valid BIN for ${prefix}`);
}

/** Fresh serials are random (unique in this process), so no two BINs share a run of digits that a search by part of a BIN could hit. */
function freshSerial(): number {
  for (;;) {
    const serial = randomInt(FRESH_BASE, 1_000_000_000);
    if (!freshSerials.has(serial)) {
      freshSerials.add(serial);
      return serial;
    }
  }
}

export interface CompanyInput {
  name: string;
  bin: string;
  city?: string;
  sector?: string;
}

/** A company for a sign-up. `company(n)` is the same company (name and BIN) for the same `n`. */
export function company(n?: number, overrides: Partial<CompanyInput> = {}): CompanyInput {
  const bin = validBin(n);
  return { name: n === undefined ? `Tengri Trading ${bin.slice(-6)}` : `Company ${n}`, bin, ...overrides };
}

const run = randomBytes(3).toString('hex');
let people = 0;

export interface SignUpBody {
  fullName: string;
  email: string;
  language: string;
  consent: boolean;
  company: CompanyInput;
  [field: string]: unknown;
}

/**
 * A valid `SignUp` body with a unique email, in English, for a fresh company; override what the
 * test is about (`language: undefined` sends none, so the seminar's language applies).
 */
export function signUpBody(overrides: Record<string, unknown> = {}): SignUpBody {
  people++;
  return {
    fullName: `Aigerim Test ${people}`,
    email: `person-${run}-${people}@example.org`,
    language: 'en',
    consent: true,
    ...overrides,
    company: 'company' in overrides ? overrides.company : company(),
  } as SignUpBody;
}

export type SignedUp = SignUpBody & { id: string; status: 'confirmed' | 'waitlisted'; waitlistPosition: number | null };

/** Signs someone up through the public API (201 expected) and returns the body sent with the answer. */
export async function signUp(t: Pick<TestApp, 'http'>, seminarId: string, overrides: Record<string, unknown> = {}): Promise<SignedUp> {
  const body = signUpBody(overrides);
  const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).send(body);
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { ...body, ...(response.body as { id: string; status: 'confirmed' | 'waitlisted'; waitlistPosition: number | null }) };
}

/** A seminar body that passes validation, two weeks ahead; override what the test cares about. */
export function seminarInput(overrides: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + 14 * 86_400_000);
  startsAt.setUTCHours(5, 0, 0, 0);
  return {
    title: 'Selling to the UN: peacekeeping procurement',
    description: 'How UN procurement works, registering on UNGM, and bidding.',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
    timeZone: 'Asia/Almaty',
    city: 'Almaty',
    venue: 'UN House, 67 Tole Bi St',
    language: 'ru',
    capacity: 50,
    ...overrides,
  };
}

/** Creates a seminar through the API as the seeded admin (201 expected). */
export async function createSeminar(test: Pick<TestApp, 'http' | 'adminToken'>, overrides: Record<string, unknown> = {}) {
  const response = await test.http.post('/api/seminars').set(bearer(test.adminToken)).send(seminarInput(overrides));
  if (response.status !== 201) throw new Error(`seminar creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string } & Record<string, unknown>;
}
