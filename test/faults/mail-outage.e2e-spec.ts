import { DataSource } from 'typeorm';
import { OutboxEmail } from '../../src/mail/outbox-email.entity.js';
import { eventually } from '../support/eventually.js';
import { createSeminar, signUpBody } from '../support/factories.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The SMTP server is down while 20 people sign up. Every sign-up must succeed, and once the server
 * is back every person gets exactly one confirmation.
 */
describe('fault: SMTP down during sign-ups', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('accepts every sign-up and delivers each confirmation exactly once after recovery', async () => {
    const seminar = await createSeminar(t, { capacity: 100 });
    await sink.stop();

    const people = Array.from({ length: 20 }, () => signUpBody());
    const answers = await Promise.all(people.map((body) => t.http.post(`/api/seminars/${seminar.id}/registrations`).send(body)));
    expect(answers.map((answer) => answer.status)).toEqual(people.map(() => 201));

    // Wait until every email has failed at least once, so the recovery really comes from the retries.
    const outbox = t.app.get(DataSource).getRepository(OutboxEmail);
    await eventually(
      async () => {
        const rows = await outbox.findBy({ seminarId: seminar.id });
        return rows.length === 20 && rows.every((row) => row.attempts >= 1 && row.lastError);
      },
      { timeout: 60_000, what: 'every email to fail once' },
    );
    // A short outage: the backoff grows to a few seconds meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const failedAttempts = (await outbox.findBy({ seminarId: seminar.id })).reduce((sum, row) => sum + row.attempts, 0);

    const back = Date.now();
    await sink.restart();
    const emails = people.map((person) => person.email);
    await sink.waitFor((all) => emails.every((email) => all.some((mail) => mail.to.includes(email))), 60_000, 'every confirmation');
    const recoveryMs = Date.now() - back;
    // Let the workers run a while longer: a duplicate would show up now.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    for (const email of emails) {
      const received = sink.to(email);
      expect(received).toHaveLength(1);
      expect(new Set(received.map((mail) => mail.messageId)).size).toBe(1);
    }
    const rows = await outbox.findBy({ seminarId: seminar.id });
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'sent'));
    expect(new Set(sink.messages.map((mail) => mail.messageId)).size).toBe(sink.messages.length);
    process.stdout.write(
      `[mail-outage] 20/20 sign-ups 201 while SMTP was down; ${failedAttempts} failed attempts during the outage; ` +
        `all 20 delivered ${recoveryMs} ms after SMTP came back; ${sink.messages.length} messages, ${new Set(sink.messages.map((m) => m.messageId)).size} distinct Message-IDs\n`,
    );
  });
});
