import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config.js';
import { MailTransport } from '../src/mail/mail-transport.js';
import { WritePath } from '../src/database/write-path.js';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { OutboxService } from '../src/mail/outbox.service.js';
import { OutboxWorker, retryDelayMs } from '../src/mail/outbox.worker.js';
import { eventually } from './support/eventually.js';
import { createSeminar, signUpBody } from './support/factories.js';
import { calendarsOf, decodePart, mimeTree, parseInvite } from './support/mail-fixtures.js';
import { SmtpSink } from './support/smtp-sink.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/** The outbox itself: the .eml transport, the worker switch, giving up, and sending again. */
describe('outbox', () => {
  async function signUp(t: TestApp, seminarId: string) {
    const body = signUpBody();
    const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).send(body).expect(201);
    return { ...body, id: response.body.id as string };
  }

  function rows(t: TestApp) {
    return t.app.get(DataSource).getRepository(OutboxEmail);
  }

  it('backs off from about a second, doubling, capped at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 12].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  describe('without SMTP_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ SMTP_URL: undefined });
    });
    afterAll(async () => t?.close());

    it('writes each email as an .eml file named by date and id, with the same parts as over SMTP', async () => {
      const seminar = await createSeminar(t);
      const person = await signUp(t, seminar.id);
      const row = await eventually(() => rows(t).findOneBy({ registrationId: person.id, status: 'sent' }), { what: 'the email to be written' });
      const mailDir = t.app.get(AppConfig).mailDir;
      const files = readdirSync(mailDir).filter((file) => file.endsWith(`_${row.id}.eml`));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z_[0-9a-f-]{36}\.eml$/);
      expect(readdirSync(mailDir).some((file) => file.endsWith('.tmp'))).toBe(false);

      const raw = readFileSync(join(mailDir, files[0]), 'utf8');
      const parsed = await simpleParser(raw);
      expect(parsed.messageId).toBe(row.messageId);
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(parsed.from?.value).toEqual([{ name: 'UN Business Seminars', address: 'no-reply@localhost' }]);
      expect(mimeTree(raw)).toContain('    text/calendar');
      const received = { raw, parsed, messageId: row.messageId, to: [person.email], envelope: { from: '', to: [] } };
      const { alternative, attachment } = calendarsOf(received);
      expect(parseInvite(decodePart(alternative!)).method).toBe('REQUEST');
      expect(parseInvite(decodePart(attachment!)).uid).toBe(`registration-${person.id}@localhost`);
    });

    it('a snapshot that cannot be rendered becomes a failed row with its error; the transaction that queued it commits', async () => {
      const seminar = await createSeminar(t);
      const startsAt = new Date(Date.now() + 5 * 86_400_000);
      const queued = await t.app.get(WritePath).transaction((manager) =>
        t.app.get(OutboxService).queue(manager, {
          kind: 'confirmation',
          recipient: 'someone@example.org',
          language: 'en',
          template: 'registrant',
          data: { introKey: 'email.confirmation.intro', fullName: 'Someone', title: 'Broken', manageUrl: 'http://localhost/r/x' },
          calendar: {
            method: 'REQUEST',
            uid: 'broken@test',
            sequence: 0,
            organizer: { name: 'Organizer', email: 'no-reply@localhost' },
            attendee: { name: 'Someone', email: 'sales#kz@example.com' },
            summary: 'Broken',
            description: '',
            location: null,
            url: null,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 3_600_000),
            timeZone: 'Asia/Almaty',
          },
          seminarId: seminar.id,
        }),
      );
      const failed = await eventually(() => rows(t).findOneBy({ id: queued.id, status: 'failed' }), { what: 'the email to fail' });
      expect(failed.attempts).toBe(1);
      expect(failed.lastError).toMatch(/attendee\.email/);
      const preview = await t.app.get(OutboxService).get(queued.id);
      expect(preview.renderError).toMatch(/attendee\.email/);
    });
  });

  describe('with MAIL_WORKER=off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ MAIL_WORKER: 'off' });
    });
    afterAll(async () => t?.close());

    it('leaves emails queued, with their Message-ID and a snapshot that renders on demand', async () => {
      const seminar = await createSeminar(t);
      const person = await signUp(t, seminar.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [stored] = await rows(t).findBy({ registrationId: person.id });
      // Rendered at send time: the row holds the snapshot, not the bodies.
      expect(stored.payload).toContain('"template":"registrant"');
      expect(stored.html).toBe('');
      const row = await t.app.get(OutboxService).get(stored.id);
      expect(row).toMatchObject({ kind: 'confirmation', status: 'queued', attempts: 0, recipient: person.email, icsMethod: 'REQUEST', messageId: stored.messageId });
      expect(row.ics).toContain('METHOD:REQUEST');
      expect(row.html).toContain('<html lang="en">');
      expect(readdirSync(t.app.get(AppConfig).mailDir)).toEqual([]);
    });

    it('renders the same message on every attempt, byte for byte: Message-ID, Date, MIME boundaries and calendar (DTSTAMP included)', async () => {
      const seminar = await createSeminar(t);
      const person = await signUp(t, seminar.id);
      const [row] = await rows(t).findBy({ registrationId: person.id });
      const transport = t.app.get(MailTransport);
      const first = (await transport.compose(row)).toString();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const second = (await transport.compose(row)).toString();
      const received = (raw: string) => ({ raw, parsed: {} as never, messageId: row.messageId, to: [person.email], envelope: { from: '', to: [] } });
      const [a, b] = [await simpleParser(first), await simpleParser(second)];
      expect(b.messageId).toBe(row.messageId);
      expect(a.messageId).toBe(b.messageId);
      expect(b.date?.getTime()).toBe(a.date?.getTime());
      const icsA = decodePart(calendarsOf(received(first)).alternative!);
      const icsB = decodePart(calendarsOf(received(second)).alternative!);
      expect(icsA).toContain('DTSTAMP:');
      expect(icsB).toBe(icsA);
      expect(b.text).toBe(a.text);
      expect(second).toBe(first);
    });
  });

  describe('giving up and sending again', () => {
    let t: TestApp;
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await SmtpSink.start();
      await sink.stop();
      t = await startTestApp({ SMTP_URL: sink.url, MAIL_MAX_ATTEMPTS: '2' });
    });
    afterAll(async () => {
      await t?.close();
      await sink?.stop();
    });

    it('marks an email failed after MAIL_MAX_ATTEMPTS with the last error; organizers list it and send it again', async () => {
      const seminar = await createSeminar(t);
      const person = await signUp(t, seminar.id);
      const failed = await eventually(() => rows(t).findOneBy({ registrationId: person.id, status: 'failed' }), { what: 'the email to fail' });
      expect(failed.attempts).toBe(2);
      expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);

      await t.http.get('/api/outbox?status=failed').expect(401);
      await t.http.get('/api/outbox?status=nonsense').set(bearer(t.adminToken)).expect(400);
      const list = await t.http.get('/api/outbox?status=failed').set(bearer(t.adminToken)).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ id: failed.id, status: 'failed', recipient: person.email, kind: 'confirmation', attempts: 2 })]);
      expect(list.body[0].html).toBeUndefined();
      const preview = await t.http.get(`/api/outbox/${failed.id}`).set(bearer(t.adminToken)).expect(200);
      expect(preview.body.html).toContain('<html');
      expect(preview.body.ics).toContain('BEGIN:VCALENDAR');

      await sink.restart();
      const resent = await t.http.post(`/api/outbox/${failed.id}/resend`).set(bearer(t.adminToken)).expect(200);
      expect(resent.body).toMatchObject({ id: failed.id, status: 'queued', attempts: 0 });
      const [mail] = await sink.waitForTo(person.email);
      expect(mail.messageId).toBe(failed.messageId);
      const sent = await eventually(() => rows(t).findOneBy({ id: failed.id, status: 'sent' }), { what: 'the email to be marked sent' });
      expect(sent.sentAt).toBeInstanceOf(Date);

      await t.http.post(`/api/outbox/${failed.id}/resend`).set(bearer(t.adminToken)).expect(409);
      await t.http.post(`/api/outbox/00000000-0000-0000-0000-000000000000/resend`).set(bearer(t.adminToken)).expect(404);
      await t.app.get(OutboxWorker).drain();
      expect(sink.to(person.email)).toHaveLength(1);
    });
  });
});
