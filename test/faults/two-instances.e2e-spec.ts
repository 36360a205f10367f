import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { eventually } from '../support/eventually.js';
import { company, seminarInput, signUpBody } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { ADMIN, bearer } from '../support/test-app.js';
import { sleep } from './fault-helpers.js';
import { freePort } from '../support/ports.js';

/**
 * Two app processes on one PostgreSQL database, started at the same moment on an empty database:
 * the claims of the "Several instances" section of the README, checked. Both run the compiled app
 * (`node dist/main.js`, built by `npm test`'s pretest step), as production would.
 */

const server = process.env.TEST_DATABASE_URL;
const ROOT = join(import.meta.dirname, '..', '..');
/** The compiled app; another build can be pointed at while the tree's dist/ is being rebuilt. */
const ENTRY = process.env.FAULTS_APP_ENTRY ?? join(ROOT, 'dist', 'main.js');
const CAPACITY = 20;
const SIGN_UPS = 60;
const REMINDER_HOURS = 1;
/** Sign-ups must exist before the reminder time (a late sign-up gets no reminder), so it falls this far into the test. */
const REMINDER_DUE_AFTER_MS = 15_000;

if (!server) process.stdout.write('faults: two-instances test skipped: it needs PostgreSQL; set TEST_DATABASE_URL (CI does)\n');

interface Instance {
  child: ChildProcess;
  http: ReturnType<typeof request>;
  output: () => string;
}

async function startInstance(database: TestDatabase, smtpUrl: string, port: number): Promise<Instance> {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: database.url,
      SMTP_URL: smtpUrl,
      PUBLIC_URL: 'http://localhost:3999',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      REMINDER_HOURS: String(REMINDER_HOURS),
      SIGNUP_RATE_LIMIT: 'off',
      LOG_REQUESTS: 'off',
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'seminars-two-mail-')),
      // Required on PostgreSQL, and the same on every instance.
      APP_SECRET: 'two-instances-secret-two-instances-secret-0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, http: request(`http://127.0.0.1:${port}`), output: () => output };
}

