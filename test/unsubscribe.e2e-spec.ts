import { DataSource } from 'typeorm';
import { TokensService } from '../src/accounts/tokens.service.js';
import { loggablePath } from '../src/common/request-id.middleware.js';
import { Suppression } from '../src/invitations/suppression.entity.js';
import { SmtpSink } from './support/smtp-sink.js';
import { createSeminar } from './support/factories.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/** Issue 10 item 8: bulk invitations carry one-click List-Unsubscribe; an address that unsubscribed is never invited again. */
describe('unsubscribe from invitations', () => {
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

  const suppressed = () => t.app.get(DataSource).getRepository(Suppression).find();

  it('headers, a body link, a confirm page in kk/ru/en, one-click POST, and no invitation afterwards', async () => {
    const seminar = await createSeminar(t, { language: 'en' });
    await t.http.post(`/api/seminars/${seminar.id}/invitations`).set(bearer(t.adminToken)).send({ invitees: [{ email: 'Una.Person@Example.org' }] }).expect(202);
    const [mail] = await sink.waitForTo('una.person@example.org');
    const headers = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    const header = /^list-unsubscribe:\s*(.*)$/im.exec(headers)?.[1] ?? '';
    const link = /<(http:\/\/localhost:3999\/unsubscribe\/([\w-]{40,}))>/.exec(header);
    expect(link).not.toBeNull();
    expect(header).toMatch(/<mailto:[^>]+\?subject=unsubscribe>/);
    expect(/^list-unsubscribe-post:\s*(.*)$/im.exec(headers)?.[1]).toBe('List-Unsubscribe=One-Click');
    expect(mail.parsed.text).toContain(link![1]);
    const token = link![2];

    // The page asks first (a scanner following the link unsubscribes nobody), in each language.
    for (const [lang, words] of [['en', 'Unsubscribe'], ['ru', 'Отписаться'], ['kk', 'Жазылымнан шығу']]) {
      const page = await t.http.get(`/unsubscribe/${token}?lang=${lang}`).expect(200);
      expect(page.text).toContain(words);
      expect(page.text).toContain(`<form method="post" action="/unsubscribe/${token}">`);
      expect(page.text).toContain('una.person@example.org');
    }
    expect(await suppressed()).toEqual([]);

    // Not readable: the address is sealed, so a URL in a log or a proxy does not say whose it is.
    expect(header).not.toContain(Buffer.from('una.person@example.org').toString('base64url'));
    expect(header.toLowerCase()).not.toContain('una.person');
    // Not guessable: a changed token, or the earlier form with a wrong signature, is refused.
    const flipped = Buffer.from(token, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    await t.http.get(`/unsubscribe/${flipped.toString('base64url')}`).expect(404);
    await t.http.post(`/unsubscribe/${token.slice(0, -2)}xx`).type('form').send('List-Unsubscribe=One-Click').expect(404);
    const forged = `${Buffer.from('someone@example.org').toString('base64url')}.${'A'.repeat(43)}`;
    await t.http.get(`/unsubscribe/${forged}`).expect(404);

    // RFC 8058 one-click: a POST with no cookie and no form token.
    await t.http.post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await t.http.post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await suppressed()).map((row) => row.email)).toEqual(['una.person@example.org']);

    const next = await createSeminar(t, { language: 'en' });
    const report = await t.http
      .post(`/api/seminars/${next.id}/invitations`)
      .set(bearer(t.adminToken))
      .send({ invitees: [{ email: 'una.person@example.org' }, { email: 'other.person@example.org' }] })
      .expect(202);
    expect(report.body.queued).toBe(1);
    expect(report.body.skipped).toEqual([{ row: 1, email: 'una.person@example.org', reason: 'unsubscribed' }]);
  });

  it('a link of the earlier form (readable address and signature), already in mailboxes, still unsubscribes', async () => {
    const email = 'earlier.form@example.org';
    const earlier = `${Buffer.from(email).toString('base64url')}.${t.app.get(TokensService).mac(`unsubscribe:${email}`)}`;
    await t.http.post(`/unsubscribe/${earlier}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await suppressed()).map((row) => row.email)).toContain(email);
    expect(loggablePath(`/unsubscribe/${earlier}`)).toBe('/unsubscribe/[redacted]');
  });
});
