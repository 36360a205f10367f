import { createHash, createHmac } from 'node:crypto';
import ICAL from 'ical.js';
import { Company, CompanyName } from '../src/companies/company.entity.js';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { createSeminar, signUpBody, validBin } from './support/factories.js';
import { dataSource, formSession } from './support/signup-fixtures.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const manageToken = (id: string) => createHmac('sha256', SECRET).update(`manage:${id}`).digest('base64url');

describe('registrations: sign-up, capacity, waitlist, self-service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const registrations = () => dataSource(t).getRepository(Registration);
  const outbox = (registrationId: string) => dataSource(t).getRepository(OutboxEmail).find({ where: { registrationId }, order: { createdAt: 'ASC' } });
  const kinds = async (registrationId: string) => (await outbox(registrationId)).map((row) => row.kind);
  const seminarRow = (id: string) => dataSource(t).getRepository(Seminar).findOneByOrFail({ id });
  const signUp = (seminarId: string, body: Record<string, unknown> = signUpBody()) => t.http.post(`/api/seminars/${seminarId}/registrations`).send(body);

  describe('POST /api/seminars/:id/registrations', () => {
    it('201: confirms, stores the normalized email, consent, a hashed derived token and a ticket code, and queues a confirmation', async () => {
      const seminar = await createSeminar(t, { language: 'kk' });
      const res = await signUp(seminar.id, signUpBody({ email: '  Aigul.N@Example.KZ ', fullName: '  Айгүл Нұрланқызы ', phone: '+7 701 234 5678', position: 'Director', language: undefined }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), status: 'confirmed', waitlistPosition: null });

      const row = await registrations().findOneByOrFail({ id: res.body.id });
      expect(row.email).toBe('aigul.n@example.kz');
      expect(row.fullName).toBe('Айгүл Нұрланқызы');
      expect(row.language).toBe('kk'); // defaults to the seminar's language
      expect(row.consentVersion).toBe('2026-11');
      expect(Math.abs(row.consentAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(row.ticketCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      // The token is derived, not stored: only its hash is in the row.
      const token = manageToken(row.id);
      expect(token.length).toBeGreaterThanOrEqual(43);
      expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(token);
      expect(t.app.get(RegistrationsService).manageUrlFor(row.id)).toBe(`http://localhost:3999/r/${token}`);

      expect(await kinds(row.id)).toEqual(['confirmation']);
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 1, waitlistCount: 0 });
    });

    it('uses the language asked for', async () => {
      const seminar = await createSeminar(t);
      const res = await signUp(seminar.id, signUpBody({ language: 'en' })).expect(201);
      expect((await registrations().findOneByOrFail({ id: res.body.id })).language).toBe('en');
    });

    it('400 for invalid input, naming the field', async () => {
      const seminar = await createSeminar(t);
      const cases: [Record<string, unknown>, string][] = [
        [signUpBody({ consent: false }), 'consent'],
        [signUpBody({ consent: 'true' }), 'consent'],
        [(({ consent: _omit, ...rest }) => rest)(signUpBody()), 'consent'],
        [signUpBody({ company: { name: 'Acme', bin: '000740001308' } }), 'company.bin'],
        [signUpBody({ company: { name: 'Acme', bin: '12345' } }), 'company.bin'],
        [signUpBody({ company: { name: '', bin: '000740001307' } }), 'company.name'],
        [signUpBody({ company: { name: 'Acme', bin: '000740001307', city: 'x'.repeat(101) } }), 'company.city'],
        [signUpBody({ company: 'Acme' }), 'company'],
        [signUpBody({ company: null }), 'company'],
        [signUpBody({ fullName: 'Eve\r\nBcc: victim@example.org' }), 'fullName'],
        [signUpBody({ fullName: 'x'.repeat(201) }), 'fullName'],
        [signUpBody({ fullName: '   ' }), 'fullName'],
        [signUpBody({ email: 'not-an-email' }), 'email'],
        [signUpBody({ email: 'a@example.org\r\nBcc: b@example.org' }), 'email'],
        [signUpBody({ phone: 'call me maybe' }), 'phone'],
        [signUpBody({ position: 'p'.repeat(201) }), 'position'],
        [signUpBody({ language: 'de' }), 'language'],
        [signUpBody({ status: 'confirmed' }), 'status'],
        [signUpBody({ company: { name: 'Acme', bin: '000740001307', id: 'x' } }), 'company.id'],
      ];
      for (const [body, field] of cases) {
        const res = await signUp(seminar.id, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(JSON.stringify(res.body.message)).toMatch(new RegExp(field.replace('.', '\\.(property )?')));
      }
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 0, waitlistCount: 0 });
    });

    it('accepts a BIN typed with spaces and dashes', async () => {
      const seminar = await createSeminar(t);
      await signUp(seminar.id, signUpBody({ company: { name: 'Acme', bin: '0007 4000-1307' } })).expect(201);
    });

    it('404 for an unknown or draft seminar', async () => {
      await signUp('00000000-0000-4000-8000-000000000000').expect(404);
      await signUp('x'.repeat(5000)).expect(404);
      const draft = await createSeminar(t, { status: 'draft' });
      const res = await signUp(draft.id);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('409 for a second active sign-up with the same email, and re-sends the manage link', async () => {
      const seminar = await createSeminar(t);
      const first = await signUp(seminar.id, signUpBody({ email: 'twice@example.kz' })).expect(201);
      const again = await signUp(seminar.id, signUpBody({ email: ' TWICE@example.kz' }));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(again.body.message).toContain('email');
      expect(await kinds(first.body.id)).toEqual(['confirmation', 'manage-link']);
      // A third try within minutes does not flood the inbox.
      await signUp(seminar.id, signUpBody({ email: 'twice@example.kz' })).expect(409);
      expect(await kinds(first.body.id)).toEqual(['confirmation', 'manage-link']);
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 1 });

      // After cancelling, the same person may sign up again.
      await t.http.post(`/api/registrations/${manageToken(first.body.id)}/cancel`).expect(200);
      await signUp(seminar.id, signUpBody({ email: 'twice@example.kz' })).expect(201);
    });

    it('the same email may sign up for another seminar', async () => {
      const a = await createSeminar(t);
      const b = await createSeminar(t);
      await signUp(a.id, signUpBody({ email: 'both@example.kz' })).expect(201);
      await signUp(b.id, signUpBody({ email: 'both@example.kz' })).expect(201);
    });

    it('409 with the reason when registration is closed, the seminar has started, or it was cancelled', async () => {
      const closes = await createSeminar(t, { registrationClosesAt: new Date(Date.now() - 3_600_000).toISOString() });
      const closed = await signUp(closes.id);
      expect(closed.status).toBe(409);
      expect(closed.body.message).toMatch(/closed at/);

      const started = await createSeminar(t, { startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() });
      const late = await signUp(started.id);
      expect(late.status).toBe(409);
      expect(late.body.message).toMatch(/started/);

      const cancelled = await createSeminar(t);
      await t.http.post(`/api/seminars/${cancelled.id}/cancel`).set(bearer(t.adminToken)).expect(200);
      const off = await signUp(cancelled.id);
      expect(off.status).toBe(409);
      expect(off.body.message).toMatch(/cancelled/);
    });
  });

  describe('companies', () => {
    it('keeps one row per BIN with the first name, and records later spellings once', async () => {
      const seminar = await createSeminar(t);
      const bin = validBin(4242);
      await signUp(seminar.id, signUpBody({ company: { name: 'Steppe Trade LLP', bin } })).expect(201);
      await signUp(seminar.id, signUpBody({ company: { name: 'ТОО «Степь Трейд»', bin, city: 'Astana', sector: 'Logistics' } })).expect(201);
      await signUp(seminar.id, signUpBody({ company: { name: 'ТОО «Степь Трейд»', bin } })).expect(201);
      await signUp(seminar.id, signUpBody({ company: { name: 'Steppe Trade LLP', bin } })).expect(201);
      const companies = await dataSource(t).getRepository(Company).findBy({ bin });
      expect(companies).toHaveLength(1);
      expect(companies[0]).toMatchObject({ name: 'Steppe Trade LLP', city: 'Astana', sector: 'Logistics' });
      const spellings = await dataSource(t).getRepository(CompanyName).findBy({ companyId: companies[0].id });
      expect(spellings.map((row) => row.name)).toEqual(['ТОО «Степь Трейд»']);
    });

    it('makes one company when many sign up with a new BIN at once', async () => {
      const seminar = await createSeminar(t, { capacity: 100 });
      const bin = validBin(777);
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(seminar.id, signUpBody({ company: { name: `Spelling ${i % 3}`, bin } }))));
      expect(responses.map((res) => res.status)).toEqual(Array(20).fill(201));
      const companies = await dataSource(t).getRepository(Company).findBy({ bin });
      expect(companies).toHaveLength(1);
      const spellings = await dataSource(t).getRepository(CompanyName).findBy({ companyId: companies[0].id });
      expect(spellings.length).toBeLessThanOrEqual(2);
    });
  });

  describe('capacity and waitlist', () => {
    async function fill(capacity: number, people: number) {
      const seminar = await createSeminar(t, { capacity });
      const ids: string[] = [];
      for (let i = 0; i < people; i++) ids.push((await signUp(seminar.id).expect(201)).body.id);
      return { seminar, ids };
    }
    const positions = async (seminarId: string) =>
      (await registrations().find({ where: { seminarId, status: 'waitlisted' }, order: { waitlistPosition: 'ASC' } })).map((row) => [row.id, row.waitlistPosition]);

    it('waitlists in sign-up order once the seats are gone', async () => {
      const seminar = await createSeminar(t, { capacity: 2 });
      const results = [];
      for (let i = 0; i < 4; i++) results.push((await signUp(seminar.id).expect(201)).body);
      expect(results.map((r) => [r.status, r.waitlistPosition])).toEqual([
        ['confirmed', null],
        ['confirmed', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ]);
      expect(await kinds(results[2].id)).toEqual(['waitlisted']);
      const view = (await t.http.get(`/api/seminars/${seminar.id}`).expect(200)).body;
      expect(view).toMatchObject({ seatsTaken: 2, seatsLeft: 0, waitlistCount: 2 });
    });

    it('promotes the first waitlisted person when a confirmed one cancels, and closes the gap', async () => {
      const { seminar, ids } = await fill(2, 5);
      await t.http.post(`/api/registrations/${manageToken(ids[0])}/cancel`).expect(200);
      expect(await kinds(ids[0])).toEqual(['confirmation', 'cancelled']);
      expect((await registrations().findOneByOrFail({ id: ids[0] })).calendarSequence).toBe(1);
      expect(await registrations().findOneByOrFail({ id: ids[2] })).toMatchObject({ status: 'confirmed', waitlistPosition: null, calendarSequence: 0 });
      expect(await kinds(ids[2])).toEqual(['waitlisted', 'promoted']);
      expect(await positions(seminar.id)).toEqual([
        [ids[3], 1],
        [ids[4], 2],
      ]);
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 2 });
    });

    it('a waitlisted person who cancels leaves the waitlist with an email saying so and no calendar; positions stay 1..N', async () => {
      const { seminar, ids } = await fill(1, 4);
      await t.http.post(`/api/registrations/${manageToken(ids[2])}/cancel`).expect(200);
      expect(await kinds(ids[2])).toEqual(['waitlisted', 'cancelled']);
      // They never had an event in their calendar, so nothing to CANCEL.
      expect((await dataSource(t).getRepository(OutboxEmail).findOneByOrFail({ registrationId: ids[2], kind: 'cancelled' })).icsMethod).toBeNull();
      expect(await positions(seminar.id)).toEqual([
        [ids[1], 1],
        [ids[3], 2],
      ]);
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 1, waitlistCount: 2 });
      expect(await registrations().findOneByOrFail({ id: ids[0] })).toMatchObject({ status: 'confirmed' });
    });

    it('promotes as many as the raised capacity allows, in the same change', async () => {
      const { seminar, ids } = await fill(1, 5);
      await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(t.adminToken)).send({ capacity: 3 }).expect(200);
      expect((await registrations().findOneByOrFail({ id: ids[1] })).status).toBe('confirmed');
      expect((await registrations().findOneByOrFail({ id: ids[2] })).status).toBe('confirmed');
      expect(await kinds(ids[1])).toEqual(['waitlisted', 'promoted']);
      expect(await positions(seminar.id)).toEqual([
        [ids[3], 1],
        [ids[4], 2],
      ]);
      const view = (await t.http.get(`/api/seminars/${seminar.id}`).expect(200)).body;
      expect(view).toMatchObject({ capacity: 3, seatsTaken: 3, seatsLeft: 0, waitlistCount: 2 });
    });

    it('a move raises the calendar sequence of confirmed registrants and queues an update', async () => {
      const { seminar, ids } = await fill(1, 2);
      const later = new Date(Date.now() + 20 * 86_400_000);
      await t.http
        .patch(`/api/seminars/${seminar.id}`)
        .set(bearer(t.adminToken))
        .send({ startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 3_600_000).toISOString() })
        .expect(200);
      expect(await registrations().findOneByOrFail({ id: ids[0] })).toMatchObject({ calendarSequence: 1 });
      expect(await kinds(ids[0])).toEqual(['confirmation', 'updated']);
      // The waitlist is told of the move too, without an invite (issue 10 item 10).
      expect(await kinds(ids[1])).toEqual(['waitlisted', 'updated']);
    });

    it('a seminar cancellation tells everyone, raising the sequence of confirmed registrants', async () => {
      const { seminar, ids } = await fill(1, 2);
      await t.http.post(`/api/seminars/${seminar.id}/cancel`).set(bearer(t.adminToken)).expect(200);
      expect(await registrations().findOneByOrFail({ id: ids[0] })).toMatchObject({ calendarSequence: 1 });
      expect(await registrations().findOneByOrFail({ id: ids[1] })).toMatchObject({ calendarSequence: 0 });
      expect(await kinds(ids[0])).toEqual(['confirmation', 'seminar-cancelled']);
      expect(await kinds(ids[1])).toEqual(['waitlisted', 'seminar-cancelled']);
      const ics = await t.http.get(`/api/registrations/${manageToken(ids[0])}/invite.ics`).expect(200);
      expect(ics.text).toContain('METHOD:CANCEL');
    });

    it('an organizer can cancel a registration with the same effects, audited', async () => {
      const { seminar, ids } = await fill(1, 2);
      const service = t.app.get(RegistrationsService);
      await service.cancelByOrganizer(ids[0], { id: 'admin-id', email: 'admin@example.org', role: 'admin' });
      expect(await kinds(ids[0])).toEqual(['confirmation', 'cancelled']);
      expect(await kinds(ids[1])).toEqual(['waitlisted', 'promoted']);
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 1, waitlistCount: 0 });
      const audit = await dataSource(t).query(`SELECT action, actor_email FROM audit_event WHERE entity_id = '${ids[0]}'`);
      expect(audit).toEqual([{ action: 'registration.cancelled', actor_email: 'admin@example.org' }]);
    });
  });

  describe('self-service by token', () => {
    it('GET shows the registration with its company and seminar; 404 for an unknown token', async () => {
      const seminar = await createSeminar(t);
      const bin = validBin(31);
      const created = await signUp(seminar.id, signUpBody({ fullName: 'Dana', email: 'dana@example.kz', company: { name: 'Dana Foods', bin, city: 'Shymkent' } })).expect(201);
      const res = await t.http.get(`/api/registrations/${manageToken(created.body.id)}`).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({
        id: created.body.id,
        status: 'confirmed',
        fullName: 'Dana',
        email: 'dana@example.kz',
        ticketCode: expect.stringMatching(/^[2-9A-Z]{10}$/),
        company: { name: 'Dana Foods', bin, city: 'Shymkent', sector: null },
        seminar: { id: seminar.id, title: seminar.title, seatsTaken: 1, status: 'published' },
      });
      await t.http.get(`/api/registrations/${'A'.repeat(43)}`).expect(404);
      await t.http.get('/api/registrations/short').expect(404);
      await t.http.post(`/api/registrations/${'A'.repeat(43)}/cancel`).expect(404);
      await t.http.get(`/api/registrations/${'A'.repeat(43)}/invite.ics`).expect(404);
    });

    it('cancel is 200 and harmless to repeat: one email only', async () => {
      const seminar = await createSeminar(t);
      const created = await signUp(seminar.id).expect(201);
      const token = manageToken(created.body.id);
      expect((await t.http.post(`/api/registrations/${token}/cancel`).expect(200)).body).toEqual({ status: 'cancelled' });
      expect((await t.http.post(`/api/registrations/${token}/cancel`).expect(200)).body).toEqual({ status: 'cancelled' });
      expect(await kinds(created.body.id)).toEqual(['confirmation', 'cancelled']);
      expect((await t.http.get(`/api/registrations/${token}`).expect(200)).body.status).toBe('cancelled');
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 0 });
    });

    it('invite.ics is the current REQUEST while confirmed, CANCEL with a higher SEQUENCE after cancelling, 409 while waitlisted', async () => {
      const seminar = await createSeminar(t, { capacity: 1, venue: 'UN House', city: 'Almaty' });
      const created = await signUp(seminar.id, signUpBody({ fullName: 'Arman', email: 'arman@example.kz' })).expect(201);
      const waiting = await signUp(seminar.id).expect(201);
      const token = manageToken(created.body.id);

      const invite = await t.http.get(`/api/registrations/${token}/invite.ics`).expect(200);
      expect(invite.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(invite.headers['content-disposition']).toMatch(/^attachment/);
      const event = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
      const request = event(invite.text);
      expect(invite.text).toContain('METHOD:REQUEST');
      expect(request.getFirstPropertyValue('uid')).toBe(`registration-${created.body.id}@localhost`);
      expect(request.getFirstPropertyValue('sequence')).toBe(0);
      expect(String(request.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:arman@example.kz');
      expect(String(request.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:no-reply@localhost');
      expect(request.getFirstPropertyValue('location')).toBe('UN House, Almaty');
      // No manage link inside the event: shared calendars expose it (issue 10 item 10).
      expect(request.getFirstPropertyValue('url')).toBeNull();
      expect(String(request.getFirstPropertyValue('description'))).not.toContain(token);

      const wait = await t.http.get(`/api/registrations/${manageToken(waiting.body.id)}/invite.ics`);
      expect(wait.status).toBe(409);
      expect(wait.body.message).toContain('waitlist');

      await t.http.post(`/api/registrations/${token}/cancel`).expect(200);
      const cancelled = await t.http.get(`/api/registrations/${token}/invite.ics`).expect(200);
      expect(cancelled.text).toContain('METHOD:CANCEL');
      const cancel = event(cancelled.text);
      expect(cancel.getFirstPropertyValue('uid')).toBe(`registration-${created.body.id}@localhost`);
      expect(cancel.getFirstPropertyValue('sequence')).toBe(1);
      expect(cancel.getFirstPropertyValue('status')).toBe('CANCELLED');
      // The waitlisted person got the seat and now has an invite.
      await t.http.get(`/api/registrations/${manageToken(waiting.body.id)}/invite.ics`).expect(200);
    });

    it('calls onSignUp handlers inside the sign-up transaction', async () => {
      const service = t.app.get(RegistrationsService);
      const seen: string[] = [];
      service.onSignUp(async (manager, registration) => {
        seen.push(registration.email);
        // The row is visible inside the same transaction.
        expect(await manager.findOneBy(Registration, { id: registration.id })).not.toBeNull();
      });
      const seminar = await createSeminar(t);
      await signUp(seminar.id, signUpBody({ email: 'hook@example.kz' })).expect(201);
      expect(seen).toContain('hook@example.kz');
    });
  });

  describe('pages', () => {
    const html = { Accept: 'text/html' };

    it('the seminar page has the sign-up form with labels, autocomplete, a numeric BIN, consent and CSRF; the query string fills nothing in', async () => {
      const seminar = await createSeminar(t);
      const page = await t.http.get(`/seminars/${seminar.id}?fullName=Aigul&email=a%40example.kz&companyName=%3Cb%3EAcme&bin=000740001307&lang=en`).set(html).expect(200);
      expect(page.text).toContain(`action="/seminars/${seminar.id}/register#signup-result"`);
      expect(page.text).toMatch(/name="_csrf" value="[^"]+"/);
      for (const field of ['fullName', 'email', 'phone', 'position', 'companyName', 'bin', 'companyCity', 'companySector', 'language', 'consent']) {
        expect(page.text).toContain(`<label for="signup-${field}"`);
        expect(page.text).toContain(`id="signup-${field}"`);
      }
      expect(page.text).toContain('autocomplete="email"');
      expect(page.text).toContain('autocomplete="name"');
      expect(page.text).toMatch(/name="bin"[^>]*inputmode="numeric"/);
      expect(page.text).toContain('2026-11');
      // Personal data stays out of URLs: only an invitation's /i/<token> page is filled in (invitations spec).
      expect(page.text).not.toContain('value="Aigul"');
      expect(page.text).not.toContain('&lt;b&gt;Acme');
    });

    it('shows field errors next to the fields in the visitor language, keeps the values (escaped), and needs CSRF', async () => {
      const seminar = await createSeminar(t);
      const { cookie, csrf } = await formSession(t, `/seminars/${seminar.id}?lang=ru`);
      const form = {
        _csrf: csrf,
        fullName: '<script>alert(1)</script>',
        email: 'broken',
        companyName: 'Acme',
        bin: '000740001308',
        language: 'ru',
      };
      const res = await t.http.post(`/seminars/${seminar.id}/register`).set(html).set('Cookie', cookie).type('form').send(form);
      expect(res.status).toBe(400);
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).toMatch(/id="signup-email"[^>]*aria-invalid="true"[^>]*aria-describedby="signup-email-hint signup-email-error"/);
      expect(res.text).toContain('id="signup-email-error"');
      expect(res.text).toContain('Введите правильный адрес электронной почты');
      expect(res.text).toContain('id="signup-bin-error"');
      expect(res.text).toContain('БИН состоит из 12 цифр');
      expect(res.text).toContain('id="signup-consent-error"');
      expect(res.text).not.toContain('id="signup-fullName-error"');
      expect(res.text).toContain('value="Acme"');

      const noCsrf = await t.http.post(`/seminars/${seminar.id}/register`).set(html).set('Cookie', cookie).type('form').send({ ...form, _csrf: 'wrong' });
      expect(noCsrf.status).toBe(403);
    });

    it('signs up through the form, then shows the thank-you and manage pages with escaped markup, QR code and invite; cancels with a confirmation step', async () => {
      const seminar = await createSeminar(t, { capacity: 1 });
      const { cookie, csrf } = await formSession(t, `/seminars/${seminar.id}?lang=en`);
      const res = await t.http
        .post(`/seminars/${seminar.id}/register`)
        .set(html)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, fullName: '<img src=x onerror=alert(1)>', email: 'Form@Example.kz', companyName: '<b>Bold</b> LLP', bin: '1001 4001 1059', consent: 'yes', language: 'en' });
      expect(res.status).toBe(303);
      const thanks = res.headers.location as string;
      expect(thanks).toMatch(/^\/r\/[\w-]{43}\/thanks$/);
      const token = thanks.split('/')[2];

      const thanksPage = await t.http.get(thanks).set(html).set('Cookie', cookie).expect(200);
      expect(thanksPage.text).toContain('Your seat is confirmed.');
      expect(thanksPage.text).toContain(`/api/registrations/${token}/invite.ics`);
      expect(thanksPage.text).toContain(`href="/r/${token}"`);

      const manage = await t.http.get(`/r/${token}?lang=en`).set(html).set('Cookie', cookie).expect(200);
      expect(manage.text).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      expect(manage.text).not.toContain('<img src=x');
      expect(manage.text).toContain('&lt;b&gt;Bold&lt;/b&gt; LLP');
      expect(manage.text).toMatch(/<img class="reg-qr" src="data:image\/png;base64,[^"]+"[^>]*alt="QR code of ticket [2-9A-Z]{10}"/);
      expect(manage.text).toContain('Almaty time (UTC+5)');
      expect(manage.text).toContain(`href="/r/${token}/cancel"`);

      // Someone else joins the waitlist through the form.
      const other = await formSession(t, `/seminars/${seminar.id}?lang=en`);
      const second = await t.http
        .post(`/seminars/${seminar.id}/register`)
        .set(html)
        .set('Cookie', other.cookie)
        .type('form')
        .send({ _csrf: other.csrf, fullName: 'Second', email: 'second@example.kz', companyName: 'Two', bin: '981140001551', consent: 'on' });
      expect(second.status).toBe(303);
      const waitPage = await t.http.get(second.headers.location).set(html).set('Cookie', other.cookie).query({ lang: 'en' }).expect(200);
      expect(waitPage.text).toContain('waitlist at position 1');

      // Already registered: the form says so.
      const dup = await t.http
        .post(`/seminars/${seminar.id}/register`)
        .set(html)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, fullName: 'Again', email: 'form@example.kz', companyName: 'Two', bin: '981140001551', consent: 'yes', language: 'en' });
      expect(dup.status).toBe(409);
      expect(dup.text).toContain('already registered');

      const confirm = await t.http.get(`/r/${token}/cancel?lang=en`).set(html).set('Cookie', cookie).expect(200);
      const confirmCsrf = /name="_csrf" value="([^"]+)"/.exec(confirm.text)![1];
      expect(confirm.text).toContain('Cancel your registration?');
      await t.http.post(`/r/${token}/cancel`).set(html).set('Cookie', cookie).type('form').send({ _csrf: 'nope' }).expect(403);
      const done = await t.http.post(`/r/${token}/cancel`).set(html).set('Cookie', cookie).type('form').send({ _csrf: confirmCsrf });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe(`/r/${token}?cancelled=1`);
      const after = await t.http.get(done.headers.location).set(html).set('Cookie', cookie).query({ lang: 'en' }).expect(200);
      expect(after.text).toContain('Your registration has been cancelled.');
      expect(after.text).not.toContain('class="reg-qr"');
      // The waitlisted person moved up.
      const promoted = await t.http.get(second.headers.location.replace('/thanks', '')).set(html).query({ lang: 'en' }).expect(200);
      expect(promoted.text).toContain('class="reg-qr"');
    });

    it('a friendly 404 for an unknown manage link', async () => {
      for (const path of [`/r/${'B'.repeat(43)}`, '/r/nonsense', `/r/${'B'.repeat(43)}/thanks`, `/r/${'B'.repeat(43)}/cancel`]) {
        const res = await t.http.get(path).set(html).query({ lang: 'en' });
        expect(res.status).toBe(404);
        expect(res.text).toContain('This registration link is not valid');
      }
    });
  });

  describe('hostile input never gets a 5xx', () => {
    const strings = [
      "' OR 1=1; DROP TABLE registration; --",
      '"; DELETE FROM seminar; --',
      '<script>alert(1)</script>',
      'x'.repeat(20_000),
      'line\r\nBcc: evil@example.org',
      '\u0000\u0007\u001b[31m',
      '../../etc/passwd',
      '%00%0d%0a',
      '😀'.repeat(300),
    ];
    const values: unknown[] = [...strings, 0, -1, 1e309, true, null, [], {}, [1, 2], { $gt: '' }];

    it('on POST /api/seminars/:id/registrations (every field, every type)', async () => {
      const seminar = await createSeminar(t, { capacity: 5 });
      const statuses = new Set<number>();
      for (const value of values) {
        for (const field of ['fullName', 'email', 'phone', 'position', 'language', 'consent', 'company']) {
          statuses.add((await signUp(seminar.id, signUpBody({ [field]: value }))).status);
        }
        for (const field of ['name', 'bin', 'city', 'sector']) {
          statuses.add((await signUp(seminar.id, signUpBody({ company: { name: 'Acme', bin: '000740001307', [field]: value } }))).status);
        }
        statuses.add((await signUp(String(value).slice(0, 2000), signUpBody())).status);
      }
      for (const raw of ['{"fullName": ', '[]', '"string"', 'null', '{"company":{"bin":', '\u0000']) {
        statuses.add((await t.http.post(`/api/seminars/${seminar.id}/registrations`).set('Content-Type', 'application/json').send(raw)).status);
      }
      statuses.add((await t.http.post(`/api/seminars/${seminar.id}/registrations`).set('Content-Type', 'text/plain').send('fullName=x')).status);
      statuses.add((await t.http.post(`/api/seminars/${seminar.id}/registrations`).type('form').send('fullName=x&company[bin]=1')).status);
      expect([...statuses].filter((status) => status >= 500)).toEqual([]);
      expect(await seminarRow(seminar.id)).toMatchObject({ seatsTaken: 5 });
    });

    it('on the token routes and pages', async () => {
      const statuses = new Set<number>();
      for (const value of strings) {
        const token = encodeURIComponent(value.slice(0, 2000));
        statuses.add((await t.http.get(`/api/registrations/${token}`)).status);
        statuses.add((await t.http.post(`/api/registrations/${token}/cancel`).send({ anything: value })).status);
        statuses.add((await t.http.get(`/api/registrations/${token}/invite.ics`)).status);
        statuses.add((await t.http.get(`/r/${token}`).set('Accept', 'text/html')).status);
        statuses.add((await t.http.get(`/r/${token}/thanks`).set('Accept', 'text/html')).status);
      }
      expect([...statuses].filter((status) => status >= 500)).toEqual([]);
    });

    it('on the sign-up form (every field, repeated fields, missing CSRF)', async () => {
      const seminar = await createSeminar(t, { capacity: 5 });
      const { cookie, csrf } = await formSession(t, `/seminars/${seminar.id}`);
      const statuses = new Set<number>();
      for (const value of strings) {
        for (const field of ['fullName', 'email', 'phone', 'position', 'language', 'consent', 'companyName', 'bin', 'companyCity', 'companySector']) {
          const form = new URLSearchParams({ _csrf: csrf, fullName: 'A', email: `f${statuses.size}@example.kz`, companyName: 'B', bin: '000740001307', consent: 'yes' });
          form.set(field, value.slice(0, 20_000));
          const res = await t.http.post(`/seminars/${seminar.id}/register`).set('Accept', 'text/html').set('Cookie', cookie).type('form').send(form.toString());
          statuses.add(res.status);
          expect(res.text).not.toContain('<script>alert(1)</script>');
        }
      }
      const repeated = await t.http.post(`/seminars/${seminar.id}/register`).set('Cookie', cookie).type('form').send(`_csrf=${csrf}&fullName=a&fullName=b&email=x@example.kz`);
      statuses.add(repeated.status);
      statuses.add((await t.http.post(`/seminars/${seminar.id}/register`).type('form').send('fullName=a')).status);
      statuses.add((await t.http.post(`/seminars/${encodeURIComponent("' OR 1=1")}/register`).set('Cookie', cookie).type('form').send(`_csrf=${csrf}`)).status);
      expect([...statuses].filter((status) => status >= 500)).toEqual([]);
      expect([...statuses].filter((status) => status < 400 && status !== 303)).toEqual([]);
    });
  });
});

describe('registrations: rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGNUP_RATE_LIMIT: '2/min' });
  });
  afterAll(async () => t?.close());

  it('429 with the contract error body after SIGNUP_RATE_LIMIT sign-ups from one address, API and form sharing the count', async () => {
    const seminar = await createSeminar(t);
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    await t.http.post(`/api/seminars/${seminar.id}/registrations`).set(from('203.0.113.7')).send(signUpBody()).expect(201);
    await t.http.post(`/api/seminars/${seminar.id}/registrations`).set(from('203.0.113.7')).send(signUpBody({ consent: false })).expect(400);
    const limited = await t.http.post(`/api/seminars/${seminar.id}/registrations`).set(from('203.0.113.7')).send(signUpBody());
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('signup'), code: 'too_many_signups' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const { cookie, csrf } = await formSession(t, `/seminars/${seminar.id}`);
    const form = await t.http.post(`/seminars/${seminar.id}/register`).set(from('203.0.113.7')).set('Cookie', cookie).type('form').send({ _csrf: csrf });
    expect(form.status).toBe(429);
    expect(Number(form.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    await t.http.post(`/api/seminars/${seminar.id}/registrations`).set(from('203.0.113.8')).send(signUpBody()).expect(201);
  });
});
