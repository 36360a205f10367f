import { Account } from '../src/accounts/account.entity.js';
import { AuditEvent } from '../src/audit/audit-event.entity.js';
import { translate } from '../src/i18n/i18n.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';
import { browserFor, consoleAs, csrfFrom, signInToConsole } from './support/console-session.js';

const en = (key: string) => translate('en', key as never);
const NEW_PASSWORD = 'brand-new-password-9';

/** Issue 13, item 15: every role changes its own password on /admin/account, with the current one, throttled. */
describe('one\'s own password (/admin/account)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Three tries per account and client, as for sign-in (the same throttle).
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(async () => t?.close());

  const auditOf = (entityId: string) => writeDirectly(t, (manager) => manager.find(AuditEvent, { where: { entityId }, order: { createdAt: 'ASC' } }));
  const passwordHashOf = (id: string) => writeDirectly(t, (manager) => manager.findOneByOrFail(Account, { id })).then((account) => account.passwordHash);
  const change = (session: Awaited<ReturnType<typeof consoleAs>>, currentPassword: string, password = NEW_PASSWORD, confirm = password) =>
    session.browser.post('/admin/account/password?lang=en').type('form').send({ _csrf: session.csrf, currentPassword, password, confirm });

  it('is in every role\'s menu and needs a session and the form token', async () => {
    for (const role of ['admin', 'organizer', 'checkin'] as const) {
      const session = await consoleAs(t, role);
      const page = await session.browser.get('/admin/account?lang=en').expect(200);
      expect(page.text).toContain('href="/admin/account"');
      expect(page.text).toContain(`<h1 id="own-password-title">${en('ownPassword.title')}</h1>`);
      expect(page.text).toContain(session.email);
      for (const name of ['currentPassword', 'password', 'confirm']) expect(page.text).toContain(`name="${name}"`);
    }
    const anonymous = await browserFor(t).get('/admin/account').expect(303);
    expect(anonymous.headers.location).toBe('/admin/login?next=%2Fadmin%2Faccount');
    const organizer = await consoleAs(t, 'organizer');
    await organizer.browser.post('/admin/account/password').type('form').send({ currentPassword: organizer.password, password: NEW_PASSWORD, confirm: NEW_PASSWORD }).expect(403);
    expect(await auditOf(organizer.id).then((rows) => rows.map((row) => row.action))).toEqual(['account.created']);
  });

  it('a wrong current password is a 400 at its field and changes nothing; so are a short or unconfirmed new one', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const before = await passwordHashOf(organizer.id);

    const wrong = await change(organizer, 'not-my-password');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(`<p class="field-error" id="own-current-error">${en('ownPassword.wrong')}</p>`);
    expect(wrong.text).toMatch(/<input id="own-current"[^>]*aria-invalid="true"[^>]*autofocus/);
    expect(wrong.text.match(/autofocus/g)).toHaveLength(1);

    const short = await change(organizer, organizer.password, 'short');
    expect(short.status).toBe(400);
    expect(short.text).toContain(`id="own-new-error">${en('ownPassword.tooShort')}</p>`);
    const unconfirmed = await change(organizer, organizer.password, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain(`id="own-confirm-error">${en('ownPassword.mismatch')}</p>`);
    const missing = await change(organizer, '');
    expect(missing.status).toBe(400);
    expect(missing.text).toContain(`id="own-current-error">${en('ownPassword.currentMissing')}</p>`);

    // Nothing changed: same hash, the session lives, the old password signs in, nothing audited.
    expect(await passwordHashOf(organizer.id)).toBe(before);
    await organizer.browser.get('/admin/seminars').expect(200);
    await t.http.get('/api/reports/attendance-by-company').set(bearer(organizer.token)).expect(200);
    await signInToConsole(t, organizer.email, organizer.password);
    expect(await auditOf(organizer.id).then((rows) => rows.map((row) => row.action))).toEqual(['account.created']);
  });

  it('wrong current passwords count as failed sign-ins: past the limit 429, even with the right one, and sign-in is throttled too', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const before = await passwordHashOf(organizer.id);
    for (let i = 0; i < 3; i++) expect((await change(organizer, `guess-number-${i}`)).status).toBe(400);
    const throttled = await change(organizer, organizer.password);
    expect(throttled.status).toBe(429);
    expect(throttled.text).toContain(`id="own-current-error">${en('ownPassword.tooMany')}</p>`);
    expect(await passwordHashOf(organizer.id)).toBe(before);
    await t.http.post('/api/auth/login').send({ email: organizer.email, password: organizer.password }).expect(429);

    // The other way round: failed sign-ins use up the same tries.
    const other = await consoleAs(t, 'organizer');
    for (let i = 0; i < 3; i++) await t.http.post('/api/auth/login').send({ email: other.email, password: `guess-number-${i}` }).expect(401);
    expect((await change(other, other.password)).status).toBe(429);
    expect(await auditOf(other.id).then((rows) => rows.map((row) => row.action))).toEqual(['account.created']);
  });

  it('success: a new password, an audit entry, the other sessions end and this one goes on', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const elsewhere = await signInToConsole(t, organizer.email, organizer.password);
    await elsewhere.browser.get('/admin/seminars').expect(200);

    const changed = await change(organizer, organizer.password);
    expect(changed.status).toBe(303);
    expect(changed.headers.location).toBe('/admin/account?notice=passwordChanged');
    expect(String(changed.headers['set-cookie'])).toMatch(/HttpOnly/);

    // This session: still signed in, with the confirmation.
    const page = await organizer.browser.get('/admin/account?notice=passwordChanged&lang=en').expect(200);
    expect(page.text).toContain(en('ownPassword.changed'));
    await organizer.browser.get('/admin/seminars').expect(200);
    // The other console session and the API token: signed out.
    expect((await elsewhere.browser.get('/admin/seminars').expect(303)).headers.location).toMatch(/^\/admin\/login/);
    await t.http.get('/api/reports/attendance-by-company').set(bearer(organizer.token)).expect(401);

    await signInToConsole(t, organizer.email, NEW_PASSWORD);
    await expect(signInToConsole(t, organizer.email, organizer.password)).rejects.toThrow('401');
    const audit = await auditOf(organizer.id);
    expect(audit.map((row) => row.action)).toEqual(['account.created', 'account.password-reset']);
    expect(audit[1]).toMatchObject({ actorId: organizer.id });
    expect(audit[1].details).toContain('"own":true');
    expect(audit[1].details).not.toContain(NEW_PASSWORD);
  });

  it('door staff (checkin) change theirs from the compact menu and stay at the door', async () => {
    const staff = await consoleAs(t, 'checkin');
    const door = await staff.browser.get('/admin/check-in?lang=en').expect(200);
    expect(door.text).toMatch(/<nav class="admin-nav container admin-nav-compact"[\s\S]*?href="\/admin\/account"[\s\S]*?<\/nav>/);
    expect((await change(staff, staff.password)).status).toBe(303);
    await staff.browser.get('/admin/check-in').expect(200);
    await signInToConsole(t, staff.email, NEW_PASSWORD);
  });

  it('an admin\'s own row on Accounts leads here; the admin route sets only OTHER accounts\' passwords', async () => {
    const admin = await consoleAs(t, 'admin');
    const organizer = await consoleAs(t, 'organizer');
    const page = await admin.browser.get('/admin/accounts?lang=en').expect(200);
    const own = new RegExp(`id="account-${admin.id}">[\\s\\S]*?</tr>`).exec(page.text)![0];
    expect(own).toContain('<a href="/admin/account">');
    expect(own).not.toContain(`action="/admin/accounts/${admin.id}/password"`);
    expect(page.text).not.toContain('name="currentPassword"');

    const before = await passwordHashOf(admin.id);
    const refused = await admin.browser.post(`/admin/accounts/${admin.id}/password`).type('form').send({ _csrf: csrfFrom(page.text), password: NEW_PASSWORD }).expect(303);
    expect(refused.headers.location).toBe('/admin/account');
    expect(await passwordHashOf(admin.id)).toBe(before);

    await admin.browser.post(`/admin/accounts/${organizer.id}/password`).type('form').send({ _csrf: csrfFrom(page.text), password: NEW_PASSWORD }).expect(303);
    await signInToConsole(t, organizer.email, NEW_PASSWORD);
  });
});
