import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service.js';
import { WritePath } from '../src/database/write-path.js';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { createSeminar, signUp, validBin } from './support/factories.js';
import { ADMIN, bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';
import { browserFor, consoleAs, csrfFrom, signInToConsole } from './support/console-session.js';

/** A From address with a real domain: the calendar ORGANIZER must look like an address. */
const TEST_ENV = { MAIL_FROM: 'UN Business Seminars <no-reply@seminars.example.org>' };

const PAGES_BY_ROLE: { path: string; roles: ('admin' | 'organizer' | 'checkin')[] }[] = [
  { path: '/admin/seminars', roles: ['admin', 'organizer'] },
  { path: '/admin/seminars/new', roles: ['admin', 'organizer'] },
  { path: '/admin/outbox', roles: ['admin', 'organizer'] },
  { path: '/admin/audit', roles: ['admin', 'organizer'] },
  { path: '/admin/accounts', roles: ['admin'] },
];

describe('organizer console', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signInToConsole>>;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  let door: Awaited<ReturnType<typeof consoleAs>>;

  beforeAll(async () => {
    t = await startTestApp(TEST_ENV);
    admin = await signInToConsole(t, ADMIN.email, ADMIN.password);
    organizer = await consoleAs(t, 'organizer');
    door = await consoleAs(t, 'checkin');
  });
  afterAll(async () => t?.close());

  describe('sign-in', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie that expires with the token, and only redirects inside /admin', async () => {
      const browser = browserFor(t);
      const page = await browser.get('/admin/login?next=/admin/audit').expect(200);
      expect(page.text).toContain('name="next" value="/admin/audit"');
      const response = await browser.post('/admin/login').type('form').send({ _csrf: csrfFrom(page.text), email: ADMIN.email, password: ADMIN.password, next: '/admin/audit' });
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/admin/audit');
      const cookie = sessionCookie(response.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).not.toMatch(/Secure/i);
      expect(cookie).toMatch(/Path=\//);
      const expires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]).getTime();
      expect(expires).toBeGreaterThan(Date.now() + 7 * 3_600_000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 8 * 3_600_000 + 1000);
      await browser.get('/admin/audit').expect(200);

      for (const next of ['https://evil.example.org/', '//evil.example.org', '/admin//evil.example.org', '/\\evil.example.org', '/seminars']) {
        const again = await browser.post('/admin/login').type('form').send({ _csrf: csrfFrom(page.text), email: ADMIN.email, password: ADMIN.password, next });
        expect({ next, location: again.headers.location }).toEqual({ next, location: '/admin' });
      }
    });

    it('marks the session cookie Secure, with the __Host- prefix, when PUBLIC_URL is https', async () => {
      const secure = await startTestApp({ ...TEST_ENV, PUBLIC_URL: 'https://seminars.example.org' });
      try {
        const page = await secure.http.get('/admin/login').expect(200);
        const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith('__Host-csrf='))!;
        expect(csrfCookie).toMatch(/Secure/i);
        const response = await secure.http
          .post('/admin/login')
          .set('Cookie', csrfCookie.split(';')[0])
          .type('form')
          .send({ _csrf: csrfFrom(page.text), email: ADMIN.email, password: ADMIN.password });
        expect(response.status).toBe(303);
        const cookie = sessionCookie(response.headers['set-cookie'], '__Host-session');
        expect(cookie).toMatch(/Secure/i);
        expect(cookie).toMatch(/HttpOnly/i);
        expect(cookie).toMatch(/SameSite=Lax/i);
      } finally {
        await secure.close();
      }
    });

    it('answers a wrong password and an unknown email with the same message, and signs out', async () => {
      const browser = browserFor(t);
      const csrf = csrfFrom((await browser.get('/admin/login?lang=en').expect(200)).text);
      const wrong = await browser.post('/admin/login').type('form').send({ _csrf: csrf, email: ADMIN.email, password: 'not-the-password' });
      const unknown = await browser.post('/admin/login').type('form').send({ _csrf: csrf, email: 'nobody@example.org', password: 'not-the-password' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const message = (html: string) => /role="alert">([^<]+)</.exec(html)?.[1];
      expect(message(wrong.text)).toBe('Invalid email or password.');
      expect(message(unknown.text)).toBe(message(wrong.text));
      expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain('session=');

      const session = await signInToConsole(t, ADMIN.email, ADMIN.password);
      await session.browser.get('/admin/seminars').expect(200);
      const out = await session.browser.post('/admin/logout').type('form').send({ _csrf: session.csrf }).expect(303);
      expect(out.headers.location).toBe('/admin/login');
      expect(out.headers['set-cookie']!.toString()).toMatch(/session=;/);
      const after = await session.browser.get('/admin/seminars').expect(303);
      expect(after.headers.location).toBe('/admin/login?next=%2Fadmin%2Fseminars');
    });

    it('throttles console sign-in like the API (429 after repeated failures)', async () => {
      const browser = browserFor(t);
      const csrf = csrfFrom((await browser.get('/admin/login').expect(200)).text);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        statuses.push((await browser.post('/admin/login').type('form').send({ _csrf: csrf, email: 'throttled@example.org', password: `guess-${attempt}` })).status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses[5]).toBe(429);
      const api = await t.http.post('/api/auth/login').send({ email: 'throttled@example.org', password: 'another-guess' });
      expect(api.status).toBe(429);
    });

    it('refuses a form post without the CSRF token (403), even when signed in', async () => {
      const browser = browserFor(t);
      await browser.get('/admin/login').expect(200);
      await browser.post('/admin/login').type('form').send({ email: ADMIN.email, password: ADMIN.password }).expect(403);
      await admin.browser.post('/admin/seminars').type('form').send({ title: 'No token' }).expect(403);
      await admin.browser.post('/admin/seminars').type('form').send({ _csrf: 'x'.repeat(43), title: 'Bad token' }).expect(403);
    });
  });

  describe('role boundaries', () => {
    it.each(PAGES_BY_ROLE)('$path: allowed for $roles, 403 page for others, login for nobody', async ({ path, roles }) => {
      const sessions = { admin: admin.browser, organizer: organizer.browser, checkin: door.browser };
      for (const role of ['admin', 'organizer', 'checkin'] as const) {
        const response = await sessions[role].get(path);
        expect({ role, status: response.status }).toEqual({ role, status: roles.includes(role) ? 200 : 403 });
        if (!roles.includes(role)) expect(response.text).toContain('href="/admin/check-in"');
      }
      const anonymous = await request(t.app.getHttpServer()).get(path).set('Accept', 'text/html');
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/admin\/login\?next=/);
    });

    it('sends the check-in role from /admin to the door page and shows it only the door and sign-out', async () => {
      const home = await door.browser.get('/admin').expect(303);
      expect(home.headers.location).toBe('/admin/check-in');
      const page = await door.browser.get('/admin/seminars').expect(403);
      expect(page.text).not.toContain('href="/admin/seminars"');
      expect(page.text).not.toContain('href="/admin/accounts"');
      const organizerHome = await organizer.browser.get('/admin').expect(200);
      expect(organizerHome.text).toContain('href="/admin/seminars"');
      expect(organizerHome.text).not.toContain('href="/admin/accounts"');
    });

    it('guards the registrations page, CSV, API and erase by role', async () => {
      const seminar = await createSeminar(t);
      const registration = await signUp(t, seminar.id, { fullName: 'Role Check', email: 'role.check@example.org' });
      const base = `/admin/seminars/${seminar.id}/registrations`;
      await door.browser.get(base).expect(403);
      await door.browser.get(`${base}/export.csv`).expect(403);
      await organizer.browser.get(base).expect(200);
      await organizer.browser.get(`${base}/export.csv`).expect(200);
      await organizer.browser.get(`${base}/${registration.id}/erase`).expect(403);
      await organizer.browser.post(`${base}/${registration.id}/erase`).type('form').send({ _csrf: organizer.csrf }).expect(403);
      await admin.browser.get(`${base}/${registration.id}/erase`).expect(200);

      await t.http.get(`/api/seminars/${seminar.id}/registrations`).expect(401);
      await t.http.get(`/api/seminars/${seminar.id}/registrations`).set(bearer(door.token)).expect(403);
      await t.http.get(`/api/seminars/${seminar.id}/registrations`).set(bearer(organizer.token)).expect(200);
      await t.http.post(`/api/registrations/${registration.id}/erase`).expect(401);
      await t.http.post(`/api/registrations/${registration.id}/erase`).set(bearer(door.token)).expect(403);
      await t.http.post(`/api/registrations/${registration.id}/erase`).set(bearer(organizer.token)).expect(403);
    });

    it('keeps check-in and organizer accounts out of account management, posts included', async () => {
      for (const session of [organizer, door]) {
        await session.browser.post('/admin/accounts').type('form').send({ _csrf: session.csrf, email: 'sneaky@example.org', password: 'sneaky-password', role: 'admin' }).expect(403);
      }
      const list = await t.http.post('/api/auth/login').send({ email: 'sneaky@example.org', password: 'sneaky-password' });
      expect(list.status).toBe(401);
    });
  });

  describe('seminars through the forms', () => {
    it('creates a seminar with times typed in its own zone, shows field errors and keeps values', async () => {
      const page = await organizer.browser.get('/admin/seminars/new?lang=en').expect(200);
      expect(page.text).toContain('value="Asia/Almaty"');
      expect(page.text).toContain('value="Asia/Aqtobe"');
      const csrf = csrfFrom(page.text);

      const bad = await organizer.browser.post('/admin/seminars').type('form').send({
        _csrf: csrf, title: '', description: 'Kept text', startsAt: '2031-03-10T10:00', endsAt: '2031-03-10T09:00', registrationClosesAt: '',
        timeZone: 'Asia/Aqtobe', city: 'Aktobe', venue: '', onlineUrl: 'http://not-https.example.org', language: 'kk', capacity: '0', status: 'published',
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('id="sf-title-error"');
      expect(bad.text).toContain('id="sf-endsAt-error"');
      expect(bad.text).toContain('id="sf-onlineUrl-error"');
      expect(bad.text).toContain('id="sf-capacity-error"');
      expect(bad.text).not.toContain('id="sf-city-error"');
      expect(bad.text).toContain('Kept text');
      expect(bad.text).toContain('value="Aktobe"');
      expect(bad.text).toMatch(/<option value="Asia\/Aqtobe" selected>/);

      const created = await organizer.browser.post('/admin/seminars').type('form').send({
        _csrf: csrf, title: 'Aktobe procurement day', description: 'Line one\r\nLine two', startsAt: '2031-03-10T10:00', endsAt: '2031-03-10T14:30',
        registrationClosesAt: '2031-03-09T18:00', timeZone: 'Asia/Aqtobe', city: 'Aktobe', venue: 'Hotel Kazakhstan', onlineUrl: '', language: 'kk', capacity: '40', status: 'published',
      });
      expect(created.status).toBe(303);
      const id = /#seminar-([\w-]+)/.exec(created.headers.location)![1];
      // Made in the console, it is a draft until published, whatever the body said.
      await t.http.get(`/api/seminars/${id}`).expect(404);
      await organizer.browser.post(`/admin/seminars/${id}/publish`).type('form').send({ _csrf: csrf }).expect(303);
      const seminar = (await t.http.get(`/api/seminars/${id}`).expect(200)).body;
      // Aqtobe is UTC+5: 10:00 on the wall clock is 05:00 UTC.
      expect(seminar).toMatchObject({
        title: 'Aktobe procurement day', description: 'Line one\nLine two', timeZone: 'Asia/Aqtobe', city: 'Aktobe', venue: 'Hotel Kazakhstan', onlineUrl: null,
        language: 'kk', capacity: 40, status: 'published', startsAt: '2031-03-10T05:00:00.000Z', endsAt: '2031-03-10T09:30:00.000Z', registrationClosesAt: '2031-03-09T13:00:00.000Z',
      });
      const list = await organizer.browser.get('/admin/seminars').expect(200);
      expect(list.text).toContain('Aktobe procurement day');
      expect(list.text).toMatch(new RegExp(`<meter id="fill-${id}" min="0" max="40"`));
    });

    it('saves a draft that the public cannot see, then edits and publishes it', async () => {
      const page = await organizer.browser.get('/admin/seminars/new').expect(200);
      const csrf = csrfFrom(page.text);
      const created = await organizer.browser.post('/admin/seminars').type('form').send({
        _csrf: csrf, title: 'Draft in Almaty', description: '', startsAt: '2031-05-20T09:00', endsAt: '2031-05-20T13:00', registrationClosesAt: '',
        timeZone: 'Asia/Almaty', city: 'Almaty', venue: 'UN House', onlineUrl: '', language: 'ru', capacity: '25', status: 'draft',
      }).expect(303);
      const id = /#seminar-([\w-]+)/.exec(created.headers.location)![1];
      await t.http.get(`/api/seminars/${id}`).expect(404);

      const edit = await organizer.browser.get(`/admin/seminars/${id}/edit`).expect(200);
      expect(edit.text).toContain('value="2031-05-20T09:00"');
      expect(edit.text).toContain('value="Draft in Almaty"');
      const saved = await organizer.browser.post(`/admin/seminars/${id}/edit`).type('form').send({
        _csrf: csrfFrom(edit.text), title: 'Published in Almaty', description: 'Now public', startsAt: '2031-05-20T10:00', endsAt: '2031-05-20T13:00', registrationClosesAt: '',
        timeZone: 'Asia/Almaty', city: 'Almaty', venue: 'UN House', onlineUrl: 'https://meet.example.org/room', language: 'ru', capacity: '30', status: 'published',
      });
      expect(saved.status).toBe(303);
      const seminar = (await t.http.get(`/api/seminars/${id}`).expect(200)).body;
      expect(seminar.startsAt).toBe(new Date(`2031-05-20T10:00:00${offsetOf('Asia/Almaty', '2031-05-20T10:00:00Z')}`).toISOString());
      expect(seminar).toMatchObject({ title: 'Published in Almaty', capacity: 30, onlineUrl: 'https://meet.example.org/room', status: 'published', registrationClosesAt: seminar.startsAt });
      const audit = await admin.browser.get('/admin/audit').expect(200);
      expect(audit.text).toContain('seminar.updated');
      expect(audit.text).toContain(organizer.email);
    });

    it('duplicates a seminar into a prefilled create form that makes a new seminar', async () => {
      const source = await createSeminar(t, { title: 'Astana edition', city: 'Astana', capacity: 60 });
      const form = await organizer.browser.get(`/admin/seminars/${source.id}/duplicate`).expect(200);
      expect(form.text).toContain('action="/admin/seminars"');
      expect(form.text).toContain('value="Astana edition"');
      expect(form.text).toContain('value="60"');
      const startsAt = /name="startsAt" type="datetime-local" required value="([^"]+)"/.exec(form.text)![1];
      const endsAt = /name="endsAt" type="datetime-local" required value="([^"]+)"/.exec(form.text)![1];
      const copy = await organizer.browser.post('/admin/seminars').type('form').send({
        _csrf: csrfFrom(form.text), title: 'Astana edition', description: '', startsAt, endsAt, registrationClosesAt: '', timeZone: 'Asia/Almaty',
        city: 'Shymkent', venue: '', onlineUrl: '', language: 'ru', capacity: '60', status: 'published',
      }).expect(303);
      const copyId = /#seminar-([\w-]+)/.exec(copy.headers.location)![1];
      expect(copyId).not.toBe(source.id);
      await organizer.browser.post(`/admin/seminars/${copyId}/publish`).type('form').send({ _csrf: csrfFrom(form.text) }).expect(303);
      const created = (await t.http.get(`/api/seminars/${copyId}`).expect(200)).body;
      expect(created).toMatchObject({ city: 'Shymkent', startsAt: source.startsAt, endsAt: source.endsAt, capacity: 60 });
      expect((await t.http.get(`/api/seminars/${source.id}`).expect(200)).body.city).toBe('Astana');
    });

    it('cancels a seminar only after the confirmation step', async () => {
      const seminar = await createSeminar(t, { title: 'To be cancelled' });
      const confirm = await organizer.browser.get(`/admin/seminars/${seminar.id}/cancel`).expect(200);
      expect(confirm.text).toContain(`action="/admin/seminars/${seminar.id}/cancel"`);
      expect((await t.http.get(`/api/seminars/${seminar.id}`).expect(200)).body.status).toBe('published');
      await organizer.browser.post(`/admin/seminars/${seminar.id}/cancel`).type('form').send({ _csrf: csrfFrom(confirm.text) }).expect(303);
      expect((await t.http.get(`/api/seminars/${seminar.id}`).expect(200)).body.status).toBe('cancelled');
      const edit = await organizer.browser.get(`/admin/seminars/${seminar.id}/edit`).expect(200);
      expect(edit.text).not.toContain('<form class="adm-form"');
    });
  });

  describe('registrations page', () => {
    it('searches, filters, checks in and undoes, and cancels on someone\'s behalf after confirmation', async () => {
      const seminar = await createSeminar(t, { capacity: 1 });
      const bin = validBin();
      const first = await signUp(t, seminar.id, { fullName: 'Aigerim Sadykova', email: 'aigerim@example.org', company: { name: 'Steppe Logistics', bin } });
      const second = await signUp(t, seminar.id, { fullName: 'Dmitry Orlov', email: 'dmitry@example.org' });
      expect(second.status).toBe('waitlisted');
      const base = `/admin/seminars/${seminar.id}/registrations`;

      const all = await organizer.browser.get(`${base}?lang=en`).expect(200);
      expect(all.text).toContain('Aigerim Sadykova');
      expect(all.text).toContain('Dmitry Orlov');
      expect(all.text).toContain('place 1 on the waitlist');
      const byBin = await organizer.browser.get(`${base}?q=${bin.slice(3, 9)}`).expect(200);
      expect(byBin.text).toContain('Aigerim Sadykova');
      expect(byBin.text).not.toContain('Dmitry Orlov');
      const byCompany = await organizer.browser.get(`${base}?q=steppe`).expect(200);
      expect(byCompany.text).toContain('Aigerim Sadykova');
      const waitlisted = await organizer.browser.get(`${base}?status=waitlisted`).expect(200);
      expect(waitlisted.text).not.toContain('Aigerim Sadykova');
      expect(waitlisted.text).toContain('Dmitry Orlov');

      const csrf = csrfFrom(all.text);
      await organizer.browser.post(`${base}/${first.id}/check-in`).type('form').send({ _csrf: csrf }).expect(303);
      let json = (await t.http.get(`/api/seminars/${seminar.id}/registrations`).set(bearer(organizer.token)).expect(200)).body;
      expect(json.find((r: { id: string }) => r.id === first.id).checkedInAt).toEqual(expect.any(String));
      await organizer.browser.post(`${base}/${first.id}/undo-check-in`).type('form').send({ _csrf: csrf }).expect(303);
      json = (await t.http.get(`/api/seminars/${seminar.id}/registrations`).set(bearer(organizer.token)).expect(200)).body;
      expect(json.find((r: { id: string }) => r.id === first.id).checkedInAt).toBeNull();

      const confirm = await organizer.browser.get(`${base}/${first.id}/cancel`).expect(200);
      expect(confirm.text).toContain('Aigerim Sadykova');
      await organizer.browser.post(`${base}/${first.id}/cancel`).type('form').send({ _csrf: csrfFrom(confirm.text) }).expect(303);
      json = (await t.http.get(`/api/seminars/${seminar.id}/registrations`).set(bearer(organizer.token)).expect(200)).body;
      const statuses = Object.fromEntries(json.map((r: { id: string; status: string }) => [r.id, r.status]));
      expect(statuses).toEqual({ [first.id]: 'cancelled', [second.id]: 'confirmed' });

      const dataSource = t.app.get(DataSource);
      const cancellationEmails = await dataSource.createQueryBuilder().select('o.kind', 'kind').from('outbox_email', 'o').where('o.registration_id = :id', { id: first.id }).getRawMany();
      expect(cancellationEmails.map((row: { kind: string }) => row.kind)).toContain('cancelled');
      const audit = await admin.browser.get('/admin/audit').expect(200);
      expect(audit.text).toContain(first.id);
    });
  });

  describe('accounts', () => {
    it('creates, changes role, disables, enables and resets the password of an account, and audits it', async () => {
      const page = await admin.browser.get('/admin/accounts?lang=en').expect(200);
      const csrf = csrfFrom(page.text);
      const short = await admin.browser.post('/admin/accounts').type('form').send({ _csrf: csrf, email: 'new.person@example.org', password: 'short', role: 'organizer' });
      expect(short.status).toBe(400);
      expect(short.text).toContain('at least 10 characters');
      await admin.browser.post('/admin/accounts').type('form').send({ _csrf: csrf, email: 'new.person@example.org', password: 'first-password-1', role: 'organizer' }).expect(303);
      const again = await admin.browser.post('/admin/accounts').type('form').send({ _csrf: csrf, email: 'NEW.person@example.org', password: 'first-password-1', role: 'organizer' });
      expect(again.status).toBe(409);

      const person = await signInToConsole(t, 'new.person@example.org', 'first-password-1');
      await person.browser.get('/admin/seminars').expect(200);
      const list = await admin.browser.get('/admin/accounts').expect(200);
      const id = new RegExp(`id="account-([\\w-]+)">\\s*<td>new.person@example.org`).exec(list.text)![1];

      await admin.browser.post(`/admin/accounts/${id}/role`).type('form').send({ _csrf: csrf, role: 'checkin' }).expect(303);
      // A role change signs the account out everywhere.
      expect((await person.browser.get('/admin/seminars')).status).toBe(303);
      const asDoor = await signInToConsole(t, 'new.person@example.org', 'first-password-1');
      await asDoor.browser.get('/admin/seminars').expect(403);

      await admin.browser.post(`/admin/accounts/${id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
      await expect(signInToConsole(t, 'new.person@example.org', 'first-password-1')).rejects.toThrow('401');
      await admin.browser.post(`/admin/accounts/${id}/enable`).type('form').send({ _csrf: csrf }).expect(303);
      const tooShort = await admin.browser.post(`/admin/accounts/${id}/password`).type('form').send({ _csrf: csrf, password: 'short' }).expect(303);
      expect(tooShort.headers.location).toContain('passwordTooShort');
      await admin.browser.post(`/admin/accounts/${id}/password`).type('form').send({ _csrf: csrf, password: 'second-password-2' }).expect(303);
      await expect(signInToConsole(t, 'new.person@example.org', 'first-password-1')).rejects.toThrow('401');
      await signInToConsole(t, 'new.person@example.org', 'second-password-2');

      const self = /id="account-([\w-]+)">\s*<td>admin@example.org/.exec(list.text)![1];
      const own = await admin.browser.post(`/admin/accounts/${self}/disable`).type('form').send({ _csrf: csrf }).expect(303);
      expect(own.headers.location).toContain('ownAccount');
      await admin.browser.get('/admin/accounts').expect(200);

      const audit = await admin.browser.get('/admin/audit').expect(200);
      for (const action of ['account.created', 'account.role-changed', 'account.disabled', 'account.enabled', 'account.password-reset']) expect(audit.text).toContain(action);
      expect(audit.text).not.toContain('second-password-2');
    });
  });

  describe('outbox', () => {
    it('lists emails by status, previews one safely, and queues a failed one again', async () => {
      const seminar = await createSeminar(t);
      const person = await signUp(t, seminar.id, { fullName: 'Outbox Person', email: 'outbox.person@example.org' });
      const repository = t.app.get(DataSource).getRepository(OutboxEmail);
      await writeDirectly(t, (manager) => manager.insert(OutboxEmail, {
        kind: 'reminder', recipient: 'outbox.person@example.org', registrationId: person.id, language: 'en', subject: 'Failed reminder',
        html: '<p>Hello <script>alert(1)</script><b>there</b></p>', text: 'Hello there', messageId: `<failed-${person.id}@test>`,
        status: 'failed', attempts: 5, lastError: '550 mailbox unavailable', nextAttemptAt: new Date(),
      }));
      const failed = await repository.findOneByOrFail({ messageId: `<failed-${person.id}@test>` });

      const list = await organizer.browser.get('/admin/outbox?status=failed&lang=en').expect(200);
      expect(list.text).toContain('Failed reminder');
      expect(list.text).toContain('550 mailbox unavailable');
      expect(list.text).toContain(`action="/admin/outbox/${failed.id}/resend"`);
      const queued = await organizer.browser.get('/admin/outbox?status=queued').expect(200);
      expect(queued.text).not.toContain('Failed reminder');

      const preview = await organizer.browser.get(`/admin/outbox/${failed.id}`).expect(200);
      expect(preview.text).toContain('outbox.person@example.org');
      expect(preview.text).toContain('Hello there');
      expect(preview.text).toContain(`<iframe class="adm-email-frame" sandbox="" referrerpolicy="no-referrer" title="HTML version" src="/admin/outbox/${failed.id}/preview.html">`);
      expect(preview.text).not.toContain('<script>alert(1)</script>');
      expect(preview.text).toMatch(/· Reminder · (English|Русский|Қазақша)</);
      // The frame's own page: the email as it is, under a CSP that lets its inline styles through and nothing
      // else (no script, no request), sandboxed, framed by the console only.
      const body = await organizer.browser.get(`/admin/outbox/${failed.id}/preview.html`).expect(200);
      expect(body.text).toContain('<b>there</b>');
      expect(body.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox");
      await t.http.get(`/admin/outbox/${failed.id}/preview.html`).expect(401);
      await organizer.browser.get('/admin/outbox/00000000-0000-0000-0000-000000000000').expect(404);

      const resent = await organizer.browser.post(`/admin/outbox/${failed.id}/resend`).type('form').send({ _csrf: csrfFrom(list.text) }).expect(303);
      expect(resent.headers.location).toContain('notice=resent');
      const after = await repository.findOneByOrFail({ id: failed.id });
      expect(after.status).not.toBe('failed');
      expect(after.lastError).toBeNull();
      // Only a failed email can be sent again.
      const twice = await organizer.browser.post(`/admin/outbox/${failed.id}/resend`).type('form').send({ _csrf: csrfFrom(list.text) }).expect(303);
      expect(twice.headers.location).toContain('notice=failed');
      await door.browser.post(`/admin/outbox/${failed.id}/resend`).type('form').send({ _csrf: door.csrf }).expect(403);
      const audit = await admin.browser.get('/admin/audit').expect(200);
      expect(audit.text).toContain('email.resent');
    });
  });

  describe('audit log', () => {
    it('pages through events, newest first, in Almaty time', async () => {
      const first = await admin.browser.get('/admin/audit?lang=en').expect(200);
      expect(first.text).toContain('Almaty time (UTC+5)');
      const times = [...first.text.matchAll(/<time datetime="([^"]+)"/g)].map((match) => match[1]);
      expect(times.length).toBeGreaterThan(1);
      expect([...times].sort().reverse()).toEqual(times);
      const writePath = t.app.get(WritePath);
      const audit = t.app.get(AuditService);
      await writePath.transaction(async (manager) => {
        for (let index = 0; index < 55; index++) await audit.record(manager, null, 'test.filler', 'test', null, { index });
      });
      const newest = await admin.browser.get('/admin/audit').expect(200);
      expect(newest.text).toContain('href="/admin/audit?page=2"');
      expect(newest.text).not.toContain('rel="prev"');
      const second = await admin.browser.get('/admin/audit?page=2').expect(200);
      expect(second.text).toContain('href="/admin/audit?page=1"');
      const secondTimes = [...second.text.matchAll(/<time datetime="([^"]+)"/g)].map((match) => match[1]);
      const newestTimes = [...newest.text.matchAll(/<time datetime="([^"]+)"/g)].map((match) => match[1]);
      expect(newestTimes).toHaveLength(50);
      expect(secondTimes[0] <= newestTimes[newestTimes.length - 1]).toBe(true);
    });
  });
});

function sessionCookie(header: unknown, name = 'session'): string {
  const cookie = (header as string[] | undefined)?.find((line) => line.startsWith(`${name}=`));
  if (!cookie) throw new Error('no session cookie was set');
  return cookie;
}

/** "+05:00" style offset of a zone at an instant, computed independently of the app (Intl). */
function offsetOf(zone: string, instant: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')!.value;
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}
