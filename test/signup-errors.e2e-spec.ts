import { formSession } from './support/signup-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createSeminar } from './support/factories.js';

const html = { Accept: 'text/html' };

/** A rejected sign-up on a phone: the page must land on the summary, say "Error" and name each field. */
describe('sign-up form errors', () => {
  let t: TestApp;
  let seminarId: string;

  beforeAll(async () => {
    t = await startTestApp();
    seminarId = (await createSeminar(t, { title: 'Закупки ООН' })).id;
  });
  afterAll(async () => t?.close());

  it('the form is checked by the server only and posts to the result fragment', async () => {
    const { html: page } = await formSession(t, `/seminars/${seminarId}?lang=kk`);
    expect(page).toMatch(new RegExp(`<form class="reg-form" method="post" action="/seminars/${seminarId}/register#signup-result"[^>]* novalidate>`));
  });

  it.each([
    ['ru', 'Ошибка: Закупки ООН', ['ФИО', 'Электронная почта', 'БИН', 'Согласие']],
    ['kk', 'Қате: Закупки ООН', ['Аты-жөні', 'Электрондық пошта', 'БСН', 'Келісім']],
    ['en', 'Error: Закупки ООН', ['Full name', 'Email', 'BIN', 'Consent']],
  ])('in %s: "Error:" in the title, the summary lines name their fields in form order', async (lang, title, labels) => {
    const { cookie, csrf } = await formSession(t, `/seminars/${seminarId}?lang=${lang}`);
    // Fields sent in a scrambled order: the summary still follows the form.
    const res = await t.http
      .post(`/seminars/${seminarId}/register?lang=${lang}`)
      .set(html)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, bin: '123', companyName: 'Acme', email: 'not-an-email', fullName: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`<title>${title} · `);
    const summary = /<div id="signup-result" class="notice notice-danger reg-error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '';
    const lines = [...summary.matchAll(/<li><a href="#signup-(\w+)">([^<:]+): /g)].map((match) => [match[1], match[2]]);
    expect(lines).toEqual([
      ['fullName', labels[0]],
      ['email', labels[1]],
      ['bin', labels[2]],
      ['consent', labels[3]],
    ]);
  });

  it('a reload or Back on the form address goes back to the form, not a 404', async () => {
    const res = await t.http.get(`/seminars/${seminarId}/register`).set(html);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/seminars/${seminarId}#sign-up`);
    await t.http.get('/seminars/not-a-seminar/register').set(html).expect(404);
  });

  it('the thank-you page carries the same fragment id, so a success lands on it', async () => {
    const { cookie, csrf } = await formSession(t, `/seminars/${seminarId}?lang=en`);
    const res = await t.http
      .post(`/seminars/${seminarId}/register`)
      .set(html)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, fullName: 'Айгерим Сейтқали', email: 'aigerim.errors@example.kz', companyName: 'ТОО Сапа', bin: '1001 4001 1059', consent: 'yes' });
    expect(res.status).toBe(303);
    const thanks = await t.http.get(res.headers.location).set(html).set('Cookie', cookie).expect(200);
    expect(thanks.text).toContain('id="signup-result"');
    expect(thanks.text).not.toMatch(/<title>(Error|Ошибка|Қате):/);
  });
});
