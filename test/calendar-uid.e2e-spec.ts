import { createTestDatabase, type TestDatabase } from './support/database.js';
import { createSeminar, signUpBody } from './support/factories.js';
import { calendarsOf, decodePart, parseInvite } from './support/mail-fixtures.js';
import { SmtpSink } from './support/smtp-sink.js';
import { startTestApp } from './support/test-app.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';

/** Issue 10 item 7: the calendar UID never changes, whatever PUBLIC_URL becomes. */
describe('calendar UID domain', () => {
  let sink: SmtpSink;
  let database: TestDatabase;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await sink?.stop();
    await database?.drop();
  });

  it('is taken once (the host at the first start) and kept after PUBLIC_URL moves to another host', async () => {
    const first = await startTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'https://first-host.example.kz' }, database);
    let registrationId: string;
    let uid: string;
    let token: string;
    try {
      const seminar = await createSeminar(first);
      const person = signUpBody();
      const created = await first.http.post(`/api/seminars/${seminar.id}/registrations`).send(person).expect(201);
      registrationId = created.body.id;
      token = first.app.get(RegistrationsService).manageTokenFor(registrationId);
      const [mail] = await sink.waitForTo(person.email);
      uid = parseInvite(decodePart(calendarsOf(mail).alternative!)).uid;
      expect(uid).toBe(`registration-${registrationId}@first-host.example.kz`);
    } finally {
      await first.close();
    }

    const second = await startTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'https://seminars.un.example.org' }, database);
    try {
      const download = await second.http.get(`/api/registrations/${token}/invite.ics`).expect(200);
      expect(parseInvite(download.text).uid).toBe(uid);
      await second.http.post(`/api/registrations/${token}/cancel`).expect(200);
      const messages = await sink.waitFor((all) => all.some((m) => /METHOD:CANCEL/.test(m.raw) && m.raw.includes(registrationId)), 20_000, 'the cancellation');
      const cancel = messages.find((m) => /method=CANCEL/i.test(m.raw) && m.raw.includes(registrationId))!;
      const invite = parseInvite(decodePart(calendarsOf(cancel).alternative!));
      expect(invite.method).toBe('CANCEL');
      expect(invite.uid).toBe(uid);
      // Links follow the new PUBLIC_URL; only the UID stays.
      expect(cancel.parsed.text).toContain('https://seminars.un.example.org/');
    } finally {
      await second.close();
    }
  });
});
