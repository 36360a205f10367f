import { SmtpSink } from './support/smtp-sink.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { createSeminar, seminarInput, validBin } from './support/factories.js';

const html = { Accept: 'text/html' };

/** Online seminars: no city needed, no door and no ticket, a Join button for confirmed people. */
describe('online seminars', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let onlineId: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url });
    const created = await t.http
      .post('/api/seminars')
      .set(bearer(t.adminToken))
      .send(seminarInput({ title: 'UNGM registration, online', format: 'online', city: undefined, venue: undefined, onlineUrl: 'https://meet.example.org/ungm-101' }))
      .expect(201);
    onlineId = created.body.id;
    expect(created.body).toMatchObject({ format: 'online', city: '', onlineUrl: 'https://meet.example.org/ungm-101' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('an in-person seminar still needs a city; an existing one reads as in person', async () => {
    const refused = await t.http.post('/api/seminars').set(bearer(t.adminToken)).send(seminarInput({ city: undefined })).expect(400);
    expect(JSON.stringify(refused.body.message)).toContain('city');
    const inPerson = await createSeminar(t);
    expect(inPerson.format).toBe('in_person');
    const toInPerson = await t.http.patch(`/api/seminars/${onlineId}`).set(bearer(t.adminToken)).send({ format: 'in_person' }).expect(400);
    expect(JSON.stringify(toInPerson.body.message)).toContain('city');
  });

  it('confirmed people get a Join button and no door ticket; the email has no ticket either', async () => {
    const signUp = await t.http
      .post(`/api/seminars/${onlineId}/registrations`)
      .send({ fullName: 'Айгерим Сейтқали', email: 'aigerim.online@example.kz', consent: true, language: 'en', company: { name: 'ТОО Сапа', bin: validBin() } })
      .expect(201);
    expect(signUp.body.status).toBe('confirmed');
    const [mail] = await sink.waitForTo('aigerim.online@example.kz', 1);
    expect(mail.parsed.attachments.some((attachment) => attachment.contentType === 'image/png')).toBe(false);
    expect(mail.parsed.text).not.toMatch(/entrance|ticket code/i);
    expect(mail.parsed.text).toContain('Online');
    const link = /http:\/\/localhost:3999(\/r\/[A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')![1];

    const page = await t.http.get(link).set(html).expect(200);
    expect(page.text).toContain('<a class="button" href="https://meet.example.org/ungm-101" rel="noopener">Join the online seminar</a>');
    expect(page.text).not.toContain('class="reg-qr"');
    expect(page.text).not.toContain('reg-ticket-card');
  });

  it('the catalogue says Online instead of a city, and the door does not list it', async () => {
    const catalogue = await t.http.get('/?lang=en').set(html).expect(200);
    const card = catalogue.text.slice(catalogue.text.indexOf('UNGM registration, online'));
    expect(card).toMatch(/^[\s\S]{0,400}<span class="where">Online<\/span>/);
    expect(catalogue.text).not.toContain('<option value="">Online');
    expect(catalogue.text).not.toMatch(/<option value=""\s*>\s*<\/option>/);
    const door = await consoleAs(t, 'checkin');
    const list = await door.browser.get('/admin/check-in').expect(200);
    expect(list.text).not.toContain(onlineId);
  });

  it('the console form chooses online and needs no city then', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const form = await organizer.browser.get('/admin/seminars/new?lang=en').expect(200);
    expect(form.text).toMatch(/<input type="radio" name="format" value="in_person" checked>/);
    const created = await organizer.browser.post('/admin/seminars').type('form').send({
      _csrf: csrfFrom(form.text), title: 'Online Q&A', description: '', startsAt: '2031-03-10T10:00', endsAt: '2031-03-10T11:00', registrationClosesAt: '',
      timeZone: 'Asia/Almaty', format: 'online', city: '', venue: '', onlineUrl: 'https://meet.example.org/qa', language: 'ru', capacity: '100', status: 'published',
    });
    expect(created.status).toBe(303);
    const id = /#seminar-([\w-]+)/.exec(created.headers.location)![1];
    await organizer.browser.post(`/admin/seminars/${id}/publish`).type('form').send({ _csrf: csrfFrom(form.text) }).expect(303);
    expect((await t.http.get(`/api/seminars/${id}`).expect(200)).body).toMatchObject({ format: 'online', city: '' });
    const refused = await organizer.browser.post('/admin/seminars').type('form').send({
      _csrf: csrfFrom(form.text), title: 'Nowhere', description: '', startsAt: '2031-03-10T10:00', endsAt: '2031-03-10T11:00', registrationClosesAt: '',
      timeZone: 'Asia/Almaty', format: 'in_person', city: '', venue: '', onlineUrl: '', language: 'ru', capacity: '100', status: 'published',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="sf-city-error"');
  });
});
