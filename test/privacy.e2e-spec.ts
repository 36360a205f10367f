import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config.js';
import { WritePath } from '../src/database/write-path.js';
import { Invitation } from '../src/invitations/invitation.entity.js';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { RETENTION_SETTING, RetentionService } from '../src/privacy/retention.service.js';
import { createSeminar, signUp, validBin } from './support/factories.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { usingPostgres } from './support/database.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;

/** An unsent email far in the future, so the worker leaves it queued while the test looks. */
async function queueHeldEmail(t: TestApp, registrationId: string, recipient: string) {
  const row = { kind: 'reminder', recipient, registrationId, language: 'ru', subject: 'Reminder', html: '<p>Dear person</p>', text: 'Dear person', messageId: `<held-${registrationId}@test>`, status: 'queued' as const, nextAttemptAt: new Date(Date.now() + 30 * DAY) };
  await writeDirectly(t, (manager) => manager.insert(OutboxEmail, row));
}

async function report(t: TestApp) {
  const body = (await t.http.get('/api/reports/attendance-by-company').set(bearer(t.adminToken)).expect(200)).body as { company: { bin: string } }[];
  return body.sort((a, b) => a.company.bin.localeCompare(b.company.bin));
}

/** Moves a seminar in time without the API's rules, as if time had passed. */
async function setSeminarEnd(t: TestApp, seminarId: string, endsAt: Date) {
  await writeDirectly(t, (manager) => manager.update(Seminar, { id: seminarId }, { startsAt: new Date(endsAt.getTime() - 4 * 3_600_000), endsAt, registrationClosesAt: null }));
}