async function waitHealthy(instance: Instance): Promise<void> {
  const outcome = await eventually(
    async () => {
      if (instance.child.exitCode !== null) return 'exited';
      const status = await instance.http
        .get('/api/health')
        .then((response) => response.status)
        .catch(() => 0);
      return status === 200 && 'healthy';
    },
    { timeout: 60_000, interval: 200, what: 'the instance to answer /api/health' },
  ).catch(() => {
    throw new Error(`instance not healthy within 60 s:\n${instance.output()}`);
  });
  if (outcome === 'exited') throw new Error(`instance exited during start-up:\n${instance.output()}`);
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

(server ? describe : describe.skip)('faults: two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let a: Instance;
  let b: Instance;
  let sql: pg.Client;

  beforeAll(async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm test (it builds first) or npm run build`);
    database = await createTestDatabase();
    sink = await SmtpSink.start();
    const [portA, portB] = [await freePort(), await freePort()];
    // The same moment, an empty database: both race for the migration lock and the first admin.
    [a, b] = await Promise.all([startInstance(database, sink.url, portA), startInstance(database, sink.url, portB)]);
    await Promise.all([waitHealthy(a), waitHealthy(b)]);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 90_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await sink?.stop();
    await database?.drop();
  });

  it('both come up on an empty database, migrate once, and share the secret that signs tokens (APP_SECRET, never stored)', async () => {
    const migrations = await sql.query('SELECT name FROM migrations');
    expect(new Set(migrations.rows.map((row: { name: string }) => row.name)).size).toBe(migrations.rows.length);
    const accounts = await sql.query('SELECT email FROM account');
    expect(accounts.rows).toEqual([{ email: ADMIN.email }]);
    // The secret is never kept in the database: a copy of it must not be enough to forge a token.
    const secrets = await sql.query("SELECT value FROM app_setting WHERE key = 'app_secret'");
    expect(secrets.rows).toHaveLength(0);

    const login = await a.http.post('/api/auth/login').send(ADMIN).expect(200);
    // A token from one instance works on the other: no sticky sessions needed.
    await b.http.get('/api/seminars/00000000-0000-0000-0000-000000000000/registrations').set(bearer(login.body.accessToken)).expect(404);
  });

  it('a rush split across both confirms exactly the capacity; every confirmed registrant gets one invite and one reminder', async () => {
    const token = (await b.http.post('/api/auth/login').send(ADMIN).expect(200)).body.accessToken;
    const startsAt = new Date(Date.now() + REMINDER_HOURS * 3_600_000 + REMINDER_DUE_AFTER_MS);
    const created = await a.http
      .post('/api/seminars')
      .set(bearer(token))
      .send(seminarInput({ capacity: CAPACITY, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString() }))
      .expect(201);
    const seminarId = created.body.id;

    const answers = await Promise.all(
      Array.from({ length: SIGN_UPS }, (_, index) => {
        const instance = index % 2 === 0 ? a : b;
        const body = signUpBody({ fullName: `Fault Person ${index + 1}`, company: company((index + 1) % 7) });
        return instance.http
          .post(`/api/seminars/${seminarId}/registrations`)
          .send(body)
          .then((response) => ({ status: response.status, body: response.body, email: body.email }));
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(SIGN_UPS).fill(201));
    const confirmed = answers.filter((answer) => answer.body.status === 'confirmed');
    const waitlisted = answers.filter((answer) => answer.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(CAPACITY);
    expect(waitlisted).toHaveLength(SIGN_UPS - CAPACITY);
    expect(waitlisted.map((answer) => answer.body.waitlistPosition).sort((x, y) => x - y)).toEqual(Array.from({ length: SIGN_UPS - CAPACITY }, (_, i) => i + 1));
    const seminar = await b.http.get(`/api/seminars/${seminarId}`).expect(200);
    expect(seminar.body).toMatchObject({ seatsTaken: CAPACITY, seatsLeft: 0, waitlistCount: SIGN_UPS - CAPACITY });
    const rows = await sql.query('SELECT status, count(*)::int AS n FROM registration WHERE seminar_id = $1 GROUP BY status', [seminarId]);
    expect(Object.fromEntries(rows.rows.map((row: { status: string; n: number }) => [row.status, row.n]))).toEqual({ confirmed: CAPACITY, waitlisted: SIGN_UPS - CAPACITY });

    // Each confirmed registrant: one invite; each waitlisted one: one email without an invite.
    await sink.waitForCount(SIGN_UPS, 30_000);
    const invites = (address: string) => sink.to(address).filter((mail) => /METHOD:REQUEST/.test(mail.raw));
    for (const answer of confirmed) await sink.waitForTo(answer.email, 1, 10_000);

    // Reminders fall due a few seconds later; both instances scan for them (every 30 s) and race.
    const remindersQueued = async () => (await sql.query("SELECT count(*)::int AS n FROM outbox_email WHERE kind = 'reminder' AND status = 'sent'")).rows[0].n;
    await eventually(async () => (await remindersQueued()) >= CAPACITY, { timeout: 75_000, interval: 1_000, what: 'a reminder for every confirmed registrant' }).catch(() => undefined);
    expect(await remindersQueued()).toBe(CAPACITY);
    // Give a duplicate, if any instance were to send one, the time to arrive.
    await sleep(3_000);

    for (const answer of confirmed) {
      // The confirmation and the reminder both carry the invite; nothing else went to them.
      expect(invites(answer.email)).toHaveLength(2);
      expect(sink.to(answer.email)).toHaveLength(2);
    }
    for (const answer of waitlisted) {
      expect(sink.to(answer.email)).toHaveLength(1);
      expect(invites(answer.email)).toHaveLength(0);
    }
    const reminders = await sql.query("SELECT registration_id, message_id FROM outbox_email WHERE kind = 'reminder'");
    expect(new Set(reminders.rows.map((row: { registration_id: string }) => row.registration_id)).size).toBe(CAPACITY);
    const confirmations = await sql.query("SELECT count(*)::int AS n FROM outbox_email WHERE kind = 'confirmation' AND seminar_id = $1", [seminarId]);
    expect(confirmations.rows[0].n).toBe(CAPACITY);
    // Every Message-ID arrived exactly once: no row was sent by both instances.
    const received = sink.messages.map((mail) => mail.messageId);
    expect(new Set(received).size).toBe(received.length);
    const sent = await sql.query("SELECT message_id FROM outbox_email WHERE status = 'sent'");
    expect(received.length).toBe(sent.rows.length);
  }, 150_000);
});
