import { SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createSeminar, validBin } from './support/factories.js';

/**
 * The pages behind the manage link speak the registrant's language by themselves: the emailed link is
 * PUBLIC_URL + /r/ + token exactly (CONTRACT, Email) and carries no language.
 */
describe('manage page language', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let link: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url });
    const seminar = await createSeminar(t, { language: 'ru' });
    await t.http
      .post(`/api/seminars/${seminar.id}/registrations`)
      .send({ fullName: 'Айгерим Сейтқали', email: 'aigerim.lang@example.kz', consent: true, language: 'kk', company: { name: 'ТОО Сапа', bin: validBin() } })
      .expect(201);
    const [mail] = await sink.waitForTo('aigerim.lang@example.kz', 1);
    link = /http:\/\/localhost:3999\/r\/[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? '')?.[0] ?? '';
    expect(mail.parsed.html || '').toContain(`href="${link}"`);
    // CONTACT_EMAIL unset is MAIL_FROM's address: no Reply-To repeating the sender.
    expect(mail.parsed.replyTo).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const path = () => new URL(link).pathname;
  const langOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

  it('the emailed link is PUBLIC_URL + /r/ + token, nothing more', () => {
    expect(link).toMatch(/^http:\/\/localhost:3999\/r\/[A-Za-z0-9_-]{43}$/);
    expect((sink.to('aigerim.lang@example.kz')[0].parsed.text ?? '').split('\n').map((line) => line.trim())).toContain(link);
  });

  it('opens in the registration language even when the browser and an old cookie say otherwise', async () => {
    const page = await t.http.get(path()).set('Accept', 'text/html').set('Accept-Language', 'en-GB,en;q=0.9').set('Cookie', 'lang=ru').expect(200);
    expect(langOf(page.text)).toBe('kk');
    expect(page.headers['content-language']).toBe('kk');
    // The language switch marks Kazakh as current and offers the others.
    expect(page.text).toMatch(/hreflang="kk" aria-current="true"/);
  });

  it('keeps a language the person picks', async () => {
    const page = await t.http.get(`${path()}?lang=en`).set('Accept', 'text/html').expect(200);
    expect(langOf(page.text)).toBe('en');
    expect(page.text).toContain('Your registration');
    const cancel = await t.http.get(`${path()}/cancel`).set('Accept', 'text/html').set('Accept-Language', 'ru').expect(200);
    expect(langOf(cancel.text)).toBe('kk');
  });

  it.each(['meetings', 'follow-up', 'company'])('the %s page behind the link opens in the registration language too, and keeps a picked one', async (page) => {
    const opened = await t.http.get(`${path()}/${page}`).set('Accept', 'text/html').set('Accept-Language', 'en-GB,en;q=0.9').set('Cookie', 'lang=ru').expect(200);
    expect(langOf(opened.text)).toBe('kk');
    const picked = await t.http.get(`${path()}/${page}?lang=en`).set('Accept', 'text/html').expect(200);
    expect(langOf(picked.text)).toBe('en');
  });
});