describe('personal data: erasure and retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RETENTION_DAYS: '365', MAIL_FROM: 'UN Business Seminars <no-reply@seminars.example.org>' });
  });
  afterAll(async () => t?.close());

  it('erasure removes the .eml copies too; they are 0600 in a 0700 directory, with CRLF line endings only', async () => {
    const seminar = await createSeminar(t);
    const person = await signUp(t, seminar.id, { fullName: 'Eml Person', email: 'eml.person@example.org' });
    const mailDir = t.app.get(AppConfig).mailDir;
    const outbox = t.app.get(DataSource).getRepository(OutboxEmail);
    let sent: OutboxEmail | null = null;
    for (let i = 0; i < 200 && !sent; i++) {
      sent = await outbox.findOneBy({ registrationId: person.id, status: 'sent' });
      if (!sent) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sent).not.toBeNull();
    const files = readdirSync(mailDir).filter((file) => file.endsWith(`_${sent!.id}.eml`));
    expect(files).toHaveLength(1);
    expect(statSync(join(mailDir, files[0])).mode & 0o777).toBe(0o600);
    expect(statSync(mailDir).mode & 0o777).toBe(0o700);
    const raw = readFileSync(join(mailDir, files[0]), 'latin1');
    expect(raw).toContain('eml.person@example.org');
    expect(raw).toContain('\r\n');
    expect(raw).not.toMatch(/(?<!\r)\n/);

    await t.http.post(`/api/registrations/${person.id}/erase`).set(bearer(t.adminToken)).expect(200);
    expect(readdirSync(mailDir).filter((file) => file.endsWith(`_${sent!.id}.eml`))).toEqual([]);
    for (const file of readdirSync(mailDir)) expect(readFileSync(join(mailDir, file), 'latin1')).not.toContain('eml.person@example.org');
    const [row] = await outbox.findBy({ id: sent!.id });
    expect(row).toMatchObject({ payload: null, html: '', text: '' });
  });

  it('erases a registrant on request (admin only) and keeps the report counts', async () => {
    const seminar = await createSeminar(t, { capacity: 2 });
    const bin = validBin();
    const company = { name: 'Erasure Test LLP', bin, sector: 'construction' };
    // Invited first (someone already registered is not invited), then signed up.
    await t.http.post(`/api/seminars/${seminar.id}/invitations`).set(bearer(t.adminToken)).send({ invitees: [{ email: 'asel@example.org', fullName: 'Asel Nurpeisova' }, { email: 'someone.else@example.org', fullName: 'Someone Else' }] }).expect(202);
    const attended = await signUp(t, seminar.id, { fullName: 'Asel Nurpeisova', email: 'asel@example.org', company });
    const confirmed = await signUp(t, seminar.id, { fullName: 'Bolat Serikov', email: 'bolat@example.org', company });
    const waiting = await signUp(t, seminar.id, { fullName: 'Saule Ermekova', email: 'saule@example.org', company });
    await t.http.post(`/api/seminars/${seminar.id}/check-ins`).set(bearer(t.adminToken)).send({ registrationId: attended.id }).expect(200);
    await queueHeldEmail(t, attended.id, 'asel@example.org');
    const before = await report(t);

    const organizer = await consoleAs(t, 'organizer');
    await t.http.post(`/api/registrations/${attended.id}/erase`).set(bearer(organizer.token)).expect(403);
    const erased = await t.http.post(`/api/registrations/${attended.id}/erase`).set(bearer(t.adminToken)).expect(200);
    expect(erased.body).toEqual({ id: attended.id, erasedAt: expect.any(String) });
    await t.http.post(`/api/registrations/${attended.id}/erase`).set(bearer(t.adminToken)).expect(200);
    await t.http.post('/api/registrations/00000000-0000-0000-0000-000000000000/erase').set(bearer(t.adminToken)).expect(404);

    const dataSource = t.app.get(DataSource);
    const row = await dataSource.getRepository(Registration).findOneByOrFail({ id: attended.id });
    expect(row).toMatchObject({ email: `erased-${attended.id}@invalid`, phone: null, position: null, status: 'confirmed', seminarId: seminar.id });
    expect(row.fullName).not.toContain('Asel');
    expect(row.erasedAt).toBeInstanceOf(Date);
    expect(row.checkedInAt).toBeInstanceOf(Date);
    const emails = await dataSource.getRepository(OutboxEmail).findBy({ registrationId: attended.id });
    expect(emails.filter((email) => email.status === 'queued')).toEqual([]);
    expect(emails.map((email) => email.recipient).join(' ')).not.toContain('asel@');
    expect(emails.map((email) => email.html + email.text).join(' ')).not.toContain('Asel');
    const invitations = await dataSource.getRepository(Invitation).findBy({ seminarId: seminar.id });
    expect(invitations.map((invitation) => invitation.email).sort()).toEqual([expect.stringMatching(/^erased-.*@invalid$/), 'someone.else@example.org'].sort());
    expect(invitations.find((invitation) => invitation.email.startsWith('erased-'))!.fullName).toBeNull();
    const invitationIds = invitations.filter((invitation) => invitation.email.startsWith('erased-')).map((invitation) => invitation.id);
    expect(await dataSource.getRepository(OutboxEmail).countBy({ invitationId: invitationIds[0], status: 'queued' })).toBe(0);

    // The console offers erasure to admins, with a confirmation step.
    const admin = await consoleAs(t, 'admin');
    const confirm = await admin.browser.get(`/admin/seminars/${seminar.id}/registrations/${confirmed.id}/erase`).expect(200);
    expect(confirm.text).toContain('Bolat Serikov');
    await admin.browser.post(`/admin/seminars/${seminar.id}/registrations/${confirmed.id}/erase`).type('form').send({ _csrf: csrfFrom(confirm.text) }).expect(303);
    await t.http.post(`/api/registrations/${waiting.id}/erase`).set(bearer(t.adminToken)).expect(200);

    expect(await report(t)).toEqual(before);
    const list = (await t.http.get(`/api/seminars/${seminar.id}/registrations`).set(bearer(t.adminToken)).expect(200)).body as { fullName: string; email: string; status: string; checkedInAt: string | null }[];
    expect(list.map((r) => r.status).sort()).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(list.filter((r) => r.checkedInAt)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toMatch(/Asel|Bolat|Saule|asel@|bolat@|saule@/);
    const audit = await admin.browser.get('/admin/audit').expect(200);
    expect(audit.text).toContain('registration.erased');
    expect(audit.text).not.toContain('asel@example.org');

    // The same person can sign up again: the erased row no longer holds their address.
    await signUp(t, seminar.id, { fullName: 'Asel Nurpeisova', email: 'asel@example.org', company });
  });

  it('retention erases only registrations of seminars that ended more than RETENTION_DAYS ago, once a day', async () => {
    // A fixed day far ahead, so the app's own hourly timer can never have claimed it.
    const now = new Date('2041-06-15T03:00:00.000Z');
    const old = await createSeminar(t, { title: 'Old seminar' });
    const recent = await createSeminar(t, { title: 'Recent seminar' });
    const upcoming = await createSeminar(t, { title: 'Upcoming seminar' });
    const people = {
      old: await signUp(t, old.id, { fullName: 'Old Person', email: 'old.person@example.org' }),
      recent: await signUp(t, recent.id, { fullName: 'Recent Person', email: 'recent.person@example.org' }),
      upcoming: await signUp(t, upcoming.id, { fullName: 'Upcoming Person', email: 'upcoming.person@example.org' }),
    };
    await t.http.post(`/api/seminars/${old.id}/invitations`).set(bearer(t.adminToken)).send({ invitees: [{ email: 'never.came@example.org', fullName: 'Never Came' }] }).expect(202);
    await t.http.post(`/api/seminars/${upcoming.id}/invitations`).set(bearer(t.adminToken)).send({ invitees: [{ email: 'old.person@example.org', fullName: 'Old Person' }] }).expect(202);
    await setSeminarEnd(t, old.id, new Date(now.getTime() - 366 * DAY));
    await setSeminarEnd(t, recent.id, new Date(now.getTime() - 364 * DAY));
    await setSeminarEnd(t, upcoming.id, new Date(now.getTime() + 30 * DAY));
    // Everything else in this database ends before the cutoff too; only these three matter below.
    const retention = t.app.get(RetentionService);

    const first = await retention.runIfDue(now);
    expect(first.ran).toBe(true);
    expect(first.registrations).toBeGreaterThanOrEqual(1);
    const repository = t.app.get(DataSource).getRepository(Registration);
    const state = async (id: string) => repository.findOneByOrFail({ id });
    expect((await state(people.old.id)).email).toBe(`erased-${people.old.id}@invalid`);
    expect((await state(people.old.id)).erasedAt).toBeInstanceOf(Date);
    expect((await state(people.recent.id))).toMatchObject({ email: 'recent.person@example.org', fullName: 'Recent Person', erasedAt: null });
    expect((await state(people.upcoming.id))).toMatchObject({ email: 'upcoming.person@example.org', erasedAt: null });
    const invitations = t.app.get(DataSource).getRepository(Invitation);
    expect((await invitations.findBy({ seminarId: old.id })).map((invitation) => invitation.email)).toEqual([expect.stringMatching(/^erased-.*@invalid$/)]);
    // The same person's invitation to a future seminar stays.
    expect((await invitations.findBy({ seminarId: upcoming.id })).map((invitation) => invitation.email)).toEqual(['old.person@example.org']);

    expect(await retention.runIfDue(new Date(now.getTime() + 3_600_000))).toEqual({ ran: false, registrations: 0, invitations: 0 });
    const twoDaysLater = await retention.runIfDue(new Date(now.getTime() + 2 * DAY));
    expect(twoDaysLater.ran).toBe(true);
    expect((await state(people.recent.id)).erasedAt).toBeInstanceOf(Date);
    expect((await state(people.upcoming.id)).erasedAt).toBeNull();
  });
});

