// Bulk data for the attendance-report case, written straight into the database (not through the
// API, which would take minutes): seminars past and future, companies with valid BINs, and a
// realistic mix of confirmed, checked-in, cancelled and waitlisted registrations.
import { createHash, randomUUID } from 'node:crypto';

/** A small deterministic generator, so two runs seed the same shape of data. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function buildRows({ seminars: seminarCount, companies: companyCount, registrations: registrationCount, binControlDigit }) {
  const next = random(42);
  const now = Date.now();
  const cities = ['Almaty', 'Astana', 'Shymkent', 'Karaganda', 'Aktobe'];
  const languages = ['ru', 'kk', 'en'];

  const seminars = Array.from({ length: seminarCount }, (_, index) => {
    // Half in the past year, half in the next one.
    const offsetDays = index < seminarCount / 2 ? -(5 + Math.floor(next() * 360)) : 5 + Math.floor(next() * 360);
    const startsAt = new Date(now + offsetDays * 86_400_000);
    startsAt.setUTCHours(5, 0, 0, 0);
    return {
      id: randomUUID(),
      title: `Seeded seminar ${index + 1}`,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 4 * 3_600_000),
      city: cities[index % cities.length],
      language: languages[index % languages.length],
      capacity: 1000,
      seats_taken: 0,
      waitlist_count: 0,
      past: offsetDays < 0,
    };
  });

  const companies = [];
  for (let candidate = 0; companies.length < companyCount; candidate++) {
    const first11 = String(90_000_000_000 + candidate * 97).slice(0, 11);
    const control = binControlDigit(first11);
    if (control === null) continue;
    companies.push({ id: randomUUID(), bin: first11 + control, name: `Seeded company ${companies.length + 1} LLP`, city: cities[companies.length % cities.length] });
  }

  const registrations = [];
  for (let index = 0; index < registrationCount; index++) {
    const seminar = seminars[Math.floor(next() * seminars.length)];
    const company = companies[Math.floor(next() * companies.length)];
    const roll = next();
    let status = 'confirmed';
    let checkedIn = false;
    if (roll < 0.12) status = 'cancelled';
    else if (roll < 0.17) status = 'waitlisted';
    else if (seminar.past) checkedIn = next() < 0.7;
    let waitlistPosition = null;
    if (status === 'confirmed') seminar.seats_taken += 1;
    if (status === 'waitlisted') waitlistPosition = ++seminar.waitlist_count;
    const createdAt = new Date(seminar.starts_at.getTime() - (1 + Math.floor(next() * 30)) * 86_400_000);
    registrations.push({
      id: randomUUID(),
      seminar_id: seminar.id,
      company_id: company.id,
      full_name: `Seeded Person ${index + 1}`,
      email: `seeded-${index + 1}@example.org`,
      language: seminar.language,
      status,
      waitlist_position: waitlistPosition,
      token_hash: createHash('sha256').update(`seed-${index}`).digest('hex'),
      ticket_code: `S${String(index + 1).padStart(9, '0')}`,
      consent_at: createdAt,
      consent_version: '2025-01',
      checked_in_at: checkedIn ? new Date(seminar.starts_at.getTime() + 15 * 60_000) : null,
      cancelled_at: status === 'cancelled' ? new Date(createdAt.getTime() + 86_400_000) : null,
      created_at: createdAt,
    });
  }
  return { seminars, companies, registrations };
}

/** TypeORM stores SQLite datetimes as UTC "YYYY-MM-DD HH:MM:SS.SSS". */
const sqliteTime = (date) => (date ? date.toISOString().replace('T', ' ').replace('Z', '') : null);

export async function seedAttendance(database, counts) {
  const rows = buildRows(counts);
  if (database.kind === 'sqlite') await seedSqlite(database.path, rows);
  else await seedPostgres(database.url, rows);
  return { seminars: rows.seminars.length, companies: rows.companies.length, registrations: rows.registrations.length };
}

async function seedSqlite(path, { seminars, companies, registrations }) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  db.pragma('busy_timeout = 10000');
  const insertSeminar = db.prepare(
    `INSERT INTO seminar (id, title, description, starts_at, ends_at, time_zone, city, venue, language, capacity, seats_taken, waitlist_count, status, version)
     VALUES (@id, @title, '', @starts_at, @ends_at, 'Asia/Almaty', @city, 'Seeded venue', @language, @capacity, @seats_taken, @waitlist_count, 'published', 0)`,
  );
  const insertCompany = db.prepare('INSERT INTO company (id, bin, name, city) VALUES (@id, @bin, @name, @city)');
  const insertRegistration = db.prepare(
    `INSERT INTO registration (id, seminar_id, company_id, full_name, email, language, status, waitlist_position, token_hash, ticket_code,
       consent_at, consent_version, calendar_sequence, checked_in_at, cancelled_at, created_at, updated_at)
     VALUES (@id, @seminar_id, @company_id, @full_name, @email, @language, @status, @waitlist_position, @token_hash, @ticket_code,
       @consent_at, @consent_version, 0, @checked_in_at, @cancelled_at, @created_at, @created_at)`,
  );
  db.transaction(() => {
    for (const s of seminars) insertSeminar.run({ ...s, starts_at: sqliteTime(s.starts_at), ends_at: sqliteTime(s.ends_at), past: undefined });
    for (const c of companies) insertCompany.run(c);
    for (const r of registrations) {
      insertRegistration.run({
        ...r,
        consent_at: sqliteTime(r.consent_at),
        checked_in_at: sqliteTime(r.checked_in_at),
        cancelled_at: sqliteTime(r.cancelled_at),
        created_at: sqliteTime(r.created_at),
      });
    }
  })();
  db.pragma('optimize');
  db.close();
}

async function seedPostgres(url, { seminars, companies, registrations }) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insert = async (table, columns, items, toValues) => {
    for (let start = 0; start < items.length; start += 1000) {
      const chunk = items.slice(start, start + 1000);
      const params = [];
      const tuples = chunk.map((item) => {
        const values = toValues(item);
        const placeholders = values.map((value) => (params.push(value), `$${params.length}`));
        return `(${placeholders.join(', ')})`;
      });
      await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  };
  try {
    await client.query('BEGIN');
    await insert(
      'seminar',
      ['id', 'title', 'description', 'starts_at', 'ends_at', 'time_zone', 'city', 'venue', 'language', 'capacity', 'seats_taken', 'waitlist_count', 'status', 'version'],
      seminars,
      (s) => [s.id, s.title, '', s.starts_at, s.ends_at, 'Asia/Almaty', s.city, 'Seeded venue', s.language, s.capacity, s.seats_taken, s.waitlist_count, 'published', 0],
    );
    await insert('company', ['id', 'bin', 'name', 'city'], companies, (c) => [c.id, c.bin, c.name, c.city]);
    await insert(
      'registration',
      ['id', 'seminar_id', 'company_id', 'full_name', 'email', 'language', 'status', 'waitlist_position', 'token_hash', 'ticket_code', 'consent_at', 'consent_version', 'calendar_sequence', 'checked_in_at', 'cancelled_at', 'created_at', 'updated_at'],
      registrations,
      (r) => [r.id, r.seminar_id, r.company_id, r.full_name, r.email, r.language, r.status, r.waitlist_position, r.token_hash, r.ticket_code, r.consent_at, r.consent_version, 0, r.checked_in_at, r.cancelled_at, r.created_at, r.created_at],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
