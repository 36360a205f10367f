import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxService } from '../src/mail/outbox.service.js';
import { createSeminar } from './support/factories.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

const VALID_BINS = ['000740001307', '100140011059', '981140001551'];

interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  language: string;
  subject: string;
  html: string;
  text: string;
  invitation_id: string | null;
  seminar_id: string | null;
}

describe('invitations', () => {
  let t: TestApp;
  let db: DataSource;
  let organizerToken: string;
  let checkinToken: string;

  beforeAll(async () => {
    // The worker is off so that email states are what each test sets; sending is the mail feature's to test.
    t = await startTestApp({ MAIL_WORKER: 'off', MAIL_FROM: 'UN Business Seminars <no-reply@seminars.example.org>' });
    db = t.app.get(DataSource);
    for (const role of ['organizer', 'checkin']) {
      const email = `${role}@example.org`;
      await t.http.post('/api/accounts').set(bearer(t.adminToken)).send({ email, password: `${role}-password-1`, role }).expect(201);
      const login = await t.http.post('/api/auth/login').send({ email, password: `${role}-password-1` }).expect(200);
      if (role === 'organizer') organizerToken = login.body.accessToken;
      else checkinToken = login.body.accessToken;
    }
  });
  afterAll(async () => t?.close());

  const invite = (seminarId: string, invitees: unknown[], token = organizerToken) =>
    t.http.post(`/api/seminars/${seminarId}/invitations`).set(bearer(token)).send({ invitees });
  const upload = (seminarId: string, content: string | Buffer, token = organizerToken) =>
    t.http.post(`/api/seminars/${seminarId}/invitations`).set(bearer(token)).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), { filename: 'list.csv', contentType: 'text/csv' });
  /** The invitation rows, each with its parts rendered from its snapshot (emails are rendered at send time). */
  const emailsOf = async (seminarId: string) => {
    const rows = (await db.query(`SELECT * FROM outbox_email WHERE seminar_id = ${p(1)} AND kind = 'invitation' ORDER BY recipient`, [seminarId])) as OutboxRow[];
    const outbox = t.app.get(OutboxService);
    return Promise.all(rows.map(async (row) => ({ ...row, ...pick(await outbox.get(row.id)) })));
  };
  const pick = ({ html, text, subject }: { html: string; text: string; subject: string }) => ({ html, text, subject });
  const invitationOf = async (seminarId: string, email: string) =>
    (await db.query(`SELECT * FROM invitation WHERE seminar_id = ${p(1)} AND email = ${p(2)}`, [seminarId, email]))[0] as Record<string, unknown> | undefined;
  const p = (n: number) => (db.options.type === 'postgres' ? `$${n}` : '?');
  const tokenFrom = (text: string) => /\/i\/([\w-]+)/.exec(text)?.[1];

  it('invites a JSON list: one email per invitee in the seminar language, with a personal link and escaped data', async () => {
    const seminar = await createSeminar(t, { title: 'Procurement <basics> & bids', language: 'kk', venue: 'UN House' });
    const res = await invite(seminar.id, [
      { email: 'Anna@Example.org', fullName: '<b>Anna</b> & Co', companyName: 'ACME "Best"', bin: VALID_BINS[0] },
      { email: 'boris@example.org' },
      { email: 'chen@example.org', fullName: 'Chen Li' },
    ]).expect(202);
    expect(res.body).toEqual({ queued: 3, skipped: [], errors: [] });

    const emails = await emailsOf(seminar.id);
    expect(emails.map((email) => email.recipient)).toEqual(['anna@example.org', 'boris@example.org', 'chen@example.org']);
    for (const email of emails) {
      expect(email.language).toBe('kk');
      expect(email.invitation_id).toEqual(expect.any(String));
      expect(email.subject).toContain('Procurement <basics> & bids');
      expect(email.subject).toMatch(/^Шақыру/);
      expect(email.text).toMatch(/http:\/\/localhost:3999\/i\/[\w-]{22,}/);
      expect(email.html).toContain('Алматы уақыты (UTC+5)');
    }
    const anna = emails[0];
    expect(anna.html).toContain('&lt;b&gt;Anna&lt;/b&gt; &amp; Co');
    expect(anna.html).not.toContain('<b>Anna</b>');
    expect(anna.html).toContain('Procurement &lt;basics&gt; &amp; bids');
    expect(anna.text).toContain('<b>Anna</b> & Co');
    expect(anna.text).toContain('UN House');
    // Each personal link is different and only its hash is stored.
    const tokens = emails.map((email) => tokenFrom(email.text));
    expect(new Set(tokens).size).toBe(3);
    const stored = await invitationOf(seminar.id, 'anna@example.org');
    expect(stored).toMatchObject({ status: 'invited', full_name: '<b>Anna</b> & Co', company_name: 'ACME "Best"', bin: VALID_BINS[0] });
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(tokens[0]!);

    const progress = await t.http.get(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).expect(200);
    expect(progress.body.invitations).toEqual({ invited: 3, opened: 0, registered: 0, total: 3 });
    expect(progress.body.emails).toEqual({ queued: 3, sent: 0, failed: 0 });
    expect(progress.body.list).toHaveLength(3);
    expect(progress.body.list[0]).toEqual(expect.objectContaining({ email: expect.any(String), status: 'invited', emailStatus: 'queued' }));

    // The outbox worker (off in this file) moves emails on; progress reads their state through the join.
    await writeDirectly(t, async (manager) => {
      await manager.query(`UPDATE outbox_email SET status = 'sent' WHERE id = ${p(1)}`, [emails[0].id]);
      await manager.query(`UPDATE outbox_email SET status = 'failed', last_error = 'mailbox unavailable' WHERE id = ${p(1)}`, [emails[1].id]);
    });
    const later = await t.http.get(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).expect(200);
    expect(later.body.emails).toEqual({ queued: 1, sent: 1, failed: 1 });
    expect(later.body.list.find((item: { email: string }) => item.email === emails[1].recipient)).toMatchObject({ emailStatus: 'failed', emailError: 'mailbox unavailable' });

    const audit = await db.query(`SELECT * FROM audit_event WHERE action = 'invitations.queued' AND entity_id = ${p(1)}`, [seminar.id]);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ queued: 3, skipped: 0, errors: 0, source: 'json' });
  });

  it('reads a CSV with BOM and semicolons, reports each bad row and queues the rest', async () => {
    const seminar = await createSeminar(t, { language: 'ru' });
    const csv =
      '\uFEFFEmail;Name;Company;BIN\r\n' +
      `ok1@example.org;Анна Ақан;ТОО "Альфа", филиал;${VALID_BINS[0]}\r\n` + // row 2: fine, comma inside a semicolon file
      'not-an-email;Bad Email;;\r\n' + // row 3
      'ok2@example.org;Bad Bin;Beta;123456789012\r\n' + // row 4
      'OK1@example.org;Again;;\r\n' + // row 5: duplicate of row 2
      '\r\n' +
      `"ok3@example.org";"Smith; John";"Gamma ""G"" LLP";${VALID_BINS[1]}\r\n` + // row 7: quoted separators and quotes
      'ok4@example.org;"Line\nbreak";;\r\n'; // row 8: a control character inside a quoted cell
    const res = await upload(seminar.id, csv).expect(202);
    expect(res.body.queued).toBe(2);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'email', message: expect.stringContaining('email') }),
      expect.objectContaining({ row: 4, field: 'bin', message: expect.stringContaining('bin') }),
      expect.objectContaining({ row: 8, field: 'fullName' }),
    ]);
    expect(res.body.skipped).toEqual([{ row: 5, email: 'ok1@example.org', reason: 'duplicate' }]);
    const emails = await emailsOf(seminar.id);
    expect(emails.map((email) => email.recipient)).toEqual(['ok1@example.org', 'ok3@example.org']);
    expect(await invitationOf(seminar.id, 'ok1@example.org')).toMatchObject({ full_name: 'Анна Ақан', company_name: 'ТОО "Альфа", филиал' });
    expect(await invitationOf(seminar.id, 'ok3@example.org')).toMatchObject({ full_name: 'Smith; John', company_name: 'Gamma "G" LLP', bin: VALID_BINS[1] });
    expect(await invitationOf(seminar.id, 'ok2@example.org')).toBeUndefined();
  });

  it('reads a comma-separated CSV without a header, with quoted commas', async () => {
    const seminar = await createSeminar(t);
    const res = await upload(seminar.id, `a@example.org,"Smith, John","ACME, Inc.",${VALID_BINS[2]}\nb@example.org\n`).expect(202);
    expect(res.body).toEqual({ queued: 2, skipped: [], errors: [] });
    expect(await invitationOf(seminar.id, 'a@example.org')).toMatchObject({ full_name: 'Smith, John', company_name: 'ACME, Inc.', bin: VALID_BINS[2] });
  });

  it('takes the CSV under any multipart field name, or as a raw text/csv body', async () => {
    const seminar = await createSeminar(t);
    const otherField = await t.http
      .post(`/api/seminars/${seminar.id}/invitations`)
      .set(bearer(organizerToken))
      .attach('csv', Buffer.from('email,name\nfield@example.org,Field\n'), { filename: 'list.csv', contentType: 'text/csv' })
      .expect(202);
    expect(otherField.body).toMatchObject({ queued: 1 });
    const raw = await t.http
      .post(`/api/seminars/${seminar.id}/invitations`)
      .set(bearer(organizerToken))
      .set('Content-Type', 'text/csv')
      .send('email;name\nraw1@example.org;Raw One\nnot-an-email;Bad\nraw2@example.org;Raw Two\n')
      .expect(202);
    expect(raw.body.queued).toBe(2);
    expect(raw.body.errors).toEqual([expect.objectContaining({ row: 3, field: 'email' })]);
    expect((await emailsOf(seminar.id)).map((email) => email.recipient)).toEqual(['field@example.org', 'raw1@example.org', 'raw2@example.org']);
  });

  it('reads a hostile CSV of over 1 MB (quotes inside unquoted cells) with line numbers, while /api/health keeps answering', async () => {
    const seminar = await createSeminar(t);
    const lines = ['email;name;company;notes'];
    for (let index = 0; index < 200; index++) lines.push(`hostile-${index}@example.org;Ан"на ${index};ООО "Ромашка" "${index}";a"b"c`);
    // One unquoted cell of 1 MB made of quotes: the old reader re-trimmed the cell at every quote.
    lines.push(`giant@example.org;Giant;Big "Co";${'x"'.repeat(512 * 1024)}`);
    lines.push('not-an-email;"Bad";x;y');
    const csv = lines.join('\r\n');
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const uploading = t.http.post(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).set('Content-Type', 'text/csv').send(csv);
    const [res, health] = await Promise.all([uploading, t.http.get('/api/health')]);
    expect(health.status).toBe(200);
    expect(res.status).toBe(202);
    expect(res.body.queued).toBe(201);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 203, field: 'email' })]);
    expect(await invitationOf(seminar.id, 'hostile-7@example.org')).toMatchObject({ full_name: 'Ан"на 7', company_name: 'ООО "Ромашка" "7"' });

    const unclosed = await t.http.post(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).set('Content-Type', 'text/csv').send('a@example.org;A\n"b@example.org;never closed\n');
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.message).toMatch(/^file: line 2: /);
  });

  it('never invites an address twice to the same seminar, across calls and spellings', async () => {
    const seminar = await createSeminar(t);
    const other = await createSeminar(t);
    await invite(seminar.id, [{ email: 'once@example.org' }, { email: 'twice@example.org' }]).expect(202);
    const again = await invite(seminar.id, [{ email: 'ONCE@example.org' }, { email: 'new@example.org' }, { email: 'twice@example.org' }]).expect(202);
    expect(again.body.queued).toBe(1);
    expect(again.body.skipped).toEqual([
      { row: 1, email: 'once@example.org', reason: 'already-invited' },
      { row: 3, email: 'twice@example.org', reason: 'already-invited' },
    ]);
    expect((await emailsOf(seminar.id)).map((email) => email.recipient)).toEqual(['new@example.org', 'once@example.org', 'twice@example.org']);
    // Another seminar is another invitation.
    await invite(other.id, [{ email: 'once@example.org' }]).expect(202, { queued: 1, skipped: [], errors: [] });
  });

  it('accepts a 5,000-row list and writes all 5,000 outbox emails', async () => {
    const seminar = await createSeminar(t);
    const invitees = Array.from({ length: 5000 }, (_, index) => ({ email: `person-${index}@example.org`, fullName: `Person ${index}` }));
    const res = await invite(seminar.id, invitees).expect(202);
    expect(res.body).toEqual({ queued: 5000, skipped: [], errors: [] });
    const [{ count }] = await db.query(
      `SELECT COUNT(*) AS count FROM outbox_email o JOIN invitation i ON o.invitation_id = i.id WHERE i.seminar_id = ${p(1)} AND o.kind = 'invitation'`,
      [seminar.id],
    );
    expect(Number(count)).toBe(5000);
    const progress = await t.http.get(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).expect(200);
    expect(progress.body.invitations).toEqual({ invited: 5000, opened: 0, registered: 0, total: 5000 });
    expect(progress.body.emails).toEqual({ queued: 5000, sent: 0, failed: 0 });

    await invite(seminar.id, [...invitees, { email: 'one-too-many@example.org' }]).expect(400);
    // 5,000 rows written in batches: about 40 s on PostgreSQL with the machine under full load, so
    // it gets more room than the default minute; nothing here asserts on time.
  }, 180_000);

  it('answers 400 for a request without rows, 404 for an unknown seminar, 409 for a cancelled or past one', async () => {
    const seminar = await createSeminar(t);
    await t.http.post(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).send({}).expect(400);
    await invite(seminar.id, []).expect(400);
    const notArray = await t.http.post(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).send({ invitees: 'a@example.org' });
    expect(notArray.status).toBe(400);
    expect(JSON.stringify(notArray.body.message)).toContain('invitees');
    await invite('00000000-0000-0000-0000-000000000000', [{ email: 'a@example.org' }]).expect(404);

    await t.http.post(`/api/seminars/${seminar.id}/cancel`).set(bearer(organizerToken)).expect(200);
    const cancelled = await invite(seminar.id, [{ email: 'a@example.org' }]);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.message).toContain('seminar');

    const past = await createSeminar(t, { startsAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), endsAt: new Date(Date.now() - 3 * 86_400_000 + 3_600_000).toISOString() });
    await invite(past.id, [{ email: 'a@example.org' }]).expect(409);
    expect(await emailsOf(past.id)).toEqual([]);
  });

  it('enforces roles: 401 without a token, 403 for check-in staff', async () => {
    const seminar = await createSeminar(t);
    await t.http.post(`/api/seminars/${seminar.id}/invitations`).send({ invitees: [{ email: 'a@example.org' }] }).expect(401);
    await t.http.get(`/api/seminars/${seminar.id}/invitations`).expect(401);
    await invite(seminar.id, [{ email: 'a@example.org' }], checkinToken).expect(403);
    await upload(seminar.id, 'a@example.org\n', checkinToken).expect(403);
    await t.http.get(`/api/seminars/${seminar.id}/invitations`).set(bearer(checkinToken)).expect(403);
    await t.http.get(`/admin/seminars/${seminar.id}/invitations`).set(bearer(checkinToken)).set('Accept', 'text/html').expect(403);
    const anonymous = await t.http.get(`/admin/seminars/${seminar.id}/invitations`).set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/admin\/login/);
    expect(await emailsOf(seminar.id)).toEqual([]);
  });

  it('skips people already registered (confirmed or waitlisted) and says why; a cancelled registration is invited again', async () => {
    const seminar = await createSeminar(t, { language: 'ru', capacity: 1 });
    const signUp = (email: string) => t.http.post(`/api/seminars/${seminar.id}/registrations`).send({ fullName: 'Гүлнар Ахметова', email, consent: true, company: { name: 'ТОО Дала', bin: VALID_BINS[1] } }).expect(201);
    await signUp('gulnar@example.kz');
    await signUp('waiting@example.kz');
    const cancelled = await signUp('changed-mind@example.kz');
    await t.http.post(`/api/registrations/${t.app.get(RegistrationsService).manageTokenFor(cancelled.body.id)}/cancel`).expect(200);
    const res = await invite(seminar.id, [{ email: 'Gulnar@Example.kz' }, { email: 'new@example.kz' }, { email: 'waiting@example.kz' }, { email: 'changed-mind@example.kz' }]).expect(202);
    expect(res.body.queued).toBe(2);
    expect(res.body.skipped).toEqual([
      { row: 1, email: 'gulnar@example.kz', reason: 'already-registered' },
      { row: 3, email: 'waiting@example.kz', reason: 'already-registered' },
    ]);
    expect((await emailsOf(seminar.id)).map((email) => email.recipient)).toEqual(['changed-mind@example.kz', 'new@example.kz']);

    const organizer = await consoleAs(t, 'organizer');
    const page = await organizer.browser.get(`/admin/seminars/${seminar.id}/invitations?lang=ru`).expect(200);
    const answer = await organizer.browser.post(`/admin/seminars/${seminar.id}/invitations?_csrf=${encodeURIComponent(csrfFrom(page.text))}`).field('list', 'gulnar@example.kz').expect(200);
    expect(answer.text).toContain('уже зарегистрирован на этот семинар: приглашение не нужно');
  });

  it('greets the invitee by name with the seminar summary: date, local time with the zone, city or online', async () => {
    const inPerson = await createSeminar(t, { language: 'ru', city: 'Шымкент', venue: 'Дом ООН', startsAt: '2026-12-21T04:00:00.000Z', endsAt: '2026-12-21T08:00:00.000Z' });
    await invite(inPerson.id, [{ email: 'aidos@example.kz', fullName: 'Айдос Серікұлы' }, { email: 'nobody@example.kz' }]).expect(202);
    const [named, anonymous] = await emailsOf(inPerson.id);
    expect(named.text).toContain('Здравствуйте, Айдос Серікұлы!');
    expect(named.html).toContain('Здравствуйте, Айдос Серікұлы!');
    expect(named.text).toMatch(/21 декабря 2026.*09:00.*13:00, время Алматы \(UTC\+5\)/);
    expect(named.text).toContain('Дом ООН, Шымкент');
    expect(anonymous.text).not.toContain('Здравствуйте, !');

    const online = (
      await t.http
        .post('/api/seminars')
        .set(bearer(organizerToken))
        .send({ title: 'UNGM online', startsAt: '2026-12-22T04:00:00.000Z', endsAt: '2026-12-22T06:00:00.000Z', language: 'kk', capacity: 50, format: 'online', onlineUrl: 'https://meet.example.org/ungm' })
        .expect(201)
    ).body;
    await invite(online.id, [{ email: 'asel@example.kz', fullName: 'Әсел' }]).expect(202);
    const [kk] = await emailsOf(online.id);
    expect(kk.text).toContain('Сәлеметсіз бе, Әсел!');
    expect(kk.text).toMatch(/Алматы уақыты \(UTC\+5\)/);
    expect(kk.text).toContain('Онлайн');
  });

  it('follows the personal link: marks the invitation opened once and pre-fills the sign-up form; signing up marks it registered', async () => {
    const seminar = await createSeminar(t, { language: 'en' });
    await invite(seminar.id, [{ email: 'dana@example.org', fullName: 'Dana Omarova', companyName: 'Steppe & Sons', bin: VALID_BINS[0] }]).expect(202);
    const [email] = await emailsOf(seminar.id);
    const token = tokenFrom(email.text)!;

    // The link is the token alone, and it stays the page's address: nothing personal in any URL.
    expect(email.text).toMatch(new RegExp(`/i/${token}\\s`));
    const page = await t.http.get(`/i/${token}`).set('Accept', 'text/html').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-language']).toBe('en');
    expect(page.text).toContain(`action="/seminars/${seminar.id}/register#signup-result"`);
    expect(page.text).toContain('value="Dana Omarova"');
    expect(page.text).toContain('value="dana@example.org"');
    expect(page.text).toContain('value="Steppe &amp; Sons"');
    expect(page.text).toContain(`value="${VALID_BINS[0]}"`);
    expect([...page.text.matchAll(/href="([^"]+)"/g)].map((match) => match[1]).filter((href) => /dana|Omarova|Steppe|\d{12}/i.test(href))).toEqual([]);
    const opened = await invitationOf(seminar.id, 'dana@example.org');
    expect(opened!.status).toBe('opened');
    expect(opened!.opened_at).not.toBeNull();

    await t.http.get(`/i/${token}`).set('Accept', 'text/html').expect(200);
    expect((await invitationOf(seminar.id, 'dana@example.org'))!.opened_at).toEqual(opened!.opened_at);
    // The seminar's own page fills nothing in from the query string any more.
    const bare = await t.http.get(`/seminars/${seminar.id}?fullName=Dana&email=dana%40example.org`).set('Accept', 'text/html').expect(200);
    expect(bare.text).not.toContain('value="Dana"');
    expect(bare.text).not.toContain('value="dana@example.org"');

    const unknown = await t.http.get(`/i/${'x'.repeat(32)}?lang=en`).set('Accept', 'text/html').expect(404);
    expect(unknown.text).toContain('This invitation link does not work');
    await t.http.get('/i/short').set('Accept', 'text/html').expect(404);

    const signUp = await t.http
      .post(`/api/seminars/${seminar.id}/registrations`)
      .send({ fullName: 'Dana Omarova', email: 'Dana@Example.org', consent: true, company: { name: 'Steppe & Sons', bin: VALID_BINS[0] } })
      .expect(201);
    const registered = await invitationOf(seminar.id, 'dana@example.org');
    expect(registered).toMatchObject({ status: 'registered' });
    expect(registered!.registered_at).not.toBeNull();
    const [registration] = await db.query(`SELECT invitation_id FROM registration WHERE id = ${p(1)}`, [signUp.body.id]);
    expect(registration.invitation_id).toBe(registered!.id);

    // Someone signing up without an invitation is not affected.
    const uninvited = await t.http
      .post(`/api/seminars/${seminar.id}/registrations`)
      .send({ fullName: 'Erlan', email: 'erlan@example.org', consent: true, company: { name: 'Other', bin: VALID_BINS[1] } })
      .expect(201);
    const [plain] = await db.query(`SELECT invitation_id FROM registration WHERE id = ${p(1)}`, [uninvited.body.id]);
    expect(plain.invitation_id).toBeNull();

    const progress = await t.http.get(`/api/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).expect(200);
    expect(progress.body.invitations).toEqual({ invited: 0, opened: 0, registered: 1, total: 1 });
  });

  describe('console page', () => {
    it('pastes a list, shows the row-by-row report and the progress', async () => {
      const seminar = await createSeminar(t, { title: 'Console seminar' });
      const agent = request.agent(t.app.getHttpServer());
      const page = await agent.get(`/admin/seminars/${seminar.id}/invitations?lang=en`).set(bearer(organizerToken)).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('Console seminar');
      const action = /action="(\/admin\/seminars\/[^"]+\/invitations\?_csrf=[^"]+)"/.exec(page.text)?.[1];
      expect(action).toBeDefined();

      const withoutToken = await agent
        .post(`/admin/seminars/${seminar.id}/invitations`)
        .set(bearer(organizerToken))
        .field('list', 'x@example.org');
      expect(withoutToken.status).toBe(403);

      const posted = await agent
        .post(action!.replace(/&amp;/g, '&'))
        .set(bearer(organizerToken))
        .set('Accept', 'text/html')
        .field('list', `paste1@example.org\nnot an email\npaste2@example.org, Pasted Person, ACME, ${VALID_BINS[0]}\npaste1@example.org`)
        .expect(200);
      expect(posted.text).toContain('Invitations queued for sending: 2');
      expect(posted.text).toContain('Rows with errors (not invited): 1');
      expect(posted.text).toContain('is not a valid email address');
      expect(posted.text).toContain('repeated in this list');
      expect((await emailsOf(seminar.id)).map((email) => email.recipient)).toEqual(['paste1@example.org', 'paste2@example.org']);

      const file = await agent
        .post(action!.replace(/&amp;/g, '&'))
        .set(bearer(organizerToken))
        .set('Accept', 'text/html')
        .attach('file', Buffer.from('email;name\npaste3@example.org;Three\npaste1@example.org;One\n'), { filename: 'list.csv', contentType: 'text/csv' })
        .expect(200);
      expect(file.text).toContain('Invitations queued for sending: 1');
      expect(file.text).toContain('already invited to this seminar');

      const progress = await agent.get(`/admin/seminars/${seminar.id}/invitations?status=invited`).set(bearer(organizerToken)).set('Accept', 'text/html').expect(200);
      expect(progress.text).toContain('paste3@example.org');
      expect(progress.text).toContain('Pasted Person');
      // Reloads itself (without JavaScript) only while emails still wait.
      expect(progress.headers.refresh).toMatch(/^\d+$/);
      await writeDirectly(t, (manager) => manager.query(`UPDATE outbox_email SET status = 'sent' WHERE seminar_id = ${p(1)}`, [seminar.id]));
      const done = await agent.get(`/admin/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).set('Accept', 'text/html').expect(200);
      expect(done.headers.refresh).toBeUndefined();
    });

    it('adds an address that asked by email not to be invited; no seminar invites it again', async () => {
      const seminar = await createSeminar(t);
      const agent = request.agent(t.app.getHttpServer());
      const page = await agent.get(`/admin/seminars/${seminar.id}/invitations?lang=en`).set(bearer(organizerToken)).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('Asked by email not to be invited');
      const suppress = (email: string, token = organizerToken) =>
        agent.post(`/admin/seminars/${seminar.id}/invitations/suppress`).set(bearer(token)).set('Accept', 'text/html').type('form').send({ _csrf: csrfFrom(page.text), email });

      const refused = await suppress('not an address').expect(400);
      expect(refused.text).toContain('Enter an email address.');
      expect(refused.text).toContain('value="not an address"');
      await suppress('asked.by.mail@example.org', checkinToken).expect(403);
      const added = await suppress('  Asked.By.Mail@Example.ORG ').expect(200);
      expect(added.text).toContain('asked.by.mail@example.org will not be invited again.');
      await suppress('asked.by.mail@example.org').expect(200);

      const other = await createSeminar(t, { title: 'Another seminar' });
      const report = await invite(other.id, [{ email: 'asked.by.mail@example.org' }, { email: 'still.welcome@example.org' }]).expect(202);
      expect(report.body.queued).toBe(1);
      expect(report.body.skipped).toEqual([{ row: 1, email: 'asked.by.mail@example.org', reason: 'unsubscribed' }]);
    });

    it('refuses an empty form and a cancelled seminar with a message on the page', async () => {
      const seminar = await createSeminar(t);
      const agent = request.agent(t.app.getHttpServer());
      const page = await agent.get(`/admin/seminars/${seminar.id}/invitations?lang=en`).set(bearer(organizerToken)).set('Accept', 'text/html').expect(200);
      const action = /action="(\/admin\/seminars\/[^"]+\/invitations\?_csrf=[^"]+)"/.exec(page.text)![1];
      const empty = await agent.post(action).set(bearer(organizerToken)).set('Accept', 'text/html').field('list', '  ').expect(400);
      expect(empty.text).toContain('Paste at least one address');

      await t.http.post(`/api/seminars/${seminar.id}/cancel`).set(bearer(organizerToken)).expect(200);
      const closed = await agent.post(action).set(bearer(organizerToken)).set('Accept', 'text/html').field('list', 'a@example.org').expect(409);
      expect(closed.text).toContain('This seminar is cancelled');
      const after = await agent.get(`/admin/seminars/${seminar.id}/invitations`).set(bearer(organizerToken)).set('Accept', 'text/html').expect(200);
      expect(after.text).not.toContain('enctype="multipart/form-data"');
    });
  });
});
