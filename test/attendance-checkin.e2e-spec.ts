import { DataSource } from 'typeorm';
import { AuditEvent } from '../src/audit/audit-event.entity.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { createSeminar, signUp, validBin } from './support/factories.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/** Door check-in: API, roles, idempotence, races, refusals, undo, and the door page. */
describe('attendance: door check-in', () => {
  let t: TestApp;
  let door: Awaited<ReturnType<typeof consoleAs>>;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;

  const registrations = () => t.app.get(DataSource).getRepository(Registration);
  const audits = (action: string, entityId: string) => t.app.get(DataSource).getRepository(AuditEvent).countBy({ action, entityId });

  type Person = { id: string; status: string; ticketCode: string };
  /**
   * Each test gets a door of its own: a seminar of 3 seats with three confirmed people and two on
   * the waitlist, and another seminar with one person.
   */
  async function doorScene() {
    const company = { name: 'Steppe Build LLP', bin: validBin(), sector: 'construction' };
    const seminar = await createSeminar(t, { title: 'Door test seminar', capacity: 3 });
    const other = await createSeminar(t, { title: 'The other seminar', city: 'Astana' });
    const register = async (seminarId: string, fullName: string): Promise<Person> => {
      const created = await signUp(t, seminarId, { fullName, company });
      const row = await registrations().findOneByOrFail({ id: created.id });
      return { id: created.id, status: created.status, ticketCode: row.ticketCode };
    };
    const people = {
      aigerim: await register(seminar.id, 'Aigerim Bekova'),
      daniyar: await register(seminar.id, 'Daniyar Omarov'),
      zhanna: await register(seminar.id, 'Zhanna Ospanova'),
      waiting: await register(seminar.id, 'Waiting Person'),
      waiting2: await register(seminar.id, 'Second Waiting'),
      elsewhere: await register(other.id, 'Elsewhere Person'),
    };
    const checkIn = (token: string, body: object, seminarId = seminar.id) => t.http.post(`/api/seminars/${seminarId}/check-ins`).set(bearer(token)).send(body);
    return { seminar, other, company, people, checkIn };
  }

  beforeAll(async () => {
    t = await startTestApp();
    door = await consoleAs(t, 'checkin');
    organizer = await consoleAs(t, 'organizer');
  });
  afterAll(async () => t?.close());

  it('needs a token (401) and a role that may check in; checkin, organizer and admin may', async () => {
    const { seminar, people, checkIn } = await doorScene();
    await t.http.post(`/api/seminars/${seminar.id}/check-ins`).send({ ticketCode: people.aigerim.ticketCode }).expect(401);
    expect(people.waiting.status).toBe('waitlisted');
    // organizers may check in too
    const byOrganizer = await checkIn(organizer.token, { registrationId: people.zhanna.id }).expect(200);
    expect(byOrganizer.body.alreadyCheckedIn).toBe(false);
  });

  it('checks in by ticket code typed in lower case with dashes, and records who and when', async () => {
    const { people, company, checkIn } = await doorScene();
    const code = people.aigerim.ticketCode;
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4, 7).toLowerCase()} ${code.slice(7)} `;
    const before = Date.now();
    const res = await checkIn(door.token, { ticketCode: typed }).expect(200);
    expect(res.body).toMatchObject({
      registrationId: people.aigerim.id,
      alreadyCheckedIn: false,
      fullName: 'Aigerim Bekova',
      company: { name: 'Steppe Build LLP', bin: company.bin },
      status: 'confirmed',
      checkedInBy: door.id,
    });
    expect(new Date(res.body.checkedInAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const row = await registrations().findOneByOrFail({ id: people.aigerim.id });
    expect(row.checkedInAt?.toISOString()).toBe(res.body.checkedInAt);
    expect(row.checkedInBy).toBe(door.id);
    expect(await audits('checkin.recorded', people.aigerim.id)).toBe(1);
  });

  it('is idempotent: a second scan says already checked in, with the first time', async () => {
    const { people, checkIn } = await doorScene();
    await checkIn(door.token, { ticketCode: people.aigerim.ticketCode }).expect(200);
    const first = await registrations().findOneByOrFail({ id: people.aigerim.id });
    const again = await checkIn(door.token, { ticketCode: people.aigerim.ticketCode }).expect(200);
    expect(again.body).toMatchObject({ registrationId: people.aigerim.id, alreadyCheckedIn: true, checkedInAt: first.checkedInAt!.toISOString() });
    const byId = await checkIn(organizer.token, { registrationId: people.aigerim.id }).expect(200);
    expect(byId.body).toMatchObject({ alreadyCheckedIn: true, checkedInAt: first.checkedInAt!.toISOString(), checkedInBy: door.id });
    expect(await audits('checkin.recorded', people.aigerim.id)).toBe(1);
  });

  it('records one check-in when several door phones scan the same ticket at once', async () => {
    const { people, checkIn } = await doorScene();
    const responses = await Promise.all(Array.from({ length: 6 }, () => checkIn(door.token, { ticketCode: people.daniyar.ticketCode })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(responses.filter((r) => r.body.alreadyCheckedIn === false)).toHaveLength(1);
    expect(new Set(responses.map((r) => r.body.checkedInAt)).size).toBe(1);
    expect(await audits('checkin.recorded', people.daniyar.id)).toBe(1);
  });

  it('refuses an unknown code with 404 unknown_ticket', async () => {
    const { checkIn } = await doorScene();
    for (const ticketCode of ['ZZZZZZZZZZ', 'abc', '2345-6789-AB-CD']) {
      const res = await checkIn(door.token, { ticketCode }).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'unknown_ticket' });
      expect(res.body.message).toContain('ticketCode');
    }
  });

  it('refuses a ticket for another seminar with 409 wrong_seminar, naming that seminar', async () => {
    const { other, people, checkIn } = await doorScene();
    const res = await checkIn(door.token, { ticketCode: people.elsewhere.ticketCode }).expect(409);
    expect(res.body.code).toBe('wrong_seminar');
    expect(res.body.message).toContain('The other seminar');
    expect(res.body.message).toContain(other.id);
    expect((await registrations().findOneByOrFail({ id: people.elsewhere.id })).checkedInAt).toBeNull();
  });

  it('refuses a waitlisted registration (not_confirmed) and a cancelled one (registration_cancelled)', async () => {
    const { people, checkIn } = await doorScene();
    const waiting = await checkIn(door.token, { ticketCode: people.waiting.ticketCode }).expect(409);
    expect(waiting.body.code).toBe('not_confirmed');
    const token = t.app.get(RegistrationsService).manageTokenFor(people.zhanna.id);
    await t.http.post(`/api/registrations/${token}/cancel`).expect(200);
    const cancelled = await checkIn(door.token, { ticketCode: people.zhanna.ticketCode }).expect(409);
    expect(cancelled.body.code).toBe('registration_cancelled');
    expect((await registrations().findOneByOrFail({ id: people.zhanna.id })).checkedInAt).toBeNull();
    // the freed seat went to the first on the waitlist, who may now come in; the second still may not
    expect((await registrations().findOneByOrFail({ id: people.waiting.id })).status).toBe('confirmed');
    expect((await checkIn(door.token, { ticketCode: people.waiting2.ticketCode }).expect(409)).body.code).toBe('not_confirmed');
  });

  it('validates the body: exactly one of ticketCode and registrationId, sane values', async () => {
    const { people, checkIn } = await doorScene();
    const none = await checkIn(door.token, {}).expect(400);
    expect(JSON.stringify(none.body.message)).toContain('ticketCode');
    const both = await checkIn(door.token, { ticketCode: people.aigerim.ticketCode, registrationId: people.aigerim.id }).expect(400);
    expect(JSON.stringify(both.body.message)).toContain('registrationId');
    expect(JSON.stringify((await checkIn(door.token, { ticketCode: '<script>' }).expect(400)).body.message)).toContain('ticketCode');
    expect(JSON.stringify((await checkIn(door.token, { ticketCode: 'A'.repeat(41) }).expect(400)).body.message)).toContain('ticketCode');
    expect(JSON.stringify((await checkIn(door.token, { registrationId: 'not-a-uuid' }).expect(400)).body.message)).toContain('registrationId');
    await checkIn(door.token, { ticketCode: people.aigerim.ticketCode, extra: 1 }).expect(400);
    await checkIn(door.token, { registrationId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await checkIn(door.token, { ticketCode: people.aigerim.ticketCode }, '00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('lets organizers undo a check-in (checkin staff may not), harmlessly twice', async () => {
    const { seminar, other, people, checkIn } = await doorScene();
    await checkIn(door.token, { ticketCode: people.daniyar.ticketCode }).expect(200);
    const url = `/api/seminars/${seminar.id}/check-ins/${people.daniyar.id}`;
    await t.http.delete(url).expect(401);
    await t.http.delete(url).set(bearer(door.token)).expect(403);
    const undone = await t.http.delete(url).set(bearer(organizer.token)).expect(200);
    expect(undone.body).toEqual({ registrationId: people.daniyar.id, checkedInAt: null, undone: true });
    const again = await t.http.delete(url).set(bearer(organizer.token)).expect(200);
    expect(again.body.undone).toBe(false);
    const row = await registrations().findOneByOrFail({ id: people.daniyar.id });
    expect(row.checkedInAt).toBeNull();
    expect(row.checkedInBy).toBeNull();
    expect(await audits('checkin.undone', people.daniyar.id)).toBe(1);
    await t.http.delete(`/api/seminars/${other.id}/check-ins/${people.daniyar.id}`).set(bearer(organizer.token)).expect(404);
    // and it can be checked in again afterwards
    expect((await checkIn(door.token, { ticketCode: people.daniyar.ticketCode }).expect(200)).body.alreadyCheckedIn).toBe(false);
  });

  it('gives check-in staff the door page only', async () => {
    const { seminar } = await doorScene();
    const browser = door.browser;
    const list = await browser.get('/admin/check-in?lang=en').expect(200);
    expect(list.text).toContain('Door test seminar');
    expect(list.text).toContain(`/admin/check-in/${seminar.id}`);
    await browser.get('/admin/reports').set('Accept', 'text/html').expect(403);
    await browser.get(`/admin/seminars/${seminar.id}/summary`).set('Accept', 'text/html').expect(403);
    await t.http.get(`/api/seminars/${seminar.id}/summary`).set(bearer(door.token)).expect(403);
    const anonymous = await t.http.get('/admin/check-in').set('Accept', 'text/html').expect(303);
    expect(anonymous.headers.location).toMatch(/^\/admin\/login/);
  });

  it('checks in from the door page with a plain form post, with clear feedback', async () => {
    const { seminar, people, checkIn } = await doorScene();
    const browser = door.browser;
    await checkIn(door.token, { ticketCode: people.daniyar.ticketCode }).expect(200);
    const page = await browser.get(`/admin/check-in/${seminar.id}?lang=en`).expect(200);
    expect(page.text).toMatch(/<input[^>]+name="code"[^>]+autofocus/);
    expect(page.text).toContain('1 of 3 checked in');
    const csrf = csrfFrom(page.text);
    await browser.post(`/admin/check-in/${seminar.id}`).type('form').send({ code: people.aigerim.ticketCode }).expect(403);

    const ok = await browser.post(`/admin/check-in/${seminar.id}`).type('form').send({ _csrf: csrf, code: people.aigerim.ticketCode.toLowerCase() }).expect(200);
    expect(ok.text).toContain('door-ok');
    expect(ok.text).toContain('Checked in');
    expect(ok.text).toContain('Aigerim Bekova');
    expect(ok.text).toContain('Steppe Build LLP');
    expect(ok.text).not.toContain('Undo this check-in');

    const already = await browser.post(`/admin/check-in/${seminar.id}`).type('form').send({ _csrf: csrf, code: people.aigerim.ticketCode }).expect(200);
    expect(already.text).toContain('door-warning');
    expect(already.text).toMatch(/Already checked in at \d{2}:\d{2}/);

    const wrong = await browser.post(`/admin/check-in/${seminar.id}`).type('form').send({ _csrf: csrf, code: people.elsewhere.ticketCode }).expect(200);
    expect(wrong.text).toContain('door-danger');
    expect(wrong.text).toContain('Wrong seminar');
    expect(wrong.text).toContain('The other seminar');

    const unknown = await browser.post(`/admin/check-in/${seminar.id}`).type('form').send({ _csrf: csrf, code: '<b>nope</b>' }).expect(200);
    expect(unknown.text).toContain('Unknown code');
    expect(unknown.text).toContain('&lt;b&gt;nope&lt;/b&gt;');
    expect(unknown.text).not.toContain('<b>nope</b>');

    const waiting = await browser.post(`/admin/check-in/${seminar.id}`).type('form').send({ _csrf: csrf, code: people.waiting2.ticketCode }).expect(200);
    expect(waiting.text).toContain('Waitlisted, not confirmed');
    expect(waiting.text).toContain('Second Waiting');
    expect(waiting.text).toContain('2 of 3 checked in');
  });

  it('shows organizers an undo button on the door page that works', async () => {
    const { seminar, people, checkIn } = await doorScene();
    await checkIn(door.token, { ticketCode: people.aigerim.ticketCode }).expect(200);
    await checkIn(door.token, { ticketCode: people.daniyar.ticketCode }).expect(200);
    const browser = organizer.browser;
    const page = await browser.get(`/admin/check-in/${seminar.id}?lang=en`).expect(200);
    const csrf = csrfFrom(page.text);
    const already = await browser.post(`/admin/check-in/${seminar.id}`).type('form').send({ _csrf: csrf, code: people.aigerim.ticketCode }).expect(200);
    expect(already.text).toContain('Undo this check-in');
    const undone = await browser.post(`/admin/check-in/${seminar.id}/undo`).type('form').send({ _csrf: csrf, registrationId: people.aigerim.id }).expect(200);
    expect(undone.text).toContain('Check-in undone.');
    expect(undone.text).toContain('1 of 3 checked in');
    expect((await registrations().findOneByOrFail({ id: people.aigerim.id })).checkedInAt).toBeNull();
  });

  it('renders the door page in Russian and Kazakh', async () => {
    const { seminar } = await doorScene();
    const ru = await door.browser.get(`/admin/check-in/${seminar.id}?lang=ru`).expect(200);
    expect(ru.text).toContain('Код билета');
    const kk = await door.browser.get(`/admin/check-in/${seminar.id}?lang=kk`).expect(200);
    expect(kk.text).toContain('Билет коды');
  });
});