describe('retention with two instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp({ MAIL_FROM: 'UN Business Seminars <no-reply@seminars.example.org>' });
    second = await startTestApp({ MAIL_FROM: 'UN Business Seminars <no-reply@seminars.example.org>' }, first.database);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('runs once per day however many instances check at the same moment', async () => {
    const seminar = await createSeminar(first, { title: 'Long ago' });
    const person = await signUp(first, seminar.id, { fullName: 'Long Ago', email: 'long.ago@example.org' });
    const now = new Date('2042-02-02T10:00:00.000Z');
    await setSeminarEnd(first, seminar.id, new Date(now.getTime() - 400 * DAY));

    const runs = await Promise.all([
      first.app.get(RetentionService).runIfDue(now),
      second.app.get(RetentionService).runIfDue(now),
      first.app.get(RetentionService).runIfDue(now),
      second.app.get(RetentionService).runIfDue(now),
    ]);
    expect(runs.filter((run) => run.ran)).toHaveLength(1);
    expect(runs.find((run) => run.ran)!.registrations).toBe(1);
    const dataSource = first.app.get(DataSource);
    expect((await dataSource.getRepository(Registration).findOneByOrFail({ id: person.id })).erasedAt).toBeInstanceOf(Date);
    const setting = await dataSource.query(`SELECT value FROM app_setting WHERE key = '${RETENTION_SETTING}'`);
    expect(setting[0].value).toBe('2042-02-02');
    const events = await dataSource.query(`SELECT COUNT(*) AS count FROM audit_event WHERE action = 'privacy.retention'`);
    expect(Number(events[0].count)).toBe(1);
    expect(first.app.get(WritePath).isPostgres).toBe(usingPostgres);
  });
});
