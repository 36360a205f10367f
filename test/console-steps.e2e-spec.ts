import { AuditEvent } from '../src/audit/audit-event.entity.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { createSeminar } from './support/factories.js';
import { ADMIN, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';
import { browserFor, consoleAs, csrfFrom, signInToConsole } from './support/console-session.js';

/** Issue 13, item 15 in the console: drafts and Publish, focus after a wrong password (one's own password: own-password.e2e-spec). */
describe('console steps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const auditActions = (entityId: string) =>
    writeDirectly(t, (manager) => manager.find(AuditEvent, { where: { entityId }, order: { createdAt: 'ASC' } })).then((rows) => rows.map((row) => row.action));

  it('a seminar made in the console is a draft until Publish, which is audited', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const form = await organizer.browser.get('/admin/seminars/new?lang=en').expect(200);
    expect(form.text).not.toContain('name="status"');
    expect(form.text).toContain('id="sf-draft-note"');
    const created = await organizer.browser.post('/admin/seminars').type('form').send({
      _csrf: csrfFrom(form.text), title: 'Karaganda supplier day', description: '', startsAt: '2031-04-02T10:00', endsAt: '2031-04-02T13:00', registrationClosesAt: '',
      timeZone: 'Asia/Almaty', format: 'in_person', city: 'Karaganda', venue: '', onlineUrl: '', language: 'ru', capacity: '30', status: 'published',
    }).expect(303);
    expect(created.headers.location).toMatch(/^\/admin\/seminars\?notice=draftCreated#seminar-/);
    const id = /#seminar-([\w-]+)/.exec(created.headers.location)![1];
    await t.http.get(`/api/seminars/${id}`).expect(404);
    expect((await t.http.get('/').expect(200)).text).not.toContain('Karaganda supplier day');

    const list = await organizer.browser.get('/admin/seminars?notice=draftCreated&lang=en').expect(200);
    expect(list.text).toContain('The seminar was saved as a draft.');
    expect(list.text).toContain(`action="/admin/seminars/${id}/publish"`);

    const published = await organizer.browser.post(`/admin/seminars/${id}/publish`).type('form').send({ _csrf: csrfFrom(list.text) }).expect(303);
    expect(published.headers.location).toBe(`/admin/seminars?notice=published#seminar-${id}`);
    expect((await t.http.get(`/api/seminars/${id}`).expect(200)).body.status).toBe('published');
    const after = await organizer.browser.get('/admin/seminars').expect(200);
    expect(after.text).not.toContain(`action="/admin/seminars/${id}/publish"`);
    // Publishing twice changes nothing and records nothing more.
    await organizer.browser.post(`/admin/seminars/${id}/publish`).type('form').send({ _csrf: csrfFrom(list.text) }).expect(303);
    expect(await auditActions(id)).toEqual(['seminar.created', 'seminar.published']);
  });

  it('a cancelled seminar cannot be published', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const seminar = await createSeminar(t, { status: 'draft' });
    const page = await organizer.browser.get('/admin/seminars').expect(200);
    await organizer.browser.post(`/admin/seminars/${seminar.id}/cancel`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    await organizer.browser.post(`/admin/seminars/${seminar.id}/publish`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(409);
    expect((await writeDirectly(t, (manager) => manager.findOneByOrFail(Seminar, { id: seminar.id }))).status).toBe('cancelled');
  });

  it('after a wrong password the sign-in page focuses the password field, keeping the email', async () => {
    const browser = browserFor(t);
    const first = await browser.get('/admin/login?lang=en').expect(200);
    expect(first.text).toMatch(/<input id="login-email"[^>]*autofocus/);
    expect(first.text).not.toMatch(/<input id="login-password"[^>]*autofocus/);
    const wrong = await browser.post('/admin/login').type('form').send({ _csrf: csrfFrom(first.text), email: ADMIN.email, password: 'wrong-password-0' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/<input id="login-password"[^>]*autofocus/);
    expect(wrong.text).not.toMatch(/<input id="login-email"[^>]*autofocus/);
    expect(wrong.text).toContain(`value="${ADMIN.email}"`);
    expect(wrong.text.match(/autofocus/g)).toHaveLength(1);
  });
});
