import { SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createSeminar, validBin } from './support/factories.js';

/** Emails: the zone in words, no "manage" button on a cancellation, no mid-word breaks. */
describe('email wording', () => {
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

  it('a confirmation names the zone in the reader’s words; a cancellation has no manage button; nothing breaks words anywhere', async () => {
    const seminar = await createSeminar(t);
    const email = 'aigerim.wording@example.kz';
    await t.http
      .post(`/api/seminars/${seminar.id}/registrations`)
      .send({ fullName: 'Айгерим Сейтқали', email, consent: true, language: 'kk', company: { name: 'ТОО Сапа', bin: validBin() } })
      .expect(201);
    const [confirmation] = await sink.waitForTo(email, 1);
    expect(confirmation.parsed.text).toContain('Алматы уақыты (UTC+5)');
    expect(confirmation.parsed.text).not.toContain('Asia/Almaty');
    const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(confirmation.parsed.text ?? '')![1];
    expect(confirmation.parsed.html).toContain('Тіркелуді қарау немесе одан бас тарту');

    await t.http.post(`/api/registrations/${token}/cancel`).expect(200);
    const mails = await sink.waitForTo(email, 2);
    const cancellation = mails[1];
    expect(cancellation.raw).toMatch(/METHOD:CANCEL/);
    // No "manage" button any more; the link itself stays (the contract puts it in every registrant email).
    expect(cancellation.parsed.html).not.toContain('Тіркелуді қарау немесе одан бас тарту');
    expect(cancellation.parsed.text).toContain(`/r/${token}`);
    for (const mail of mails) expect(mail.parsed.html).not.toContain('break-all');
  });
});
