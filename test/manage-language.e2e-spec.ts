import { SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createSeminar, validBin } from './support/factories.js';

/** The manage page speaks the registrant's language, which the emailed link carries. */
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
    link = /http:\/\/localhost:3999\/r\/[A-Za-z0-9_-]+\?lang=kk/.exec(mail.parsed.text ?? '')?.[0] ?? '';
    // Handlebars writes "=" as &#x3D; in attributes, which browsers read back as "=".
    expect((mail.parsed.html || '').replace(/&#x3D;/g, '=')).toContain(`href="${link}"`);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const path = () => new URL(link).pathname;
  const langOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

  it('the emailed link carries the registration language', () => {
    expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{43}\?lang=kk$/);
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
});
