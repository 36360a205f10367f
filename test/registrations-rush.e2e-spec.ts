import { Registration } from '../src/registrations/registration.entity.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { company, createSeminar, signUpBody } from './support/factories.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from './support/database.js';
import { dataSource } from './support/signup-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CAPACITY = 50;
const PEOPLE = 300;
/** A rush is slow by nature (everyone takes turns on one seminar row): give it room; nothing asserts on time. */
const RUSH_TIMEOUT_MS = 240_000;

/** One person of the rush; a handful of companies, so company rows are contended too. */
function person(index: number) {
  return signUpBody({ fullName: `Rush Person ${index}`, email: `rush-${index}@example.kz`, company: company(index % 7, { name: `Rush Company ${index % 7}` }) });
}

/** Everything that must hold after the rush, read from the database rows themselves. */
async function expectExactOutcome(t: TestApp, seminarId: string, statuses: number[], bodies: { status: string; waitlistPosition: number | null }[]) {
  expect(statuses.filter((status) => status !== 201)).toEqual([]);
  expect(bodies.filter((body) => body.status === 'confirmed')).toHaveLength(CAPACITY);
  expect(bodies.filter((body) => body.status === 'waitlisted')).toHaveLength(PEOPLE - CAPACITY);

  const rows = await dataSource(t).getRepository(Registration).find({ where: { seminarId } });
  expect(rows).toHaveLength(PEOPLE);
  expect(new Set(rows.map((row) => row.email)).size).toBe(PEOPLE);
  expect(new Set(rows.map((row) => row.ticketCode)).size).toBe(PEOPLE);
  const confirmed = rows.filter((row) => row.status === 'confirmed');
  const waitlisted = rows.filter((row) => row.status === 'waitlisted');
  expect(confirmed).toHaveLength(CAPACITY);
  expect(confirmed.every((row) => row.waitlistPosition === null)).toBe(true);
  expect(waitlisted.map((row) => row.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1));

  const seminar = await dataSource(t).getRepository(Seminar).findOneByOrFail({ id: seminarId });
  expect({ seatsTaken: seminar.seatsTaken, waitlistCount: seminar.waitlistCount }).toEqual({ seatsTaken: CAPACITY, waitlistCount: PEOPLE - CAPACITY });

  const companies = await dataSource(t).query('SELECT bin, COUNT(*) AS n FROM company GROUP BY bin');
  expect(companies.every((row: { n: string | number }) => Number(row.n) === 1)).toBe(true);
  // eslint-disable-next-line no-console
  console.log(
    `rush on ${t.database.kind}: ${statuses.length} requests, ${statuses.filter((s) => s === 201).length} × 201, ` +
      `${confirmed.length} confirmed, ${waitlisted.length} waitlisted at positions 1..${Math.max(...waitlisted.map((r) => r.waitlistPosition!))}, ` +
      `seatsTaken=${seminar.seatsTaken} waitlistCount=${seminar.waitlistCount}`,
  );
}

describe(`the rush: ${PEOPLE} simultaneous sign-ups for ${CAPACITY} seats`, () => {
  it(`ends with exactly ${CAPACITY} confirmed and ${PEOPLE - CAPACITY} waitlisted at 1..${PEOPLE - CAPACITY}, no error (one instance, ${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, async () => {
    const t = await startTestApp({ SIGNUP_RATE_LIMIT: 'off' });
    try {
      const seminar = await createSeminar(t, { capacity: CAPACITY });
      const responses = await Promise.all(
        Array.from({ length: PEOPLE }, (_, index) => t.http.post(`/api/seminars/${seminar.id}/registrations`).send(person(index))),
      );
      await expectExactOutcome(
        t,
        seminar.id,
        responses.map((res) => res.status),
        responses.map((res) => res.body),
      );
    } finally {
      await t.close();
    }
  }, RUSH_TIMEOUT_MS);

  (usingPostgres ? it : it.skip)('holds with two app instances on one PostgreSQL database', async () => {
    const database: TestDatabase = await createTestDatabase();
    const first = await startTestApp({ SIGNUP_RATE_LIMIT: 'off' }, database);
    const second = await startTestApp({ SIGNUP_RATE_LIMIT: 'off' }, database);
    try {
      const seminar = await createSeminar(first, { capacity: CAPACITY });
      const responses = await Promise.all(
        Array.from({ length: PEOPLE }, (_, index) => (index % 2 === 0 ? first : second).http.post(`/api/seminars/${seminar.id}/registrations`).send(person(index))),
      );
      await expectExactOutcome(
        first,
        seminar.id,
        responses.map((res) => res.status),
        responses.map((res) => res.body),
      );
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  }, RUSH_TIMEOUT_MS);
});
