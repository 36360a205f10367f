import { SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createSeminar, signUp as signUpWith, validBin } from './support/factories.js';
/** Signs up in Russian, as this spec was written for. */
const signUp = (t: Parameters<typeof signUpWith>[0], seminarId: string, person: Record<string, unknown>) => signUpWith(t, seminarId, { language: 'ru', ...person });

const html = { Accept: 'text/html' };

/** Who organises and whom to write to, on every page and in every email; the privacy notice. */
describe('trust signals', () => {
  describe('with ORGANIZER_NAME and CONTACT_EMAIL set', () => {
    let t: TestApp;
    let sink: SmtpSink;
    let seminarId: string;

    beforeAll(async () => {
      sink = await SmtpSink.start();
      t = await startTestApp({
        SMTP_URL: sink.url,
        MAIL_FROM: 'UN Seminars <no-reply@un.example.org>',
        ORGANIZER_NAME: 'UNDP Kazakhstan and UNGM',
        CONTACT_EMAIL: 'gulnar.seminars@un.example.org',
        RETENTION_DAYS: '200',
      });
      seminarId = (await createSeminar(t)).id;
    });
    afterAll(async () => {
      await t?.close();
      await sink?.stop();
    });

    it.each([['/'], ['/seminars/SEMINAR'], ['/privacy'], ['/admin/login'], ['/r/unknown-token']])('%s names the organizer and the contact in its footer', async (path) => {
      const page = await t.http.get(path.replace('SEMINAR', seminarId)).set(html);
      const footer = /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(page.text)?.[1] ?? '';
      expect(footer).toContain('UNDP Kazakhstan and UNGM');
      expect(footer).toContain('href="mailto:gulnar.seminars@un.example.org"');
      expect(footer).toContain('href="/privacy"');
      expect(footer).not.toContain('no-reply@');
    });

    it('every email names the organizer and the human contact, in HTML and text', async () => {
      await signUp(t, seminarId, { fullName: 'Айгерим Сейтқали', email: 'aigerim.trust@example.kz', company: { name: 'ТОО Сапа', bin: validBin() } });
      const [mail] = await sink.waitForTo('aigerim.trust@example.kz', 1);
      for (const body of [mail.parsed.html || '', mail.parsed.text || '']) {
        expect(body).toContain('UNDP Kazakhstan and UNGM');
        expect(body).toContain('gulnar.seminars@un.example.org');
      }
      expect(mail.parsed.text).not.toContain('no-reply@un.example.org');
      // A reply goes to the contact, not to the no-reply sender.
      expect(mail.parsed.replyTo?.value.map((address) => address.address)).toEqual(['gulnar.seminars@un.example.org']);
      expect(mail.parsed.from?.value.map((address) => address.address)).toEqual(['no-reply@un.example.org']);
    });

    it.each([
      ['ru', 'Уведомление о конфиденциальности', '200 дн.'],
      ['kk', 'Құпиялылық туралы хабарлама', '200 күн'],
      ['en', 'Privacy notice', '200 days'],
    ])('the privacy notice in %s says what, why, how long and how to erase', async (lang, title, days) => {
      const page = await t.http.get(`/privacy?lang=${lang}`).set(html).expect(200);
      expect(page.text).toContain(`<h1>${title}</h1>`);
      expect(page.text).toContain(days);
      expect(page.text).toContain('mailto:gulnar.seminars@un.example.org');
      expect(page.text).toContain('UNGM');
      expect(page.text.match(/<h2>/g)).toHaveLength(4);
    });

    it('the consent checkbox links to the notice', async () => {
      const page = await t.http.get(`/seminars/${seminarId}?lang=en`).set(html).expect(200);
      const consent = page.text.slice(page.text.indexOf('id="signup-consent"'));
      expect(consent).toMatch(/^[\s\S]{0,600}<a href="\/privacy" target="_blank" rel="noopener">How we use your data/);
    });
  });

  it('by default names the organizer in the page language and gives MAIL_FROM as the contact', async () => {
    const t = await startTestApp({ MAIL_FROM: 'UN Seminars <seminars@un.example.org>' });
    try {
      const kk = await t.http.get('/?lang=kk').set(html).expect(200);
      expect(kk.text).toContain('Ұйымдастырушы: Қазақстандағы БҰҰ сатып алу бағдарламасы.');
      expect(kk.text).toContain('mailto:seminars@un.example.org');
      const en = await t.http.get('/?lang=en').set(html).expect(200);
      expect(en.text).toContain('Organised by United Nations procurement outreach in Kazakhstan.');
    } finally {
      await t.close();
    }
  });
});
