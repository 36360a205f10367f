import { createSeminar, seminarInput } from './support/factories.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';

describe('foundation: health, auth, seminars, languages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '5' });
  });
  afterAll(async () => t?.close());

  it('answers health once the database answers, with security headers and no X-Powered-By', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });

  it('rejects a body over 100 kB with 413 and malformed JSON with 400', async () => {
    const big = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'x'.repeat(120_000), password: 'p' }));
    expect(big.status).toBe(413);
    const bad = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  describe('auth', () => {
    it('logs the admin in with an expiring token', async () => {
      const res = await t.http.post('/api/auth/login').send(ADMIN).expect(200);
      expect(typeof res.body.accessToken).toBe('string');
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    });

    it('gives the same 401 for an unknown email and a wrong password, then 429', async () => {
      const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@example.org', password: 'whatever-123' });
      const wrong = await t.http.post('/api/auth/login').send({ email: 'target@example.org', password: 'wrong-password' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body.message).toBe(wrong.body.message);
      let last = 0;
      for (let attempt = 0; attempt < 6; attempt++) {
        last = (await t.http.post('/api/auth/login').send({ email: 'target@example.org', password: `guess-${attempt}` })).status;
      }
      expect(last).toBe(429);
    });

    it('requires a valid token (401), rejects forged or tampered tokens, and checks roles (403)', async () => {
      await t.http.post('/api/seminars').send(seminarInput()).expect(401);
      await t.http.post('/api/seminars').set(bearer('forged.token')).send(seminarInput()).expect(401);
      const tampered = t.adminToken.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'));
      await t.http.post('/api/seminars').set(bearer(tampered)).send(seminarInput()).expect(401);

      const created = await t.http.post('/api/accounts').set(bearer(t.adminToken)).send({ email: 'door@example.org', password: 'door-password-1', role: 'checkin' }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), email: 'door@example.org', role: 'checkin' });
      const door = await t.http.post('/api/auth/login').send({ email: 'door@example.org', password: 'door-password-1' }).expect(200);
      await t.http.post('/api/seminars').set(bearer(door.body.accessToken)).send(seminarInput()).expect(403);
      await t.http.post('/api/accounts').set(bearer(door.body.accessToken)).send({ email: 'x@example.org', password: 'long-enough-1', role: 'admin' }).expect(403);
    });

    it('refuses short passwords, unknown roles and duplicate accounts', async () => {
      const short = await t.http.post('/api/accounts').set(bearer(t.adminToken)).send({ email: 'short@example.org', password: 'short', role: 'organizer' });
      expect(short.status).toBe(400);
      expect(JSON.stringify(short.body.message)).toContain('password');
      const role = await t.http.post('/api/accounts').set(bearer(t.adminToken)).send({ email: 'role@example.org', password: 'long-enough-1', role: 'king' });
      expect(role.status).toBe(400);
      expect(JSON.stringify(role.body.message)).toContain('role');
      await t.http.post('/api/accounts').set(bearer(t.adminToken)).send({ email: 'dup@example.org', password: 'long-enough-1', role: 'organizer' }).expect(201);
      await t.http.post('/api/accounts').set(bearer(t.adminToken)).send({ email: 'DUP@example.org', password: 'long-enough-1', role: 'organizer' }).expect(409);
    });
  });

  describe('seminars', () => {
    it('creates a seminar with the contract fields and counts at zero', async () => {
      const input = seminarInput({ capacity: 30 });
      const res = await t.http.post('/api/seminars').set(bearer(t.adminToken)).send(input).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        title: input.title,
        description: input.description,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        timeZone: 'Asia/Almaty',
        format: 'in_person',
        city: 'Almaty',
        venue: input.venue,
        onlineUrl: null,
        language: 'ru',
        capacity: 30,
        seatsTaken: 0,
        seatsLeft: 30,
        waitlistCount: 0,
        registrationClosesAt: input.startsAt,
        registrationOpen: true,
        status: 'published',
      });
      const fetched = await t.http.get(`/api/seminars/${res.body.id}`).expect(200);
      expect(fetched.body).toEqual(res.body);
    });

    it.each([
      ['endsAt', { endsAt: new Date(Date.now() - 1000).toISOString() }],
      ['timeZone', { timeZone: 'Mars/Olympus' }],
      ['capacity', { capacity: 0 }],
      ['capacity', { capacity: 100_001 }],
      ['capacity', { capacity: 2.5 }],
      ['language', { language: 'de' }],
      ['onlineUrl', { onlineUrl: 'http://insecure.example.org' }],
      ['title', { title: 'x'.repeat(201) }],
      ['title', { title: 'bad\u0007title' }],
      ['startsAt', { startsAt: 'tomorrow' }],
      ['unknownField', { unknownField: 1 }],
    ])('rejects a bad %s with 400 naming it', async (field, overrides) => {
      const res = await t.http.post('/api/seminars').set(bearer(t.adminToken)).send(seminarInput(overrides));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    });

    it('uses DEFAULT_TIMEZONE when no zone is given', async () => {
      const { timeZone: _omit, ...input } = seminarInput();
      const res = await t.http.post('/api/seminars').set(bearer(t.adminToken)).send(input).expect(201);
      expect(res.body.timeZone).toBe('Asia/Almaty');
    });

    it('hides drafts from the public and lists published upcoming seminars soonest first', async () => {
      const draft = await createSeminar(t, { status: 'draft', title: 'Draft seminar' });
      await t.http.get(`/api/seminars/${draft.id}`).expect(404);
      const later = await createSeminar(t, { title: 'Later', startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 40 * 86_400_000 + 3_600_000).toISOString() });
      const sooner = await createSeminar(t, { title: 'Sooner', startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 2 * 86_400_000 + 3_600_000).toISOString() });
      const list = await t.http.get('/api/seminars').expect(200);
      const ids = list.body.map((s: { id: string }) => s.id);
      expect(ids).not.toContain(draft.id);
      expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
      const starts = list.body.map((s: { startsAt: string }) => s.startsAt);
      expect([...starts].sort()).toEqual(starts);
      await t.http.get('/api/seminars/00000000-0000-0000-0000-000000000000').expect(404);

      const published = await t.http.patch(`/api/seminars/${draft.id}`).set(bearer(t.adminToken)).send({ status: 'published' }).expect(200);
      expect(published.body.status).toBe('published');
      await t.http.get(`/api/seminars/${draft.id}`).expect(200);
    });

    it('edits and cancels a seminar; a cancelled one is closed for registration', async () => {
      const seminar = await createSeminar(t);
      const edited = await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(t.adminToken)).send({ venue: 'Rixos, hall B', capacity: 80 }).expect(200);
      expect(edited.body).toMatchObject({ venue: 'Rixos, hall B', capacity: 80, seatsLeft: 80 });
      const bad = await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(t.adminToken)).send({ endsAt: new Date(Date.now() - 86_400_000).toISOString() });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('endsAt');
      const cancelled = await t.http.post(`/api/seminars/${seminar.id}/cancel`).set(bearer(t.adminToken)).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', registrationOpen: false });
      await t.http.post(`/api/seminars/${seminar.id}/cancel`).set(bearer(t.adminToken)).expect(200);
      await t.http.patch(`/api/seminars/unknown-id`).set(bearer(t.adminToken)).send({ capacity: 5 }).expect(404);
    });
  });

  describe('pages and languages', () => {
    it('renders the catalogue in Russian by default', async () => {
      const res = await t.http.get('/').expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('<html lang="ru">');
      expect(res.text).toContain('Ближайшие семинары');
      // An icon of its own (no 404 for a favicon on every page load).
      expect(res.text).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
      expect((await t.http.get('/static/favicon.svg').expect(200)).headers['content-type']).toContain('image/svg+xml');
    });

    it('follows Accept-Language, then ?lang= which it remembers in a cookie', async () => {
      const english = await t.http.get('/').set('Accept-Language', 'en-US,en;q=0.9').expect(200);
      expect(english.text).toContain('<html lang="en">');
      const kazakh = await t.http.get('/?lang=kk').set('Accept-Language', 'en').expect(200);
      expect(kazakh.text).toContain('<html lang="kk">');
      expect(kazakh.text).toContain('Алдағы семинарлар');
      const cookie = kazakh.headers['set-cookie'];
      expect(String(cookie)).toContain('lang=kk');
      const remembered = await t.http.get('/').set('Cookie', 'lang=kk').set('Accept-Language', 'en').expect(200);
      expect(remembered.text).toContain('<html lang="kk">');
    });

    it('shows a seminar page with dates in the seminar time zone and escapes markup', async () => {
      const seminar = await createSeminar(t, { title: '<script>alert(1)</script> Procurement', startsAt: '2030-12-03T05:00:00.000Z', endsAt: '2030-12-03T09:00:00.000Z' });
      const res = await t.http.get(`/seminars/${seminar.id}?lang=en`).expect(200);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Procurement');
      expect(res.text).toContain('10:00');
      expect(res.text).toContain('14:00');
      await t.http.get('/seminars/does-not-exist').set('Accept', 'text/html').expect(404);
    });

    it('filters the catalogue by month as counted in Almaty, not in UTC', async () => {
      // 20:00 UTC on 30 November is 01:00 on 1 December in Almaty (UTC+5).
      await createSeminar(t, { title: 'Early December seminar', startsAt: '2030-11-30T20:00:00.000Z', endsAt: '2030-11-30T23:00:00.000Z' });
      const december = await t.http.get('/?lang=en&month=2030-12').expect(200);
      expect(december.text).toContain('Early December seminar');
      const november = await t.http.get('/?lang=en&month=2030-11').expect(200);
      expect(november.text).not.toContain('Early December seminar');
    });

    it('serves the OpenAPI docs', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      expect(res.body.paths['/api/seminars']).toBeDefined();
      expect(res.body.paths['/api/auth/login']).toBeDefined();
    });
  });
});
